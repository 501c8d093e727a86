using System.Diagnostics;
using Recoupe.Evaluation;

namespace Recoupe.Bench;

/// <summary>
/// `html DEV_DIR --peer smartreader`: the same figures for SmartReader (a C# port of Mozilla Readability, used here as
/// a peer only, never by the product) on the same pages: mean token F1 as score.py counts it, pages it gave no text
/// for, title and byline matches, and pages per second on one thread, so the extractor is compared at the same job.
/// </summary>
internal static class HtmlPeerBench
{
    /// <summary>A page is read as if fetched from here: SmartReader wants a URL to resolve relative links.</summary>
    private static readonly Uri PageBase = new("https://example.org/article");

    public static void Run(IReadOnlyList<HtmlDevPage> pages, int repeat)
    {
        var f1s = new List<double>();
        int empty = 0, titles = 0, titlesGiven = 0, bylines = 0, bylinesGiven = 0;
        foreach (var page in pages)
        {
            var article = Read(page.Html);
            var text = article?.TextContent ?? "";
            if (page.Expected.Trim().Length > 0)
            {
                f1s.Add(HtmlDevSet.WordF1(text, page.Expected));
                if (text.Trim().Length == 0) empty++;
            }
            if (page.Metadata.Title is { } title)
            {
                titlesGiven++;
                if (HtmlDevSet.SameText(article?.Title, title)) titles++;
            }
            if (page.Metadata.Byline is { } byline)
            {
                bylinesGiven++;
                if (HtmlDevSet.SameText(article?.Byline, byline)) bylines++;
            }
        }
        Console.WriteLine($"smartreader {pages.Count,3} pages  mean token F1 {f1s.Average():F3} over {f1s.Count}  no text {empty}  " +
                          $"title {titles}/{titlesGiven}  byline {bylines}/{bylinesGiven}");

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
            foreach (var page in pages) Read(page.Html);
        wall.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        Console.WriteLine($"smartreader throughput {pages.Count * repeat / wall.Elapsed.TotalSeconds:F0} pages/s wall clock, " +
                          $"{pages.Count * repeat / cpu.TotalSeconds:F0} pages per CPU second, one thread ({repeat} passes)");
    }

    private static SmartReader.Article? Read(string html)
    {
        try
        {
            return new SmartReader.Reader(PageBase.ToString(), html).GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A peer's failure on a page counts as no text for it, as a refusal counts for Recoupe.
            return null;
        }
    }
}
