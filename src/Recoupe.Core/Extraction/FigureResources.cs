using System.Collections.Concurrent;
using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The figure stage's own word lists for one language (Languages/{code}/figure-words.txt, figure-predicates.txt,
/// figure-claim-verbs.txt, weekdays.txt), read once per language.
/// </summary>
public sealed class FigureResources
{
    // (Lazy: built once when several pipeline threads ask at the same time, see ExtractionResources.For)
    private static readonly ConcurrentDictionary<string, Lazy<FigureResources>> Cache = new(StringComparer.Ordinal);

    public static FigureResources For(string language) => Cache.GetOrAdd(language, code => new Lazy<FigureResources>(() => new FigureResources(code))).Value;

    private readonly Dictionary<string, HashSet<string>> _roles = new(StringComparer.Ordinal);

    /// <summary>"annoncé par", "announced by": the author of the figure right before them follows.</summary>
    public PhraseTable<string> ByCues { get; } = new();

    /// <summary>Participles and nouns that name what is counted ("mortes" → "morts").</summary>
    public Dictionary<string, string> Predicates { get; }
    /// <summary>Verb forms that put forward a figure without being speech verbs ("propose", "requis").</summary>
    public HashSet<string> ClaimVerbs { get; }
    /// <summary>Speech verb lemmas that do not make their subject the source of a figure ("livrer", "citer").</summary>
    public HashSet<string> WeakSpeechLemmas { get; }
    /// <summary>Speech verb lemmas that speak only before a clause ("reconnaître que…"; "reconnaître le chant" is no speech).</summary>
    public HashSet<string> ClauseSpeechLemmas { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Weekdays { get; }
    /// <summary>Single-word units by their lower-case form (for "four-day", "22-year-old").</summary>
    public Dictionary<string, UnitInfo> UnitWords { get; } = new(StringComparer.Ordinal);
    /// <summary>The word this language writes for a unit ("year" → "ans"), for ages written without one.</summary>
    public Dictionary<string, string> UnitNames { get; } = new(StringComparer.Ordinal);
    /// <summary>Normalised unit → its class ("EUR" → "money").</summary>
    public Dictionary<string, string> UnitClasses { get; } = new(StringComparer.Ordinal);

    private FigureResources(string code)
    {
        var r = LanguageResources.For(code);
        _numberWords = ExtractionResources.For(code).NumberWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var line in r.Lines("figure-words"))
        {
            var p = line.Split('\t');
            if (p.Length < 2) continue;
            if (!_roles.TryGetValue(p[1], out var set)) _roles[p[1]] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(TextFolding.Lower(p[0]));
        }
        foreach (var (role, words) in _roles)
            foreach (var word in words)
                _rolesOfWord[word] = [.. _rolesOfWord.GetValueOrDefault(word, []), role];
        _rolesOfWordBySpan = _rolesOfWord.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var phrase in r.Lines("figure-by-cues")) ByCues.Add(phrase.Split('\t')[0], "by");
        Predicates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (word, canonical) in r.Map("figure-predicates")) Predicates[TextFolding.Lower(word)] = canonical;
        ClaimVerbs = new HashSet<string>(StringComparer.Ordinal);
        WeakSpeechLemmas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in r.Set("figure-claim-verbs"))
            if (word.StartsWith('-')) WeakSpeechLemmas.Add(word[1..]);
            else if (word.StartsWith('?')) ClauseSpeechLemmas.Add(word[1..]);
            else ClaimVerbs.Add(TextFolding.Lower(word));
        Weekdays = new HashSet<string>(r.Set("weekdays").Select(s => TextFolding.Lower(s)), StringComparer.Ordinal);
        foreach (var line in r.Lines("figure-units"))
        {
            var p = line.Split('\t');
            if (p.Length < 2 || p[0].Contains(' ')) continue;
            var info = new UnitInfo(p[1], p.Length > 2 ? p[2] : "count");
            UnitWords.TryAdd(TextFolding.Lower(p[0]), info);
            // the first word written for a unit in the file is its usual name ("ans" before "an")
            UnitNames.TryAdd(p[1], p[0]);
            UnitClasses.TryAdd(p[1], info.Class);
        }
    }

    /// <summary>The words with <paramref name="role"/> in figure-words.txt.</summary>
    public IEnumerable<string> WithRole(string role) => _roles.TryGetValue(role, out var set) ? set : [];

    /// <summary>A word without word classes that reads as a participle or an adjective by its ending ("scheduled").</summary>
    public bool LooksLikeModifier(Tok t)
    {
        if (t.Classes.Length > 0 || t.Lower.Length < 5 || !_roles.TryGetValue("modifier-suffix", out var endings)) return false;
        foreach (var ending in endings)
            if (t.Lower.EndsWith(ending, StringComparison.Ordinal)) return true;
        return false;
    }

    private readonly Dictionary<string, NumberWord>.AlternateLookup<ReadOnlySpan<char>> _numberWords;

    /// <summary>Whether a part of a word ("four" in "four-day") is a number word, without a new string.</summary>
    public bool IsNumberWord(ReadOnlySpan<char> word) => _numberWords.ContainsKey(word);

    /// <summary>Whether <paramref name="word"/> (lower case) has <paramref name="role"/> in figure-words.txt.</summary>
    public bool Is(string word, string role) => _rolesOfWord.TryGetValue(word, out var roles) && Array.IndexOf(roles, role) >= 0;

    /// <summary><see cref="Is(string, string)"/> for a part of a word ("vingt" in "quatre-vingt-dix"), without a new string.</summary>
    public bool Is(ReadOnlySpan<char> word, string role) => _rolesOfWordBySpan.TryGetValue(word, out var roles) && Array.IndexOf(roles, role) >= 0;

    private Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _rolesOfWordBySpan;

    // The roles of each word: asked of most words near a figure, and most words have none (one look-up, a miss).
    private readonly Dictionary<string, string[]> _rolesOfWord = new(StringComparer.Ordinal);
}
