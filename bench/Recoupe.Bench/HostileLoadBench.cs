using System.Globalization;

namespace Recoupe.Bench;

/// <summary>
/// <c>load --hostile</c>: <c>recoupe serve</c> in its own process, normal writers POSTing the fr-news corpus in batches
/// beside hostile clients (<see cref="HostileLoad"/>); prints the normal writers' errors (must be 0), the hostile
/// requests' outcomes by status, the server's peak working set against the ceiling, and the duration.
///   load --hostile [PATH] [--seconds S] [--hostile-clients N] [--writers N] [--batch N] [--ceiling-mb MB] [--inflate-mb MB] [--depth N] [--one-item-bomb]
/// </summary>
public static class HostileLoadBench
{
    public static int Run(string[] args)
    {
        var rest = args.Where(a => a != "--hostile").ToList();
        var oneItem = rest.Remove("--one-item-bomb");
        int Take(string name, int fallback) =>
            LoadBench.TakeOption(rest, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var seconds = Take("--seconds", 60);
        var clients = Take("--hostile-clients", 8);
        var writers = Take("--writers", 2);
        var batch = Take("--batch", 50);
        var ceilingMb = Take("--ceiling-mb", 1024);
        var inflateMb = Take("--inflate-mb", 1024);
        var depth = Take("--depth", 100_000);
        var recoupe = LoadBench.RepoFile("recoupe");
        var corpus = rest.Count > 0 ? Path.GetFullPath(rest[0]) : LoadBench.DefaultCorpus();
        if (!File.Exists(corpus))
        {
            Console.Error.WriteLine($"load --hostile: no corpus at {corpus}");
            return 2;
        }
        var batches = File.ReadLines(corpus).Where(l => !string.IsNullOrWhiteSpace(l)).Chunk(batch).Select(c => string.Join("\n", c)).ToList();

        var folder = Path.Combine(Path.GetTempPath(), "recoupe-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var settings = new Dictionary<string, string>
            {
                // Half the ceiling for what write requests hold; the rest is the runtime, SQLite and the stories.
                ["Recoupe__MaxInFlightBytes"] = ((long)ceilingMb * 1024 * 1024 / 2).ToString(CultureInfo.InvariantCulture),
                ["Recoupe__BodyTimeoutSeconds"] = "10",
            };
            using var server = ServerProcess.StartAsync(recoupe, Path.Combine(folder, "hostile.db"), settings).GetAwaiter().GetResult();
            Console.WriteLine($"server    {recoupe} serve (pid {server.Pid}) on {server.Address}; write budget {ceilingMb / 2} MB, ceiling {ceilingMb} MB");
            Console.WriteLine($"load      {writers} normal writer(s), batches of {batch} from {corpus} ({batches.Count} batches); " +
                              $"{clients} hostile clients; {seconds} s; bombs inflate to {inflateMb} MB; nesting depth {depth:N0}");
            Console.WriteLine("          (the machine is shared: durations are noisy; counts and memory are the figures)");
            var result = HostileLoad.RunAsync(new Uri(server.Address), server.Pid, new HostileLoadOptions(batches,
                NormalWriters: writers, HostileClients: clients, Duration: TimeSpan.FromSeconds(seconds),
                InflatedBytes: (long)inflateMb << 20, NestingDepth: depth, OneItemBomb: oneItem)).GetAwaiter().GetResult();
            return Print(result, (long)ceilingMb << 20);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static int Print(HostileLoadResult result, long ceiling)
    {
        Console.WriteLine();
        Console.WriteLine($"normal    {result.NormalRequests} batch requests, {result.NormalRetries} retried after 429/503, errors {result.NormalErrors.Count}");
        foreach (var error in result.NormalErrors.Take(5)) Console.WriteLine($"  error: {error}");
        foreach (var (kind, outcomes) in result.HostileOutcomes.OrderBy(k => k.Key, StringComparer.Ordinal))
            Console.WriteLine($"hostile   {kind,-24} {string.Join(", ", outcomes.Select(o => $"{o.Key} ×{o.Value}"))}");
        var underCeiling = result.PeakWorkingSetBytes > 0 && result.PeakWorkingSetBytes < ceiling;
        Console.WriteLine($"memory    server peak working set {result.PeakWorkingSetBytes / 1048576.0:0} MB (VmHWM), ceiling {ceiling / 1048576} MB: " +
                          (underCeiling ? "under" : "OVER"));
        Console.WriteLine($"duration  {result.Elapsed.TotalSeconds:0.0} s");
        var ok = result.NormalErrors.Count == 0 && underCeiling;
        Console.WriteLine(ok ? "result    no normal write failed; memory stayed under the ceiling" : "result    FAILED (see above)");
        return ok ? 0 : 1;
    }
}
