using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Output;
using Recoupe.Core.Html;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>eval html DEV_DIR [--worst N] [--errors] [--json]</c>: scores a folder laid out as html-readability-dev (see
/// <see cref="HtmlDevSet"/>): mean token F1, refusals and metadata matches, on the whole set and on its tuning and
/// frozen splits; <c>--worst</c> lists tuning-split pages only, so the frozen split is never tuned on, and <c>--errors</c> the tuning split's metadata misses.
/// <c>eval html GOLD.json HTML_DIR [--worst N] [--json]</c>: token precision, recall and F1 of main-text extraction
/// (bag of lower-cased word tokens, averaged over pages) against a gold file <c>{id: {articleBody, ...}}</c> whose
/// pages are HTML_DIR/ID.html[.gz]; then pages per second on one thread, timed over repeated passes once warm.
/// </summary>
public static class EvalHtmlCommand
{
    /// <summary>Throughput is timed over passes adding up to at least this long, so a small set still gives a stable figure.</summary>
    private static readonly TimeSpan TimedAtLeast = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var gold = new Argument<string>("gold")
        {
            Description = "Gold file: a JSON object {id: {\"articleBody\": text, ...}}; or a folder laid out as html-readability-dev",
            HelpName = "GOLD.json|DEV_DIR",
        };
        var dir = new Argument<string?>("html-dir")
        {
            Description = "Folder holding ID.html or ID.html.gz for each gold id (not given when the first argument is a dev folder)",
            HelpName = "HTML_DIR", Arity = ArgumentArity.ZeroOrOne,
        };
        OptionValues.Check(gold, OptionValues.ExistingPath);
        OptionValues.Check(dir, OptionValues.ExistingFolder);
        var worst = new Option<int?>("--worst") { Description = "Also list the N pages with the lowest F1", HelpName = "N", CustomParser = OptionValues.WholeNumber(0) };
        var errors = new Option<bool>("--errors") { Description = "With a dev folder: also list the tuning split's metadata misses (found and expected)" };
        var command = new Command("html", "Token precision, recall and F1 of HTML main-text extraction, and pages per second");
        command.Arguments.Add(gold);
        command.Arguments.Add(dir);
        command.Options.Add(worst);
        command.Options.Add(errors);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var goldPath = parse.GetValue(gold)!;
            if (parse.GetValue(dir) is null)
            {
                if (!HtmlDevSet.IsDevFolder(goldPath))
                    throw new CliException($"{goldPath}: give GOLD.json HTML_DIR, or a folder holding pages/NAME/source.html.gz and expected.txt");
                return EvalHtmlDevSet.Run(goldPath, parse.GetValue(worst) ?? 0, parse.GetValue(errors), context);
            }
            var pages = LoadPages(goldPath, parse.GetValue(dir)!, context.Error, out var missing);
            if (pages.Count == 0) throw new CliException("no gold page has its HTML file in the folder");

            var results = HtmlExtractionEvaluator.Evaluate(pages); // scores; also warms the code up
            var summary = EvaluationSummary.Of(results);

            using var process = Process.GetCurrentProcess();
            // The JIT optimises hot code only after it has run a while: time passes once a pass costs what the one
            // before it did (at most a few warm-up passes), so the figure is the steady speed, not the warm-up.
            var previous = double.MaxValue;
            for (var warm = 0; warm < 12; warm++)
            {
                var cost = CpuSeconds(process, () => RunPass(pages));
                if (warm >= 3 && cost > 0.9 * previous && cost < 1.1 * previous) break;
                previous = cost;
            }

            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var passes = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimedAtLeast || passes == 0)
            {
                RunPass(pages);
                passes++;
            }
            watch.Stop();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var pagesPerSecond = pages.Count * passes / watch.Elapsed.TotalSeconds;
            // CPU time (all of this process's threads, GC included) is what one core needs; wall time also counts
            // the waits when other processes share the cores.
            var pagesPerCpuSecond = cpuSeconds > 0 ? pages.Count * passes / cpuSeconds : pagesPerSecond;
            var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
            var worstPages = results.OrderBy(r => r.Score.F1).ThenBy(r => r.Id, StringComparer.Ordinal).Take(parse.GetValue(worst) ?? 0).ToList();

            if (context.Json)
            {
                CliJson.Write(context.Out, new
                {
                    summary.Pages, MissingFiles = missing, summary.Failed, summary.Precision, summary.Recall, summary.F1,
                    PagesPerSecond = Math.Round(pagesPerSecond, 1), PagesPerCpuSecond = Math.Round(pagesPerCpuSecond, 1), PeakWorkingSetMb = Math.Round(peakMb, 1),
                    Worst = worstPages.Select(w => new { w.Id, w.Score.Precision, w.Score.Recall, w.Score.F1, w.Error }),
                });
                return ExitCodes.Ok;
            }
            var o = context.Out;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pages      {summary.Pages}{(missing > 0 ? $" ({missing} gold ids without a file)" : "")}, rejected {summary.Failed}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"precision  {summary.Precision:F4}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall     {summary.Recall:F4}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"F1         {summary.F1:F4}"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed      {pagesPerCpuSecond:F0} pages per CPU second on one thread, {pagesPerSecond:F0} pages/s wall clock ({passes} timed passes)"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory     peak working set {peakMb:F0} MB"));
            foreach (var page in worstPages)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {page.Id}  P {page.Score.Precision:F3}  R {page.Score.Recall:F3}  F1 {page.Score.F1:F3}{(page.Error is null ? "" : "  " + page.Error)}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void RunPass(List<GoldPage> pages)
    {
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
    }

    private static double CpuSeconds(Process process, Action action)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    /// <summary>Reads the gold file and each page's bytes (gunzipped when .gz), decoded as browsers would.</summary>
    public static List<GoldPage> LoadPages(string goldPath, string htmlDir, TextWriter error, out int missing)
    {
        if (!File.Exists(goldPath)) throw new CliException($"{goldPath}: no such gold file");
        if (!Directory.Exists(htmlDir)) throw new CliException($"{htmlDir}: no such folder");
        JsonDocument gold;
        try
        {
            gold = JsonDocument.Parse(File.ReadAllText(goldPath));
        }
        catch (JsonException e)
        {
            throw new CliException($"{goldPath}: not valid JSON ({e.Message})");
        }

        using (gold)
        {
            if (gold.RootElement.ValueKind != JsonValueKind.Object)
                throw new CliException($"{goldPath}: expected an object {{id: {{\"articleBody\": ...}}}}");
            var pages = new List<GoldPage>();
            missing = 0;
            foreach (var entry in gold.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry.Value.ValueKind != JsonValueKind.Object || !entry.Value.TryGetProperty("articleBody", out var body) ||
                    body.ValueKind != JsonValueKind.String)
                {
                    error.WriteLine($"recoupe: {goldPath}: {entry.Name}: no articleBody text, skipped");
                    continue;
                }
                var file = new[] { ".html.gz", ".html", ".htm" }.Select(ext => Path.Combine(htmlDir, entry.Name + ext)).FirstOrDefault(File.Exists);
                if (file is null)
                {
                    missing++;
                    continue;
                }
                pages.Add(new GoldPage(entry.Name, HtmlCharset.Decode(HtmlDevSet.ReadBytes(file)), body.GetString()!));
            }
            return pages;
        }
    }
}
