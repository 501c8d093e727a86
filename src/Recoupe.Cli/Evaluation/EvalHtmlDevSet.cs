using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Evaluation;

/// <summary>
/// <c>eval html DEV_DIR</c>: the html-readability-dev figures (mean token F1, refusals, metadata matches) on the whole
/// set and on its tuning and frozen splits. Worst pages are listed from the tuning split only.
/// </summary>
public static class EvalHtmlDevSet
{
    public static int Run(string folder, int worst, bool errors, CliContext context)
    {
        var pages = HtmlDevSet.Load(folder);
        if (pages.Count == 0) throw new CliException($"{folder}: no page folder with source.html[.gz] and expected.txt");
        var results = HtmlDevSet.Evaluate(pages);
        var summaries = HtmlDevSet.Summaries(results);
        var worstPages = results.Where(r => !r.Frozen && r.F1 is not null)
            .OrderBy(r => r.F1).ThenBy(r => r.Name, StringComparer.Ordinal).Take(Math.Max(0, worst)).ToList();
        // Refusals are named for the tuning split only; the frozen split's show as a count in its line.
        var refused = results.Where(r => r.Refusal is not null && !r.Frozen).ToList();

        if (context.Json)
        {
            CliJson.Write(context.Out, new
            {
                Splits = summaries.Select(s => new
                {
                    s.Split, s.Pages, s.Scored, MeanF1 = Math.Round(s.MeanF1, 4), s.Refusals,
                    Metadata = HtmlDevSet.Fields.ToDictionary(f => f, f => new { s.Metadata[f].Right, s.Metadata[f].Given }),
                }),
                Refused = refused.Select(r => new { r.Name, r.Refusal }),
                Worst = worstPages.Select(r => new { r.Name, r.F1, r.Confidence, r.Warnings }),
                Misses = errors ? TuneMisses(results).Select(m => new { m.Page, m.Miss.Field, m.Miss.Got, m.Miss.Expected }) : null,
            });
            return ExitCodes.Ok;
        }
        var o = context.Out;
        o.WriteLine("frozen split: pages whose name's FNV-1a hash is divisible by 3 (never tuned on)");
        foreach (var summary in summaries) o.WriteLine(summary.Line());
        // Readability writes the <title> and the byline line as shown: how many misses are only that.
        o.WriteLine(HtmlDevSet.WithinLine("tune", results.Where(r => !r.Frozen)));
        o.WriteLine(HtmlDevSet.WithinLine("frozen", results.Where(r => r.Frozen)));
        foreach (var r in refused) o.WriteLine($"  refused {r.Name}: {r.Refusal}");
        foreach (var r in worstPages)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name}  F1 {r.F1:F3}  confidence {r.Confidence:F2}{(r.Warnings.Count > 0 ? "  " + string.Join("; ", r.Warnings) : "")}"));
        if (errors)
            foreach (var (page, miss) in TuneMisses(results))
                o.WriteLine($"  miss {miss.Field,-9} {page}: got {Quoted(miss.Got)} expected {Quoted(miss.Expected)}");
        return ExitCodes.Ok;
    }

    /// <summary>Metadata misses of the tuning split only, by field then page.</summary>
    private static IEnumerable<(string Page, HtmlDevMiss Miss)> TuneMisses(IEnumerable<HtmlDevResult> results) =>
        results.Where(r => !r.Frozen).SelectMany(r => r.Misses.Select(m => (r.Name, m)))
            .OrderBy(x => Array.IndexOf(HtmlDevSet.Fields, x.Item2.Field)).ThenBy(x => x.Name, StringComparer.Ordinal);

    private static string Quoted(string? value) => value is null ? "(none)" : "\"" + value + "\"";
}
