using System.Diagnostics;
using Recoupe.Core.Html;
using Recoupe.Evaluation;

namespace Recoupe.Bench;

/// <summary>
/// `html DEV_DIR [--repeat N] [--show NAME]`: the html-readability-dev figures (whole set, tuning and frozen splits),
/// then pages per second (wall clock and per CPU second, one thread) and peak memory over the whole set.
/// `--show` prints one tuning-split page's extraction; frozen pages are not shown (they are never tuned on).
/// </summary>
internal static class HtmlDevBench
{
    public static int Run(string dir, string[] args)
    {
        var pages = HtmlDevSet.Load(dir);
        var showAt = Array.IndexOf(args, "--show");
        if (showAt >= 0 && showAt + 1 < args.Length)
        {
            var page = pages.Single(p => p.Name == args[showAt + 1]);
            if (page.Frozen)
            {
                Console.Error.WriteLine($"{page.Name} is in the frozen split: not shown");
                return 2;
            }
            HtmlBench.Show(new GoldPage(page.Name, page.Html, page.Expected));
            return 0;
        }
        var repeat = HtmlBench.Option(args, "--repeat", 5);
        Console.WriteLine($"{pages.Count} pages, {pages.Sum(p => p.Html.Length) / 1024.0 / 1024.0:F1} M chars of HTML");
        var results = HtmlDevSet.Evaluate(pages); // also the warm-up
        foreach (var summary in HtmlDevSet.Summaries(results)) Console.WriteLine(summary.Line());

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
            foreach (var page in pages)
            {
                try
                {
                    HtmlArticleExtractor.Extract(page.Html);
                }
                catch (Recoupe.Core.Model.ArticleRejectedException)
                {
                }
            }
        wall.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        // Wall time suffers when other processes share the cores; CPU time is what one core would need.
        Console.WriteLine($"throughput {pages.Count * repeat / wall.Elapsed.TotalSeconds:F0} pages/s wall clock, " +
                          $"{pages.Count * repeat / cpu.TotalSeconds:F0} pages per CPU second, one thread ({repeat} passes)");
        Console.WriteLine($"peak working set {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB; managed heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:F0} MB");
        return 0;
    }
}
