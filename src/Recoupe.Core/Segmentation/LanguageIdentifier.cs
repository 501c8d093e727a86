using Recoupe.Core.Languages;
using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>What the identifier concluded: an ISO 639-1 code or "und", and how sure it is (0-1).</summary>
public readonly record struct LanguageGuess(string Language, double Confidence);

/// <summary>
/// Identifies the language of a text from its function words. Every language with a Languages/{code}/stopwords.txt
/// takes part (its elisions.txt and contractions.txt count as function words too). A word listed by several languages
/// counts for each in proportion (1/n), so shared words ("a", "de") weigh little. The best language must lead the
/// runner-up clearly and cover a fair share of the words; otherwise, or when there are too few words, the answer is "und".
/// </summary>
public sealed class LanguageIdentifier
{
    private static readonly Lazy<LanguageIdentifier> Shared = new(() => new LanguageIdentifier(LanguageResources.Available));

    private readonly string[] _codes;
    private readonly Dictionary<string, (int[] Languages, double Weight)> _words = new(StringComparer.Ordinal);

    /// <summary>Fewer words than this carry too little evidence for an answer.</summary>
    public int MinimumWords { get; init; } = 5;
    /// <summary>The winner's score must be at least this many times the runner-up's.</summary>
    public double MinimumLead { get; init; } = 1.5;
    /// <summary>The winner's function words must be at least this share of all words (natural text is 30-60%).</summary>
    public double MinimumCoverage { get; init; } = 0.12;

    public LanguageIdentifier(IEnumerable<string> languages)
    {
        var members = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var codes = new List<string>();
        foreach (var code in languages.Order(StringComparer.Ordinal))
        {
            var data = LanguageResources.For(code);
            var stopwords = data.Lines("stopwords");
            if (stopwords.Count == 0) continue;
            var index = codes.Count;
            codes.Add(code);
            foreach (var line in stopwords.Concat(data.Lines("elisions")).Concat(data.Lines("contractions")))
            {
                var word = SegmentationRules.Normalise(line.Split('\t')[0]);
                if (word.Length == 0) continue;
                if (!members.TryGetValue(word, out var set)) members[word] = set = [];
                set.Add(index);
            }
        }
        _codes = [.. codes];
        foreach (var (word, set) in members)
            _words[word] = ([.. set], 1.0 / set.Count);
    }

    public static LanguageIdentifier Default => Shared.Value;

    public IReadOnlyList<string> Languages => _codes;

    /// <summary>Identifies the language of a document from its word tokens.</summary>
    public LanguageGuess Identify(Document document)
    {
        var scores = new double[_codes.Length];
        var words = 0;
        foreach (var token in document.Tokens)
        {
            if (token.Kind != TokenKind.Word) continue;
            words++;
            Score(token.Norm, scores);
        }
        return Decide(scores, words);
    }

    /// <summary>Identifies the language of already lower-cased words.</summary>
    public LanguageGuess Identify(IEnumerable<string> lowerCaseWords)
    {
        var scores = new double[_codes.Length];
        var words = 0;
        foreach (var word in lowerCaseWords)
        {
            words++;
            Score(word, scores);
        }
        return Decide(scores, words);
    }

    private void Score(string word, double[] scores)
    {
        if (!_words.TryGetValue(word, out var entry)) return;
        foreach (var language in entry.Languages) scores[language] += entry.Weight;
    }

    private LanguageGuess Decide(double[] scores, int words)
    {
        if (_codes.Length == 0 || words < MinimumWords) return new("und", 0);
        int best = 0, second = -1;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best]) { second = best; best = i; }
            else if (second < 0 || scores[i] > scores[second]) second = i;
        }
        var top = scores[best];
        var runnerUp = second >= 0 ? scores[second] : 0;
        if (top <= 0) return new("und", 0);
        // Share of the evidence that goes to the winner; 0.5 means a tie.
        var confidence = top / (top + runnerUp);
        var coverage = top / words;
        if (top < MinimumLead * runnerUp || coverage < MinimumCoverage)
            return new("und", Math.Round(confidence, 3));
        return new(_codes[best], Math.Round(confidence, 3));
    }

    /// <summary>Score of each language for a document, for diagnostics.</summary>
    public IReadOnlyDictionary<string, double> Scores(IEnumerable<string> lowerCaseWords)
    {
        var scores = new double[_codes.Length];
        foreach (var word in lowerCaseWords) Score(word, scores);
        return _codes.Select((c, i) => (c, s: scores[i])).ToDictionary(x => x.c, x => x.s);
    }
}
