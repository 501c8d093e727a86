using Recoupe.Core.Extraction;

namespace Recoupe.Evaluation;

/// <summary>The quotation gold scored, by language and split ("fr frozen", "fr tune", "en frozen", "en tune"), with the gold's problems.</summary>
public sealed class QuoteGoldReport
{
    public required IReadOnlyDictionary<string, QuoteGoldScores> Parts { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>Errors of the tune split only: the frozen split is measured, never read.</summary>
    public IReadOnlyList<string> TuneErrors { get; init; } = [];
}

/// <summary>
/// Runs extraction over the documents of the quotation gold (primary readers only) and scores each language and split
/// apart. The caller reads the files; documents are built by <c>textOf(set, id)</c>.
/// </summary>
public static class QuoteGoldEvaluation
{
    /// <summary>The language each gold set is written in.</summary>
    public static string LanguageOf(string set) => set.StartsWith("en", StringComparison.Ordinal) ? "en" : "fr";

    public static QuoteGoldReport Score(IReadOnlyList<QuoteGoldDocument> primary, IReadOnlyList<QuoteGoldSelection> selection,
        Func<string, string, string?> textOf, IEnumerable<string>? problems = null)
    {
        var splitOf = selection.ToDictionary(s => (s.Set, s.Id), s => s.Split);
        var parts = new SortedDictionary<string, QuoteGoldScores>(StringComparer.Ordinal);
        var allProblems = problems?.ToList() ?? [];
        var tuneErrors = new List<string>();
        // one document once: the first reader's answers when a file repeats it
        foreach (var gold in primary.GroupBy(d => (d.Set, d.Id)).Select(g => g.First()).OrderBy(d => d.Set, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            if (!splitOf.TryGetValue((gold.Set, gold.Id), out var split))
            {
                allProblems.Add($"{gold.File}:{gold.Line}: document {gold.Id} of {gold.Set} is not in selection.tsv");
                continue;
            }
            var text = textOf(gold.Set, gold.Id);
            if (text is null) continue; // (reported by the reader of the file)
            var language = LanguageOf(gold.Set);
            var document = Extractor.Run(Extractor.FromText(text, $"{gold.Set}/{gold.Id}", language));
            var key = $"{language} {split}";
            if (!parts.TryGetValue(key, out var part)) parts[key] = part = new QuoteGoldScores();
            var before = part.Errors.Count;
            QuoteGoldScorer.ScoreOne(part, gold, document);
            if (split == QuoteGold.TuneSplit) tuneErrors.AddRange(part.Errors.Skip(before));
        }
        return new QuoteGoldReport { Parts = parts, Problems = allProblems, TuneErrors = tuneErrors };
    }
}
