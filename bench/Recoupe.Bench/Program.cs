using Recoupe.Bench;

// Benchmarks, one mode per first argument.
return args.FirstOrDefault() switch
{
    "html" => HtmlBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Recoupe.Bench html [SILVER_DIR] [--repeat N] [--worst N]");
    return 2;
}
