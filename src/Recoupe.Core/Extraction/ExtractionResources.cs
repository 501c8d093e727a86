using System.Collections.Concurrent;
using System.Globalization;
using Recoupe.Core.Languages;

namespace Recoupe.Core.Extraction;

public sealed record SpeechForm(string Lemma, string Class, char Tense)
{
    public bool IsParticiple => Tense == 'K';
    public bool IsInfinitive => Tense == 'W';
    public bool IsGerund => Tense == 'G';
    public bool IsFinite => Tense is 'P' or 'I' or 'J' or 'F' or 'C' or 'S';
    public bool IsSupport => Class == "support";
}

public sealed record RoleInfo(string Phrase, char Gender, string Class);

public sealed record PronounInfo(char Gender, char Number, string Use);

public sealed record NumberWord(decimal Value, string Kind);

public sealed record UnitInfo(string Unit, string Class);

/// <summary>A phrase of one or more tokens (lower case) matched against a token list.</summary>
public sealed class PhraseTable<T>
{
    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirst = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byLast = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public void Add(string phrase, T value)
    {
        var words = WordTokenizer.Tokenize(phrase).Select(t => t.Lower).ToArray();
        if (words.Length == 0) return;
        Add(_byFirst, words[0], words, value);
        Add(_byLast, words[^1], words, value);
        Count++;
    }

    private static void Add(Dictionary<string, List<(string[], T)>> index, string key, string[] words, T value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add((words, value));
        list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
    }

    public bool StartsWith(string word) => _byFirst.ContainsKey(word);

    /// <summary>Longest phrase that starts at token <paramref name="index"/>; returns its length in tokens (0 when none).</summary>
    public int MatchAt(IReadOnlyList<Tok> tokens, int index, out T value, int limit = int.MaxValue)
    {
        value = default!;
        if (index < 0 || index >= tokens.Count || !_byFirst.TryGetValue(tokens[index].Lower, out var list)) return 0;
        foreach (var (words, v) in list)
        {
            if (index + words.Length > Math.Min(tokens.Count, limit)) continue;
            var ok = true;
            for (var k = 1; k < words.Length && ok; k++) ok = tokens[index + k].Lower == words[k];
            if (!ok) continue;
            value = v;
            return words.Length;
        }
        return 0;
    }

    /// <summary>Longest phrase that ends at token <paramref name="last"/> (inclusive); returns its length (0 when none).</summary>
    public int MatchEndingAt(IReadOnlyList<Tok> tokens, int last, out T value, int floor = 0)
    {
        value = default!;
        if (last < 0 || last >= tokens.Count || !_byLast.TryGetValue(tokens[last].Lower, out var list)) return 0;
        foreach (var (words, v) in list)
        {
            var first = last - words.Length + 1;
            if (first < floor) continue;
            var ok = true;
            for (var k = 0; k < words.Length - 1 && ok; k++) ok = tokens[first + k].Lower == words[k];
            if (!ok) continue;
            value = v;
            return words.Length;
        }
        return 0;
    }
}

/// <summary>
/// The language data the extraction stages use, read once per language from Languages/{code}/*.txt
/// (see each file's header for its format). Nothing here is hard-coded per language.
/// </summary>
public sealed class ExtractionResources
{
    private static readonly ConcurrentDictionary<string, ExtractionResources> Cache = new(StringComparer.Ordinal);

    public static ExtractionResources For(string language) =>
        Cache.GetOrAdd(LanguageResources.Available.Contains(language) ? language : "fr", code => new ExtractionResources(code));

    public string Language { get; }
    /// <summary>Ordinary lower-case word forms: a capitalised word found here may be a sentence opener, not a name.</summary>
    public Dictionary<string, string> Lexicon { get; }
    /// <summary>Known proper nouns (as written) → gender 'm', 'f' or '\0'.</summary>
    public Dictionary<string, char> ProperNames { get; }
    public Dictionary<string, SpeechForm> SpeechForms { get; }
    /// <summary>Support-verb lemma → the word sequences that make it a speech cue ("faire" → "savoir").</summary>
    public Dictionary<string, List<string[]>> SpeechPhrases { get; }
    /// <summary>Honorifics as written ("M.", "Mme") → gender.</summary>
    public Dictionary<string, char> Titles { get; }
    public HashSet<string> DottedTitles { get; }
    public PhraseTable<RoleInfo> Roles { get; } = new();
    public PhraseTable<PronounInfo> Pronouns { get; } = new();
    public Dictionary<string, NumberWord> NumberWords { get; }
    public PhraseTable<string> Qualifiers { get; } = new();
    public PhraseTable<string> Scopes { get; } = new();
    public PhraseTable<UnitInfo> Units { get; } = new();
    public PhraseTable<string> ClaimCues { get; } = new();
    public PhraseTable<string> OrganisationNames { get; } = new();
    public HashSet<string> OrganisationHeads { get; }
    public PhraseTable<string> Places { get; } = new();
    public Dictionary<string, string> PlaceCues { get; }
    public Dictionary<string, string> Nationalities { get; }
    public HashSet<string> NameParticles { get; }
    public HashSet<string> WorkCues { get; }
    /// <summary>Determiners → gender/number ("le" → "ms").</summary>
    public Dictionary<string, string> Determiners { get; }
    /// <summary>Subordinators after which a quotation is a whole clause ("que", "car").</summary>
    public HashSet<string> ClauseIntroducers { get; }
    /// <summary>Auxiliary verb forms (3rd person) that build compound tenses ("a", "ont", "avait").</summary>
    public HashSet<string> Auxiliaries { get; }
    /// <summary>Subject pronouns and other words whose presence makes quoted words a clause.</summary>
    public HashSet<string> ClauseMarkers { get; }
    /// <summary>Words that may sit between a verb and its inverted subject or between auxiliary and participle ("encore", "vendredi").</summary>
    public HashSet<string> Fillers { get; }
    public HashSet<string> Prepositions { get; }
    public HashSet<string> FigureIdentifiers { get; }
    /// <summary>Month names and abbreviations (shared months.txt) → month number.</summary>
    public Dictionary<string, string> Months { get; }

