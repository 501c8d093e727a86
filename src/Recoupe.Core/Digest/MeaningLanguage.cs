using System.Collections.Concurrent;
using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// What the digest's cross-check reads of a language beyond <see cref="DigestLanguage"/>: the words that make a sentence
/// negative (digest-negations) or a mere possibility (digest-hedges), and the thesaurus (thesaurus.txt, derived from the
/// LibreOffice thesauri by tools/mythes/derive.py) through which rewordings meet. Read once per language.
/// </summary>
internal sealed class MeaningLanguage
{
    private static readonly ConcurrentDictionary<string, MeaningLanguage> Cache = new(StringComparer.Ordinal);

    public static MeaningLanguage For(DigestLanguage language) => Cache.GetOrAdd(language.Code, _ => new MeaningLanguage(language));

    private readonly DigestLanguage _language;
    private readonly HashSet<string> _negations;
    private readonly HashSet<string> _hedges;
    private readonly Lazy<Thesaurus> _thesaurus;

    private MeaningLanguage(DigestLanguage language)
    {
        _language = language;
        var r = LanguageResources.For(language.Code);
        _negations = Forms(r.Set("digest-negations"));
        _hedges = Forms(r.Set("digest-hedges"));
        _thesaurus = new Lazy<Thesaurus>(() => new Thesaurus(r.Lines("thesaurus"), language));
    }

    /// <summary>Each word folded, and its stem, so inflected forms match.</summary>
    private HashSet<string> Forms(IEnumerable<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var folded = TextFolding.Fold(word);
            set.Add(folded);
            if (char.IsLetter(folded[^1]) && folded.Length > 3) set.Add(_language.Stem(TextFolding.Lower(word)));
        }
        return set;
    }

    public bool IsNegation(string folded) => Classify(folded) == WordPolarity.Negation;

    public bool IsHedge(string folded) => Classify(folded) == WordPolarity.Hedge;

    private enum WordPolarity : byte { None, Negation, Hedge }

    private const int MaxCachedWords = 200_000;
    // folded word → what it does to a sentence's polarity, computed once (stemming every token is the cost)
    private readonly ConcurrentDictionary<string, WordPolarity> _words = new(StringComparer.Ordinal);

    private WordPolarity Classify(string folded)
    {
        if (_words.TryGetValue(folded, out var known)) return known;
        var stem = folded.Length > 3 ? _language.Stem(folded) : folded;
        var polarity = _negations.Contains(folded) || _negations.Contains(stem) ? WordPolarity.Negation
            : _hedges.Contains(folded) || _hedges.Contains(stem) ? WordPolarity.Hedge
            : WordPolarity.None;
        if (_words.Count < MaxCachedWords) _words.TryAdd(folded, polarity);
        return polarity;
    }

    public Thesaurus Thesaurus => _thesaurus.Value;
}

/// <summary>
/// A thesaurus by stem: two content terms are related when one's headword lists the other as a synonym (either way).
/// The list is indexed by the stem of each headword when first used; a stem's related stems are computed once and kept.
/// </summary>
internal sealed class Thesaurus
{
    private const int MaxCached = 100_000;
    private readonly DigestLanguage _language;
    private readonly Dictionary<string, List<string>> _synonymsByStem = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _related = new(StringComparer.Ordinal);

    public Thesaurus(IReadOnlyList<string> lines, DigestLanguage language)
    {
        _language = language;
        foreach (var line in lines)
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0) continue;
            var stem = language.Stem(line[..tab]);
            if (!_synonymsByStem.TryGetValue(stem, out var list)) _synonymsByStem[stem] = list = [];
            list.Add(line[(tab + 1)..]);
        }
    }

    public int Headwords => _synonymsByStem.Count;

    /// <summary>The stems the headwords of <paramref name="stem"/> list as synonyms (not the stem itself).</summary>
    public HashSet<string> Related(string stem)
    {
        if (_related.TryGetValue(stem, out var found)) return found;
        var related = new HashSet<string>(StringComparer.Ordinal);
        if (_synonymsByStem.TryGetValue(stem, out var lists))
            foreach (var list in lists)
                foreach (var word in list.Split('|'))
                {
                    var other = _language.Stem(word);
                    if (other != stem) related.Add(other);
                }
        if (_related.Count < MaxCached) _related.TryAdd(stem, related);
        return related;
    }

    /// <summary>True when either stem's headword lists the other.</summary>
    public bool AreRelated(string a, string b) => a != b && (Related(a).Contains(b) || Related(b).Contains(a));
}
