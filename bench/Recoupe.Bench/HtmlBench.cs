using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Recoupe.Core.Html;
using Recoupe.Core.Text;
using Recoupe.Evaluation;

namespace Recoupe.Bench;

/// <summary>
/// `html [SILVER_DIR] [--repeat N] [--worst N]`: main-text extraction on a gold set laid out as html-fr-silver
/// (ground-truth.json + html/ID.html[.gz]): token P/R/F1, pages per second on one thread, and peak memory.
/// </summary>
internal static class HtmlBench
{
    public static int Run(string[] args)
    {
        var dir = args.Where((a, i) => !a.StartsWith("--") && (i == 0 || !args[i - 1].StartsWith("--"))).FirstOrDefault() ?? FindSilver();
        var repeat = Option(args, "--repeat", 5);
        var worst = Option(args, "--worst", 0);
        if (dir is not null && HtmlDevSet.IsDevFolder(dir)) return HtmlDevBench.Run(dir, args);
        if (dir is null || !File.Exists(Path.Combine(dir, "ground-truth.json")))
        {
            Console.Error.WriteLine("html: give the gold folder (with ground-truth.json and html/), e.g. ../shared/corpus/html-fr-silver");
            return 2;
        }

        var pages = LoadPages(dir);
        var showAt = Array.IndexOf(args, "--show");
        var show = showAt >= 0 && showAt + 1 < args.Length ? args[showAt + 1] : null;
        if (show is not null)
        {
            Show(pages.Single(p => p.Id == show));
            return 0;
        }
        Console.WriteLine($"{pages.Count} pages, {pages.Sum(p => p.Html.Length) / 1024.0 / 1024.0:F1} M chars of HTML");

        HtmlExtractionEvaluator.Evaluate(pages); // warm-up (JIT, data files)
        var runs = new List<PageEvaluation>();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++) runs = HtmlExtractionEvaluator.Evaluate(pages);
        wall.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        var summary = EvaluationSummary.Of(runs);
        Console.WriteLine($"token precision {summary.Precision:F4}  recall {summary.Recall:F4}  F1 {summary.F1:F4}  (failed {summary.Failed})");
        // Wall time suffers when other processes share the cores; CPU time is what one core would need.
        Console.WriteLine($"throughput {pages.Count * repeat / wall.Elapsed.TotalSeconds:F0} pages/s wall clock, " +
                          $"{pages.Count * repeat / cpu.TotalSeconds:F0} pages/s per CPU second, one thread ({repeat} passes)");
        Console.WriteLine($"peak working set {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB; managed heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:F0} MB");

        foreach (var page in runs.OrderBy(p => p.Score.F1).Take(worst))
            Console.WriteLine($"  {page.Id}: P {page.Score.Precision:F3} R {page.Score.Recall:F3} F1 {page.Score.F1:F3} {page.Error}");
        return 0;
    }

    /// <summary>What the extractor made of one page: metadata, kept blocks, dropped lines, score.</summary>
    internal static void Show(GoldPage page)
    {
        HtmlExtraction extraction;
        try
        {
            extraction = HtmlArticleExtractor.Extract(page.Html);
        }
        catch (Recoupe.Core.Model.ArticleRejectedException rejected)
        {
            Console.WriteLine($"refused: {rejected.Message}");
            return;
        }
        Console.WriteLine($"title: {extraction.Title}\npublished: {extraction.Published:O}\nauthors: {string.Join("; ", extraction.Authors)}\n" +
                          $"outlet: {extraction.Outlet}\nlanguage: {extraction.Language}\nurl: {extraction.Url}\nsource: {extraction.BodySource}\n" +
                          $"confidence: {extraction.Confidence:F2} {string.Join("; ", extraction.Warnings)}\n");
        foreach (var block in extraction.Blocks) Console.WriteLine($"[{block.Hint} {block.LinkDensity:F2}] {block.Text}\n");
        foreach (var removed in extraction.Dropped) Console.WriteLine($"(dropped {removed.Reason}) {removed.Text}");
        Console.WriteLine($"\n{TokenOverlap.Score(extraction.Text, page.GoldText)}");
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    private static string? FindSilver()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus", "html-fr-silver");
            if (File.Exists(Path.Combine(candidate, "ground-truth.json"))) return Path.GetFullPath(candidate);
        }
        return null;
    }

    public static List<GoldPage> LoadPages(string dir)
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ground-truth.json")));
        var pages = new List<GoldPage>();
        foreach (var entry in gold.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var body = entry.Value.GetProperty("articleBody").GetString() ?? "";
            var path = Path.Combine(dir, "html", entry.Name + ".html.gz");
            byte[] bytes;
            if (File.Exists(path))
            {
                using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
                using var memory = new MemoryStream();
                gz.CopyTo(memory);
                bytes = memory.ToArray();
            }
            else if (File.Exists(Path.Combine(dir, "html", entry.Name + ".html")))
                bytes = File.ReadAllBytes(Path.Combine(dir, "html", entry.Name + ".html"));
            else continue;
            pages.Add(new GoldPage(entry.Name, HtmlCharset.Decode(bytes), body));
        }
        return pages;
    }
}
