using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// Digest time per story, articles read from a store filled through the real pipeline:
///   digest dev     the 30 gold stories of ../shared/corpus/stories-dev (2–8 articles each)
///   digest scale   the first 25, 50, 100, 200 and 400 articles of fr-news taken as one story (how it grows)
///   digest summary the stories-dev gold stories of two or more outlets: how many summary items two or more outlets
///                  state, exclusives and contradictions, and every multi-outlet item with its evidence (to check by hand)
/// Each digest is built once to warm up, then timed over several runs; the median is reported, with JSON and HTML rendering.
/// Times are CPU time of this process (the digest runs on one thread), so other load on the machine does not inflate them.
/// </summary>
internal static class DigestBench
{
    private const int Runs = 5;

    public static int Run(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "dev";
        var shared = StoriesData.SharedRoot();
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-digest-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var store = new SqliteArticleStore(Path.Combine(folder, "bench.db"));
            switch (mode)
            {
                case "dev":
                    return Dev(store, Path.Combine(shared, "corpus", "stories-dev", "articles.jsonl"));
                case "summary":
                    return Summary(store, Path.Combine(shared, "corpus", "stories-dev", "articles.jsonl"));
                case "scale":
                    return Scale(store, Path.Combine(shared, "corpus", "fr-news", "articles.jsonl"));
                default:
                    Console.Error.WriteLine($"bench digest: unknown mode '{mode}' (dev | scale | summary)");
                    return 2;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Dev(IArticleStore store, string path)
    {
        var stories = GoldStories(store, path);
        var times = stories.Select(Time).ToList();
        Report($"{stories.Count} gold stories, {stories.Sum(s => s.Count)} articles", times);
        return 0;
    }

    private static int Summary(IArticleStore store, string path)
    {
        var stories = GoldStories(store, path);
        // stories-dev comes from one site (OrangeSum) and names no outlet: each article stands for a source of its own,
        // so that what is measured is whether sentences of different articles are rightly taken as one fact
        foreach (var article in stories.SelectMany(s => s))
            article.Metadata.Outlet ??= "doc " + article.Raw.Source[(article.Raw.Source.LastIndexOf(' ') + 1)..];
        int multiStories = 0, items = 0, multiItems = 0, exclusives = 0, contradictions = 0;
        foreach (var articles in stories)
        {
            var digest = DigestBuilder.Build(articles);
            if (digest.Story.Outlets.Count < 2) continue;
            multiStories++;
            items += digest.Summary.Count;
            exclusives += digest.Exclusives.Count;
            contradictions += digest.Contradictions.Count;
            foreach (var item in digest.Summary)
            {
                var alike = DigestText.Alike(item).ToList();
                if (alike.Count == 0) continue;
                multiItems++;
                Console.WriteLine($"[{articles[0].Id}] {item.Outlet}: {DigestText.Excerpt(item.Text, 160)}");
                foreach (var s in alike) Console.WriteLine($"    = {s.Outlet} ({s.Similarity:0.00}): {DigestText.Excerpt(s.Evidence.Text, 160)}");
            }
            foreach (var c in digest.Contradictions)
                Console.WriteLine($"[{articles[0].Id}] CONTRADICTION {string.Join(" <> ", c.Sides.Select(x => $"{x.Outlet}: {DigestText.Excerpt(x.Evidence.Text, 120)}"))}");
        }
        Console.WriteLine($"{multiStories} stories of 2+ outlets: {items} summary items, {multiItems} stated by 2+ outlets; "
                          + $"{exclusives} exclusives, {contradictions} contradictions");
        return 0;
    }

    /// <summary>The stories-dev articles stored through the pipeline, grouped by their gold story.</summary>
    private static List<List<StoredArticle>> GoldStories(IArticleStore store, string path)
    {
        // the gold story of each JSONL line, by line number (the reader names records "file:line N")
        var gold = new Dictionary<int, string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("story", out var s) && s.ValueKind == JsonValueKind.String) gold[lineNumber] = s.GetString()!;
        }
        var summary = new IngestRunner(store).Run([path]);
        Console.WriteLine($"ingested {summary.Stored} of {summary.Read} articles in {summary.Elapsed.TotalSeconds:0.0} s");

        var stories = store.All()
            .Select(a => (Article: a, Line: int.Parse(a.Raw.Source[(a.Raw.Source.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .Where(x => gold.ContainsKey(x.Line))
            .GroupBy(x => gold[x.Line], x => x.Article)
            .Select(g => g.ToList())
            .ToList();
        return stories;
    }

    private static int Scale(IArticleStore store, string path)
    {
        var summary = new IngestRunner(store).Run([path]);
        Console.WriteLine($"ingested {summary.Stored} of {summary.Read} articles in {summary.Elapsed.TotalSeconds:0.0} s");
        var all = store.All().Take(400).ToList();
        foreach (var size in new[] { 25, 50, 100, 200, 400 })
        {
            if (size > all.Count) break;
            Report($"{size} articles as one story", [Time(all.Take(size).ToList())]);
        }
        return 0;
    }

    private sealed record Timing(int Articles, int Sentences, double BuildMs, double JsonMs, double HtmlMs);

    private static Timing Time(IReadOnlyList<StoredArticle> articles)
    {
        var digest = DigestBuilder.Build(articles); // warm-up
        DigestJson.Render(digest);
        DigestHtml.Render(digest);
        var build = new List<double>();
        var json = new List<double>();
        var html = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var clock = Cpu();
            digest = DigestBuilder.Build(articles);
            build.Add(Cpu() - clock);
            clock = Cpu();
            DigestJson.Render(digest);
            json.Add(Cpu() - clock);
            clock = Cpu();
            DigestHtml.Render(digest);
            html.Add(Cpu() - clock);
        }
        return new Timing(articles.Count, articles.Sum(a => a.Sentences.Count), Median(build), Median(json), Median(html));
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Report(string what, List<Timing> times)
    {
        var ordered = times.OrderBy(t => t.BuildMs).ToList();
        var median = ordered[ordered.Count / 2];
        var max = ordered[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: digest median {median.BuildMs:0.0} ms CPU ({median.Articles} articles, {median.Sentences} sentences), "
            + $"max {max.BuildMs:0.0} ms ({max.Articles} articles, {max.Sentences} sentences); "
            + $"JSON {median.JsonMs:0.0} ms, HTML {median.HtmlMs:0.0} ms"));
    }
}
