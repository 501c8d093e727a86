using System.Globalization;
using System.Text.Json;
using Recoupe.Core.Stories;

namespace Recoupe.Bench;

/// <summary>
/// The labelled pairs of gold/story-pairs.jsonl (protocol in gold/story-pairs.md): for each pair, a clusterer with the
/// document frequencies of fr-news and stories-dev receives the earlier article then the later one; "same event" is
/// predicted when the later one joins the earlier one's story. Prints same-event recall and precision and agreement
/// per split (dev, frozen); --verbose lists the pairs it gets wrong.
/// </summary>
internal static class StoriesPairsBench
{
    private sealed record Pair(string Key, string Source, string A, string B, string Label, string Split);

    public static int Run(StoryClusteringOptions options, bool verbose)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) dir = dir.Parent;
        var pairs = File.ReadLines(Path.Combine(dir!.FullName, "gold", "story-pairs.jsonl")).Where(l => l.Trim().Length > 0).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            return new Pair(r.GetProperty("key").GetString()!, r.GetProperty("source").GetString()!, r.GetProperty("a").GetString()!,
                r.GetProperty("b").GetString()!, r.GetProperty("label").GetString()!, r.GetProperty("split").GetString()!);
        }).ToList();

        var corpora = new Dictionary<string, Dictionary<string, StoryInput>>();
        var background = new StoryClusterer(options);
        foreach (var source in new[] { "fr-news", "stories-dev" })
        {
            var items = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", source, "articles.jsonl"));
            corpora[source] = items.ToDictionary(i => i.Input.Id, i => i.Input);
            foreach (var item in items) background.ObserveBackground(item.Input);
        }
        using var state = new MemoryStream();
        background.Save(state);
        var saved = state.ToArray();

        var results = new List<(Pair Pair, bool Joined, double Best, double Cosine, double Gap, double Share)>();
        var traces = new Dictionary<string, string>();
        foreach (var pair in pairs)
        {
            var a = corpora[pair.Source][pair.A];
            var b = corpora[pair.Source][pair.B];
            var (first, second) = (a.Date, string.CompareOrdinal(a.Id, b.Id)) switch
            {
                var (date, _) when date < b.Date => (a, b),
                var (date, _) when date > b.Date => (b, a),
                (_, <= 0) => (a, b),
                _ => (b, a),
            };
            using var buffer = new MemoryStream(saved, writable: false);
            var clusterer = StoryClusterer.Load(buffer, options);
            clusterer.Add(first);
            var trace = new System.Text.StringBuilder();
            if (verbose) clusterer.Trace = text => trace.Append(text);
            clusterer.Add(second);
            traces[pair.Key] = trace.ToString();
            CandidateScore? top = clusterer.LastCandidates.Count > 0 ? clusterer.LastCandidates[0] : null;
            results.Add((pair, clusterer.StoryOf(first.Id) == clusterer.StoryOf(second.Id), top?.Score ?? 0, top?.Cosine ?? 0, top?.GapDays ?? 0, top?.TopConceptShare ?? 1));
        }

        foreach (var split in new[] { "dev", "frozen", "all" })
        {
            var part = results.Where(r => split == "all" || r.Pair.Split == split).ToList();
            var positives = part.Count(r => r.Pair.Label == "same_event");
            var truePositives = part.Count(r => r.Joined && r.Pair.Label == "same_event");
            var joined = part.Count(r => r.Joined);
            var agree = part.Count(r => r.Joined == (r.Pair.Label == "same_event"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{split,-6} {part.Count,3} pairs: same-event recall {truePositives}/{positives} = {Ratio(truePositives, positives):F3}, " +
                $"precision {truePositives}/{joined} = {Ratio(truePositives, joined):F3}; agreement {agree}/{part.Count}"));
        }
        // RECOUPE_PAIR_TABLE=FILE: every pair with its best candidate's figures, to study which signals separate the labels.
        if (Environment.GetEnvironmentVariable("RECOUPE_PAIR_TABLE") is { } tablePath)
            File.WriteAllLines(tablePath, results.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Pair.Key}\t{r.Pair.Split}\t{r.Pair.Label}\t{(r.Joined ? 1 : 0)}\t{r.Best:F4}\t{r.Cosine:F4}\t{r.Gap:F1}\t{r.Share:F3}")));
        if (verbose)
            foreach (var (pair, joined, best, _, _, _) in results.Where(r => r.Joined != (r.Pair.Label == "same_event")).OrderBy(r => r.Pair.Split).ThenBy(r => r.Pair.Key))
            {
                var a = corpora[pair.Source][pair.A];
                var b = corpora[pair.Source][pair.B];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(joined ? "JOINED" : "SPLIT "),-6} {pair.Split,-6} {pair.Key} {pair.Label} best {best:F3}\n    {a.Date:yyyy-MM-dd} {a.Title}\n    {b.Date:yyyy-MM-dd} {b.Title}"));
                if (Environment.GetEnvironmentVariable("RECOUPE_TRACE") is not null) Console.WriteLine(traces[pair.Key]);
            }
        return 0;
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : a / (double)b;
}
