using System.Collections.Concurrent;
using Recoupe.Core.Extraction;
using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>What a figure qualifier says of the true value (see Languages/{code}/qualifier-bounds.txt).</summary>
public enum QualifierBound { Exact, Above, AtLeast, Below, AtMost, About, Nearly, Vague }

/// <summary>
/// The language data the digest matches with, read once per language from Languages/{code}/: stop words,
/// the project's stemmer for the language (Text/Stemmers, shared with story clustering), shared concepts
/// (digest-concepts), nationality adjectives and place names (the extraction's place keys), number words,
/// unit words (figure-units), anaphoric sentence openers (digest-anaphora), words of change (digest-change-words), words that make a
/// duration a time span (digest-span-openers) or a date a period start (digest-period-starts) and figure qualifier bounds. Nothing here is hard-coded per language.
/// </summary>
public sealed class DigestLanguage
{
    private static readonly ConcurrentDictionary<string, DigestLanguage> Cache = new(StringComparer.Ordinal);

    /// <summary>Data for a language code; an unknown code uses French, the project's first language.</summary>
    public static DigestLanguage For(string? language) =>
        Cache.GetOrAdd(language is not null && LanguageResources.Available.Contains(language) ? language : "fr",
            code => new DigestLanguage(code));

    public string Code { get; }
    private const int MaxCachedWords = 200_000;
    // lower-case word → its content term, "" for none (see WordTerm); shared by threads, bounded
    private readonly ConcurrentDictionary<string, string> _wordTerms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stopwords;
    private readonly IStemmer _stemmer;
    private readonly Dictionary<string, string> _concepts;
    private readonly Dictionary<string, string> _places;
    private readonly Dictionary<string, QualifierBound> _bounds;
    private readonly HashSet<string> _anaphora;
    private readonly HashSet<string> _changeStems;
    private readonly HashSet<string> _spanOpeners;
    private readonly HashSet<string> _unitWords;
    private readonly HashSet<string> _periodStarts;
    private readonly HashSet<string> _runningCounts;
    /// <summary>Number words: "#value" for a plain count ("sept" → "#7"), "" for scales and vague words ("millions", "dizaines").</summary>
    private readonly Dictionary<string, string> _numberWords;

