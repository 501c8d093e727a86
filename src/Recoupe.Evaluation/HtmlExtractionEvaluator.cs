using System.Diagnostics;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Evaluation;

/// <summary>One page to evaluate: its id, its markup, and the gold main text.</summary>
public sealed record GoldPage(string Id, string Html, string GoldText);

/// <summary>Runs <see cref="HtmlArticleExtractor"/> over gold pages and scores the body text (title left out, as in the gold).</summary>
public static class HtmlExtractionEvaluator
{
    public static List<PageEvaluation> Evaluate(IEnumerable<GoldPage> pages)
    {
        var results = new List<PageEvaluation>();
        foreach (var page in pages)
        {
            var watch = Stopwatch.StartNew();
            string text;
            string? error = null;
            try
            {
                text = HtmlArticleExtractor.Extract(page.Html).Text;
            }
            catch (ArticleRejectedException rejected)
            {
                text = "";
                error = rejected.Message;
            }
            watch.Stop();
            results.Add(new PageEvaluation(page.Id, TokenOverlap.Score(text, page.GoldText), watch.Elapsed, error));
        }
        return results;
    }
}
