if (args.Length > 0 && args[0].StartsWith("extract", StringComparison.Ordinal)) return ExtractionBench.Run(args);
Console.WriteLine("bench");
return 0;
