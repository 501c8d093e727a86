using System.Diagnostics;
using System.Globalization;
using Recoupe.Core.Stories;

namespace Recoupe.Bench;

/// <summary>
/// Throughput and memory as the stream grows: fr-news repeated in blocks of 5,000 articles (the 4,962 in date order plus
/// perturbed copies of the last 38), every block perturbed (one sentence dropped, two words swapped) and shifted by ten
/// years. Changes are taken every 1,000 articles, as a store's writer does (a long-running `watch`), with the store
/// stood in for by the set of story ids issued (what the clusterer asks it). Prints, every 5 % of the run, the rate of
/// that slice and the live heap (after a full collection, outside the timed work); the articles/second over the last
/// 1,000 of each 5,000 at 5,000 and at N (same kind of articles); the heap growth after the first 100,000; and the
/// size and load time of the saved state.
/// </summary>
internal static class StoriesScaleBench
{
    private const int Block = 5_000;
    private const int Window = 1_000;
    private const int TakeEvery = 1_000;

    public static int Run(StoryClusteringOptions options, int total)
    {
        var corpus = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl")).Select(i => i.Input).ToList();
        var blockInputs = corpus.Concat(corpus.TakeLast(Block - corpus.Count).Select(i => i with { Id = i.Id + "x" })).ToList();
        var issued = new IssuedStoryIds();
        var clusterer = new StoryClusterer(options) { IdRegistry = issued };
        var rates = new List<(int Stored, double Rate)>();
        var heaps = new List<(int Stored, double Mb)>();
        var windowClock = new Stopwatch();
        var windowCpu = TimeSpan.Zero;
        var step = Math.Max(1, total / 20);
        var sliceCpu = Cpu();
        var sliceClock = Stopwatch.StartNew();
        var cpuStart = Cpu();
        var wall = Stopwatch.StartNew();
        var events = 0;
        var paused = TimeSpan.Zero;
        for (var n = 0; n < total; n++)
        {
            var b = n / Block;
            var input = StoriesBench.Perturb(blockInputs[n % Block], b, n % Block >= corpus.Count);
            if (n % Block == Block - Window)
            {
                windowClock.Restart();
                windowCpu = Cpu();
            }
            clusterer.Add(input);
            if ((n + 1) % TakeEvery == 0) events += issued.Record(clusterer.TakeChanges());
            if (n % Block == Block - 1)
            {
                windowClock.Stop();
                rates.Add((n + 1, Window / (Cpu() - windowCpu).TotalSeconds));
            }
            if ((n + 1) % step == 0 || n + 1 == total)
            {
                var cpu = (Cpu() - sliceCpu).TotalSeconds;
                var slice = sliceClock.Elapsed.TotalSeconds;
                var pause = Stopwatch.StartNew();
                var heap = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
                heaps.Add((n + 1, heap));
                var counts = clusterer.MemoryCounts;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{100.0 * (n + 1) / total,5:F0}% {n + 1,9}: {step / cpu,6:F0} articles/s of CPU ({step / slice,5:F0}/s wall), load {Load()}; live heap {heap,6:F1} MB; " +
                    $"{clusterer.StoryCount} stories, {clusterer.OpenStoryCount} open; in memory: {counts.Articles} articles, {counts.Stories} stories, " +
                    $"{counts.CopyGroups} copy groups, {counts.Postings} postings, {counts.Terms} terms, {counts.NearDuplicateEntries} band entries; {issued.Count} ids issued"));
                pause.Stop();
                paused += pause.Elapsed;
                sliceCpu = Cpu();
                sliceClock.Restart();
            }
        }
        wall.Stop();
        var totalCpu = Cpu() - cpuStart;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var first = rates.First(r => r.Stored == Block).Rate;
        var last = rates[^1].Rate;
        var running = (wall.Elapsed - paused).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total {total} articles in {running:F1} s wall ({total / running:F0}/s), cpu {totalCpu.TotalSeconds:F1} s ({total / totalCpu.TotalSeconds:F0}/s per core)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last {Window} articles, per CPU second: at {Block} stored {first:F0}/s; at {rates[^1].Stored} stored {last:F0}/s; ratio {first / last:F2}"));
        var after = heaps.FirstOrDefault(h => h.Stored >= 100_000);
        if (after.Stored > 0)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"live heap: {after.Mb:F1} MB at {after.Stored}, {heaps[^1].Mb:F1} MB at {heaps[^1].Stored} (growth {heaps[^1].Mb - after.Mb:+0.0;-0.0} MB; max {heaps.Where(h => h.Stored >= after.Stored).Max(h => h.Mb):F1} MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB; the store stand-in (issued ids) holds {issued.Count} ids"));

        var save = Stopwatch.StartNew();
        using var state = new MemoryStream();
        clusterer.Save(state);
        save.Stop();
        state.Position = 0;
        var load = Stopwatch.StartNew();
        var loaded = StoryClusterer.Load(state, options);
        load.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"saved state: {state.Length / 1048576.0:F1} MB, saved in {save.Elapsed.TotalMilliseconds:F0} ms, loaded in {load.Elapsed.TotalMilliseconds:F0} ms ({loaded.OpenStoryCount} open stories)"));
        Console.WriteLine($"stories {clusterer.StoryCount}, events {events}");
        return 0;
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>What the store knows of the story ids issued (live, closed or merged away), as 48-bit numbers.</summary>
    private sealed class IssuedStoryIds : IStoryIdRegistry
    {
        private readonly HashSet<long> _ids = [];

        public int Count => _ids.Count;

        public bool IsIssued(string storyId) => _ids.Contains(Key(storyId));

        /// <summary>Records the ids a batch of changes wrote; returns how many merges and splits it held.</summary>
        public int Record(StoryChanges changes)
        {
            foreach (var story in changes.Stories) _ids.Add(Key(story.Id));
            foreach (var old in changes.Redirects.Keys) _ids.Add(Key(old));
            return changes.Events.Count;
        }

        private static long Key(string id) => long.Parse(id.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