    private DigestLanguage(string code)
    {
        Code = code;
        var r = LanguageResources.For(code);
        _stopwords = new HashSet<string>(r.Set("stopwords").Select(TextFolding.Fold), StringComparer.Ordinal);
        _anaphora = new HashSet<string>(r.Set("digest-anaphora").Select(TextFolding.Fold), StringComparer.Ordinal);
        _stemmer = Stemmers.For(code);

        // places and nationality adjectives meet on the extraction's place keys ("russe", "Russie" → russia)
        _places = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, key) in r.Map("places").Concat(r.Map("nationalities")))
            _places.TryAdd(TextFolding.Fold(name), key);

        _concepts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, concept) in r.Map("digest-concepts"))
            _concepts.TryAdd(Stem(TextFolding.Lower(word)), concept);

        // stems, and the concepts they map to, so that "a doublé" matches "doubler" whatever the concept file says
        _changeStems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in r.Set("digest-change-words"))
        {
            var stem = Stem(TextFolding.Lower(word));
            _changeStems.Add(stem);
            if (_concepts.TryGetValue(stem, out var concept)) _changeStems.Add("~" + concept);
        }

        _numberWords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("number-words"))
        {
            var p = line.Split('\t');
            if (p.Length < 2) continue;
            var kind = p.Length > 2 ? p[2] : "unit";
            if (kind == "article") continue;
            _numberWords.TryAdd(TextFolding.Fold(p[0]), kind == "unit" ? "#" + p[1] : "");
        }
        // scale words cross languages ("million" in an English article, when English has no number-word list)
        foreach (var other in LanguageResources.Available)
            if (other != code)
                foreach (var line in LanguageResources.For(other).Lines("number-words"))
                    if (line.Split('\t') is { Length: > 2 } p && p[2] == "scale")
                        _numberWords.TryAdd(TextFolding.Fold(p[0]), "");

        // unit words of every language's figure-units list: "euros", "jours", "metres" name a unit, not a counted thing
        _unitWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var other in LanguageResources.Available)
            foreach (var unit in LanguageResources.For(other).Set("figure-units"))
                _unitWords.Add(TextFolding.Fold(unit));

        _periodStarts = new HashSet<string>(r.Set("digest-period-starts").Select(TextFolding.Fold), StringComparer.Ordinal);
        // by stem, as the figures' counted terms are
        _runningCounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in r.Set("digest-running-counts"))
        {
            var stem = Stem(TextFolding.Lower(word));
            _runningCounts.Add(stem);
            if (_concepts.TryGetValue(stem, out var concept)) _runningCounts.Add("~" + concept);
        }
        _spanOpeners = new HashSet<string>(r.Set("digest-span-openers").Select(TextFolding.Fold), StringComparer.Ordinal);

        _bounds = new Dictionary<string, QualifierBound>(StringComparer.Ordinal);
        foreach (var (phrase, bound) in r.Map("qualifier-bounds"))
            if (Enum.TryParse<QualifierBound>(bound, ignoreCase: true, out var b))
                _bounds[TextFolding.Fold(phrase)] = b;
    }

    public bool IsStopword(string folded) => _stopwords.Contains(folded);

    /// <summary>True for a content term (stem or concept) that reports a change of scale, a first or a record.</summary>
    public bool IsChange(string term) => _changeStems.Contains(term);

    /// <summary>The number a word stands for ("sept" → "#7"), "" for a scale or vague quantity word, null for other words.</summary>
    public string? NumberWord(string folded) => _numberWords.GetValueOrDefault(folded);

    /// <summary>True for a word that, right before a date, makes it the start of a period ("depuis", "since").</summary>
    public bool IsPeriodStart(string folded) => _periodStarts.Contains(folded);

    /// <summary>True for a unit word or phrase ("euros", "jours", "pour cent"), folded.</summary>
    public bool IsUnitWord(string folded) => _unitWords.Contains(folded);

    /// <summary>True for a word that, right before a duration, makes it the time span of another figure.</summary>
    public bool IsSpanOpener(string folded) => _spanOpeners.Contains(folded);

    /// <summary>Whether a counted term (a stem) counts a running total, a toll that changes from one report to the next (digest-running-counts).</summary>
    public bool IsRunningCount(string stem) => _runningCounts.Contains(stem);

    /// <summary>True for a word that, opening a sentence, refers back to an earlier one (digest-anaphora).</summary>
    public bool IsAnaphoric(string folded) => _anaphora.Contains(folded);

    /// <summary>The place key of a folded place name or nationality adjective, or null.</summary>
    public string? Place(string folded) => _places.GetValueOrDefault(folded);

    /// <summary>The shared concept of a stem, or null.</summary>
    public string? Concept(string stem) => _concepts.GetValueOrDefault(stem);

    /// <summary>The content term of a lower-case word, computed once per word and language; null for none.</summary>
    public string? WordTerm(string lower, Func<string, DigestLanguage, string?> compute)
    {
        if (_wordTerms.TryGetValue(lower, out var cached)) return cached.Length == 0 ? null : cached;
        var term = compute(lower, this);
        if (_wordTerms.Count < MaxCachedWords) _wordTerms.TryAdd(lower, term ?? "");
        return term;
    }

    /// <summary>The folded stem of a lower-case word (the project's stemmers, see <see cref="Stemmers"/>).</summary>
    public string Stem(string lower) => TextFolding.Fold(_stemmer.Stem(lower));

    /// <summary>
    /// The bound a qualifier sets, looked up in this language then in the others: exact when there is none,
    /// vague when it is not listed (an unknown qualifier must not make a conflict).
    /// </summary>
    public static QualifierBound Bound(string? qualifier, string? language)
    {
        if (string.IsNullOrWhiteSpace(qualifier)) return QualifierBound.Exact;
        var folded = TextFolding.Fold(qualifier.Trim());
        if (For(language)._bounds.TryGetValue(folded, out var b)) return b;
        foreach (var code in LanguageResources.Available)
            if (For(code)._bounds.TryGetValue(folded, out b)) return b;
        return QualifierBound.Vague;
    }
}
