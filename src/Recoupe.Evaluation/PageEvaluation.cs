using Recoupe.Core.Text;

namespace Recoupe.Evaluation;

/// <summary>One evaluated page: its id, its score, and how long extraction took.</summary>
public sealed record PageEvaluation(string Id, TokenScore Score, TimeSpan Elapsed, string? Error);

/// <summary>Scores averaged over pages (macro average), plus throughput.</summary>
public sealed record EvaluationSummary(int Pages, int Failed, double Precision, double Recall, double F1, double PagesPerSecond)
{
    public static EvaluationSummary Of(IReadOnlyList<PageEvaluation> pages)
    {
        if (pages.Count == 0) return new EvaluationSummary(0, 0, 0, 0, 0, 0);
        var seconds = pages.Sum(p => p.Elapsed.TotalSeconds);
        return new EvaluationSummary(
            pages.Count,
            pages.Count(p => p.Error is not null),
            pages.Average(p => p.Score.Precision),
            pages.Average(p => p.Score.Recall),
            pages.Average(p => p.Score.F1),
            seconds > 0 ? pages.Count / seconds : 0);
    }
}