    private ExtractionResources(string code)
    {
        Language = code;
        var r = LanguageResources.For(code);
        Lexicon = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("lexicon"))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0) Lexicon[line] = "";
            else Lexicon[line[..tab]] = string.Intern(line[(tab + 1)..]);
        }

        ProperNames = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var line in r.Lines("proper-names"))
        {
            var p = line.Split('\t');
            ProperNames[p[0]] = p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0';
        }

        var lemmaClass = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("speech-verbs"))
        {
            var p = line.Split('\t');
            lemmaClass[p[0]] = p.Length > 1 ? p[1] : "say";
        }
        SpeechForms = new Dictionary<string, SpeechForm>(StringComparer.Ordinal);
        foreach (var line in r.Lines("speech-verb-forms"))
        {
            var p = line.Split('\t');
            if (p.Length < 2) continue;
            var cls = lemmaClass.GetValueOrDefault(p[1], "say");
            var tense = p.Length > 2 && p[2].Length > 0 ? p[2][0] : 'P';
            var form = TextFold.Lower(p[0]);
            // a participle reading wins (it is what "a déclaré" needs); finite readings are kept otherwise
            if (!SpeechForms.TryGetValue(form, out var existing) || (tense == 'K' && !existing.IsParticiple))
                SpeechForms[form] = new SpeechForm(p[1], cls, tense);
        }
        SpeechPhrases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var line in r.Lines("speech-phrases"))
        {
            var p = line.Split('\t');
            if (p.Length < 2) continue;
            if (!SpeechPhrases.TryGetValue(p[0], out var list)) SpeechPhrases[p[0]] = list = [];
            list.Add(WordTokenizer.Tokenize(p[1]).Select(t => t.Lower).ToArray());
        }

        Titles = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var line in r.Lines("person-titles"))
        {
            var p = line.Split('\t');
            Titles[p[0]] = p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0';
        }
        DottedTitles = new HashSet<string>(Titles.Keys.Where(t => t.EndsWith('.')), StringComparer.Ordinal);

        foreach (var line in r.Lines("roles"))
        {
            var p = line.Split('\t');
            Roles.Add(p[0], new RoleInfo(p[0], p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0', p.Length > 2 ? p[2] : "generic"));
        }
        foreach (var line in r.Lines("pronouns"))
        {
            var p = line.Split('\t');
            Pronouns.Add(p[0], new PronounInfo(p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0', p.Length > 2 && p[2].Length == 1 ? p[2][0] : 's', p.Length > 3 ? p[3] : "subject"));
        }
        NumberWords = new Dictionary<string, NumberWord>(StringComparer.Ordinal);
        foreach (var line in r.Lines("number-words"))
        {
            var p = line.Split('\t');
            if (p.Length >= 2 && decimal.TryParse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                NumberWords[p[0]] = new NumberWord(v, p.Length > 2 ? p[2] : "unit");
        }
        LoadPhrases(r, "figure-qualifiers", Qualifiers, p => p.Length > 1 ? p[1] : p[0]);
        LoadPhrases(r, "figure-scopes", Scopes, p => p.Length > 1 ? p[1] : "open");
        LoadPhrases(r, "figure-units", Units, p => new UnitInfo(p.Length > 1 ? p[1] : p[0], p.Length > 2 ? p[2] : "count"));
        LoadPhrases(r, "claim-cues", ClaimCues, p => p.Length > 1 ? p[1] : "according");
        OrganisationHeads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("organisation-cues"))
        {
            var p = line.Split('\t');
            if (p.Length > 1 && p[1] == "head") OrganisationHeads.Add(TextFold.Lower(p[0]));
            else OrganisationNames.Add(p[0], p[0]);
        }
        LoadPhrases(r, "places", Places, p => p.Length > 1 ? p[1] : TextFold.Slug(p[0]));
        PlaceCues = r.Map("place-cues");
        Nationalities = r.Map("nationalities");
        NameParticles = r.Set("name-particles");
        WorkCues = r.Set("work-cues");
        Determiners = r.Map("determiners");
        ClauseIntroducers = r.Set("clause-introducers");
        Auxiliaries = r.Set("auxiliaries");
        ClauseMarkers = r.Set("clause-markers");
        Fillers = r.Set("fillers");
        Prepositions = r.Set("prepositions");
        FigureIdentifiers = r.Set("figure-identifiers");
        Months = r.Map("months");
    }

    private static void LoadPhrases<T>(LanguageResources r, string name, PhraseTable<T> table, Func<string[], T> value)
    {
        foreach (var line in r.Lines(name))
        {
            var p = line.Split('\t');
            table.Add(p[0], value(p));
        }
    }

    /// <summary>Is this lower-case form an ordinary word of the language (not only a name)?</summary>
    public bool IsOrdinaryWord(string lower) => Lexicon.ContainsKey(lower);

    /// <summary>Word classes of a lower-case form (see lexicon.txt: n, a, v, p, i, g, d, f), empty when unknown.</summary>
    public string Classes(string lower) => Lexicon.GetValueOrDefault(lower, "");

    public bool CanBeFiniteVerb(string lower) => Classes(lower).Contains('v');

    /// <summary>The speech reading of a token, if any.</summary>
    public SpeechForm? Speech(string lower) => SpeechForms.GetValueOrDefault(lower);
}
