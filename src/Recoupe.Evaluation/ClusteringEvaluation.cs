namespace Recoupe.Evaluation;

/// <summary>Precision and recall with their harmonic mean (0 when both are 0).</summary>
public readonly record struct PrecisionRecall(double Precision, double Recall)
{
    public double F1 => Precision + Recall > 0 ? 2 * Precision * Recall / (Precision + Recall) : 0;
}

/// <summary>How a clustering compares with gold clusters.</summary>
public sealed record ClusteringScore(
    PrecisionRecall Pairwise,
    PrecisionRecall BCubed,
    int Items,
    int GoldClusters,
    int PredictedClusters,
    long GoldPairs,
    long PredictedPairs,
    long CorrectPairs);

/// <summary>
/// Scores a clustering against gold labels. An item whose gold label is null is a cluster of its own
/// (a distractor that belongs to no story).
/// <list type="bullet">
/// <item>Pairwise: precision = correct same-cluster pairs / predicted same-cluster pairs (1 when none is predicted);
/// recall = correct pairs / gold same-cluster pairs (1 when gold has none).</item>
/// <item>B-cubed: per item, precision = |predicted ∩ gold cluster| / |predicted cluster| and recall =
/// |predicted ∩ gold cluster| / |gold cluster|, each averaged over items; F1 from the two averages.</item>
/// </list>
/// Counts come from the contingency table, so scoring is linear in the number of items.
/// </summary>
public static class ClusteringEvaluation
{
    public static ClusteringScore Score(IReadOnlyDictionary<string, string?> gold, IReadOnlyDictionary<string, string> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        foreach (var id in gold.Keys)
            if (!predicted.ContainsKey(id))
                throw new ArgumentException($"the prediction has no cluster for item {id}", nameof(predicted));
        foreach (var id in predicted.Keys)
            if (!gold.ContainsKey(id))
                throw new ArgumentException($"the prediction has item {id}, which the gold set does not have", nameof(predicted));

        var goldIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var predictedIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var goldSize = new List<long>();
        var predictedSize = new List<long>();
        var cells = new Dictionary<(int Predicted, int Gold), long>();
        var assignments = new List<(int Predicted, int Gold)>(gold.Count);

        foreach (var (id, label) in gold)
        {
            int g;
            if (label is null)
            {
                g = goldSize.Count;
                goldSize.Add(0);
            }
            else if (!goldIds.TryGetValue(label, out g))
            {
                g = goldSize.Count;
                goldIds[label] = g;
                goldSize.Add(0);
            }
            var predictedLabel = predicted[id];
            if (!predictedIds.TryGetValue(predictedLabel, out var p))
            {
                p = predictedSize.Count;
                predictedIds[predictedLabel] = p;
                predictedSize.Add(0);
            }
            goldSize[g]++;
            predictedSize[p]++;
            cells[(p, g)] = cells.GetValueOrDefault((p, g)) + 1;
            assignments.Add((p, g));
        }

        static long Pairs(long n) => n * (n - 1) / 2;
        var correct = cells.Values.Sum(Pairs);
        var predictedPairs = predictedSize.Sum(Pairs);
        var goldPairs = goldSize.Sum(Pairs);
        var pairwise = new PrecisionRecall(
            predictedPairs == 0 ? 1.0 : correct / (double)predictedPairs,
            goldPairs == 0 ? 1.0 : correct / (double)goldPairs);

        double precisionSum = 0, recallSum = 0;
        foreach (var (p, g) in assignments)
        {
            var overlap = (double)cells[(p, g)];
            precisionSum += overlap / predictedSize[p];
            recallSum += overlap / goldSize[g];
        }
        var n = Math.Max(1, assignments.Count);
        var bcubed = new PrecisionRecall(precisionSum / n, recallSum / n);

        return new ClusteringScore(pairwise, bcubed, assignments.Count, goldSize.Count, predictedSize.Count, goldPairs, predictedPairs, correct);
    }
}
