using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The language data the extraction stages use, read once per language from Languages/{code}/*.txt
/// (see each file's header for its format). Nothing here is hard-coded per language.
/// </summary>
public sealed class ExtractionResources
{
    // Lazy: the pipeline threads all ask for a language's resources with their first document, and GetOrAdd alone
    // let each of them build the whole set (a lexicon of 200,000 forms) before all but one were thrown away.
    private static readonly ConcurrentDictionary<string, Lazy<ExtractionResources>> Cache = new(StringComparer.Ordinal);

    /// <summary>The language whose resources serve a document in a language we have no extraction data for.</summary>
    public const string DefaultLanguage = "fr";

    /// <summary>Does this language have extraction data (its speech verbs)?</summary>
    public static bool Supports(string? language) =>
        language is not null && LanguageResources.Available.Contains(language) && LanguageResources.For(language).Lines("speech-verbs").Count > 0;

    public static ExtractionResources For(string language) =>
        Cache.GetOrAdd(Supports(language) ? language : DefaultLanguage, code => new Lazy<ExtractionResources>(() => new ExtractionResources(code))).Value;

    public string Language { get; }
    /// <summary>Ordinary lower-case word forms: a capitalised word found here may be a sentence opener, not a name.</summary>
    public CompactLexicon Lexicon { get; }
    /// <summary>Known proper nouns (as written) → gender 'm', 'f' or '\0'.</summary>
    public Dictionary<string, char> ProperNames { get; }
    public Dictionary<string, SpeechForm> SpeechForms { get; }
    /// <summary>Support-verb lemma → the word sequences that make it a speech cue ("faire" → "savoir").</summary>
    public Dictionary<string, List<string[]>> SpeechPhrases { get; }
    /// <summary>Honorifics as written ("M.", "Mme") → gender.</summary>
    public Dictionary<string, char> Titles { get; }
    private readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> _titleLookup;
    private readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> _properNameLookup;

    /// <summary>Is this surface form (as written) a known proper noun? <paramref name="gender"/>: its gender, '\0' when none.</summary>
    public bool IsProperName(ReadOnlySpan<char> surface, out char gender) => _properNameLookup.TryGetValue(surface, out gender);

    /// <summary>Is this surface form an honorific ("M.", "Mme")? <paramref name="gender"/>: the gender it gives.</summary>
    public bool IsTitle(ReadOnlySpan<char> surface, out char gender) => _titleLookup.TryGetValue(surface, out gender);
    public PhraseTable<RoleInfo> Roles { get; } = new();
    public PhraseTable<PronounInfo> Pronouns { get; } = new();
    public Dictionary<string, NumberWord> NumberWords { get; }
    private readonly Dictionary<string, NumberWord>.AlternateLookup<ReadOnlySpan<char>> _numberWordLookup;

    /// <summary>The number word written so (lower case), or null; for a part of a word, without a new string.</summary>
    public NumberWord? NumberWordOf(ReadOnlySpan<char> word) => _numberWordLookup.TryGetValue(word, out var number) ? number : null;
    public PhraseTable<string> Qualifiers { get; } = new();
    public PhraseTable<string> Scopes { get; } = new();
    public PhraseTable<UnitInfo> Units { get; } = new();
    public PhraseTable<string> ClaimCues { get; } = new();
    /// <summary>Phrases of several words that name a legal proceeding ("mis en examen", "garde à vue").</summary>
    public PhraseTable<string> ChargeCues { get; } = new();
    private readonly HashSet<string> _chargeWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _organisationSuffixes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _chargeIntroducers = new(StringComparer.Ordinal);
    public PhraseTable<string> OrganisationNames { get; } = new();
    public HashSet<string> OrganisationHeads { get; }
    /// <summary>Common nouns that, alone, stand for the company the article is about ("la compagnie", "la direction").</summary>
    public HashSet<string> FirmNouns { get; } = new(StringComparer.Ordinal);
    public PhraseTable<string> Places { get; } = new();
    /// <summary>Towns and countries derived from GeoNames (places-gazetteer.txt): places where written as names, but, unlike <see cref="Places"/>, they do not stop a word being a given name ("Vladimir").</summary>
    public PhraseTable<string> PlaceGazetteer { get; } = new();
    public Dictionary<string, string> PlaceCues { get; }
    public Dictionary<string, string> Nationalities { get; }
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nationalityLookup;

    /// <summary>The nationality a word of a role gives ("russe" → its key), or null; without a new string.</summary>
    public string? NationalityOf(ReadOnlySpan<char> word) => _nationalityLookup.TryGetValue(word, out var nationality) ? nationality : null;
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
    /// <summary>"prénommée" in "une employée, prénommée Kelly": the name that follows belongs to the one described.</summary>
    public HashSet<string> NameIntroducers { get; }
    /// <summary>"même" in "la même source": the speaker is the source last cited.</summary>
    public HashSet<string> SameWords { get; }
    /// <summary>"ancien" in "l'ancien ministre": the role is a former office, held by many.</summary>
    public HashSet<string> FormerMarkers { get; }
    public HashSet<string> Prepositions { get; }
    public HashSet<string> FigureIdentifiers { get; }
    /// <summary>Month names and abbreviations (shared months.txt) → month number.</summary>
    public Dictionary<string, string> Months { get; }

    private ExtractionResources(string code)
    {
        Language = code;
        var r = LanguageResources.For(code);
        Lexicon = new CompactLexicon(r.Text("lexicon"));

        // given names travel across languages: this language's list first, then the others'
        ProperNames = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var source in LanguageResources.Available.OrderBy(c => c == code ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal))
            foreach (var line in LanguageResources.For(source).Lines("proper-names"))
            {
                var p = line.Split('\t');
                ProperNames.TryAdd(p[0], p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0');
            }
        _properNameLookup = ProperNames.GetAlternateLookup<ReadOnlySpan<char>>();

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
            var form = TextFolding.Lower(p[0]);
            // a participle reading wins (it is what "a déclaré" needs); finite readings are kept otherwise
            // the 1990 spelling drops the circumflex on i and u ("reconnait", "parait"): both are written
            foreach (var spelling in form.Contains('î') || form.Contains('û') ? [form, form.Replace('î', 'i').Replace('û', 'u')] : new[] { form })
            {
                if (!SpeechForms.TryGetValue(spelling, out var existing) || (tense == 'K' && !existing.IsParticiple))
                    SpeechForms[spelling] = new SpeechForm(p[1], cls, tense) { AlsoFinite = existing is { IsFinite: true } && existing.Lemma == p[1] };
                else if (existing.IsParticiple && existing.Lemma == p[1] && tense is 'P' or 'I' or 'J' or 'F' or 'C' or 'S')
                    SpeechForms[spelling] = existing with { AlsoFinite = true };
            }
        }
        SpeechPhrases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var line in r.Lines("speech-phrases"))
        {
            var p = line.Split('\t');
            if (p.Length < 2) continue;
            if (!SpeechPhrases.TryGetValue(p[0], out var list)) SpeechPhrases[p[0]] = list = [];
            list.Add(ExtractionTokens.Phrase(p[1]));
        }

        Titles = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var line in r.Lines("person-titles"))
        {
            var p = line.Split('\t');
            Titles[p[0]] = p.Length > 1 && p[1].Length == 1 ? p[1][0] : '\0';
        }
        _titleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();

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
        _numberWordLookup = NumberWords.GetAlternateLookup<ReadOnlySpan<char>>();
        LoadPhrases(r, "figure-qualifiers", Qualifiers, p => p.Length > 1 ? p[1] : p[0]);
        LoadPhrases(r, "figure-scopes", Scopes, p => p.Length > 1 ? p[1] : "open");
        LoadPhrases(r, "figure-units", Units, p => new UnitInfo(p.Length > 1 ? p[1] : p[0], p.Length > 2 ? p[2] : "count"));
        LoadPhrases(r, "claim-cues", ClaimCues, p => p.Length > 1 ? p[1] : "according");
        OrganisationHeads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("organisation-cues"))
        {
            var p = line.Split('\t');
            if (p.Length > 1 && p[1] == "head") OrganisationHeads.Add(TextFolding.Lower(p[0]));
            if (p.Length > 2 && p[2] == "firm") FirmNouns.Add(TextFolding.Lower(p[0]));
            else if (p.Length > 1 && p[1] == "suffix") _organisationSuffixes.Add(TextFolding.Lower(p[0]));
            else OrganisationNames.Add(p[0], p[0]);
        }
        // well-known firms and bodies are written alike in every language ("Google", "Airbus"): every language's list
        foreach (var source in LanguageResources.Available)
            foreach (var line in LanguageResources.For(source).Lines("organisations"))
                OrganisationNames.Add(line.Split('\t')[0], line.Split('\t')[0]);
        LoadPhrases(r, "places", Places, p => p.Length > 1 ? p[1] : TextFolding.Slug(p[0]));
        LoadPhrases(r, "places-gazetteer", PlaceGazetteer, p => p.Length > 1 ? p[1] : TextFolding.Slug(p[0]));
        // foreign towns are often written without their accents ("Bogota" for "Bogotá"): the gazetteer knows both forms
        foreach (var line in r.Lines("places-gazetteer"))
        {
            var p = line.Split('\t');
            if (TextFolding.Fold(p[0]) is var bare && !string.Equals(bare, TextFolding.Lower(p[0]), StringComparison.Ordinal))
                PlaceGazetteer.Add(bare, p.Length > 1 ? p[1] : TextFolding.Slug(p[0]));
        }
        PlaceCues = r.Map("place-cues");
        Nationalities = r.Map("nationalities");
        _nationalityLookup = Nationalities.GetAlternateLookup<ReadOnlySpan<char>>();
        NameParticles = r.Set("name-particles");
        WorkCues = r.Set("work-cues");
        Determiners = r.Map("determiners");
        ClauseIntroducers = r.Set("clause-introducers");
        Auxiliaries = r.Set("auxiliaries");
        ClauseMarkers = r.Set("clause-markers");
        Fillers = r.Set("fillers");
        NameIntroducers = r.Set("name-introducers");
        SameWords = r.Set("same-words");
        FormerMarkers = r.Set("former-markers");
        Prepositions = r.Set("prepositions");
        FigureIdentifiers = r.Set("figure-identifiers");
        Months = r.Map("months");
        foreach (var line in r.Lines("charge-cues"))
        {
            var p = line.Split('\t');
            if (p.Length > 1 && p[1] == "introducer") _chargeIntroducers.Add(p[0]);
            else if (p[0].Contains(' ')) ChargeCues.Add(p[0], p[0]);
            else _chargeWords.Add(p[0]);
        }
        foreach (var (plain, accented) in r.Map("unaccented-initials"))
            if (plain.Length == 1 && accented.Length == 1) _unaccentedInitials[plain[0]] = accented[0];
        IndexPhraseTables(Roles, Pronouns, Qualifiers, Scopes, Units, ClaimCues, OrganisationNames, Places, PlaceGazetteer, ChargeCues);
        BuildVocab(Determiners.Keys.Concat(Prepositions).Concat(Auxiliaries).Concat(Fillers).Concat(ClauseMarkers)
            .Concat(ClauseIntroducers).Concat(NameParticles).Concat(WorkCues).Concat(OrganisationHeads).Concat(FigureIdentifiers)
            .Concat(Months.Keys).Concat(Months.Keys.Select(m => m + ".")).Concat(Nationalities.Keys).Concat(SpeechForms.Keys)
            .Concat(NumberWords.Keys).Concat(_chargeWords).Concat(_organisationSuffixes).Concat(_chargeIntroducers).Concat(_phraseTables.SelectMany(t => t.Table.Words()))
            .Concat(Lexicon.FormsWithValue("f")));
    }

    private static void LoadPhrases<T>(LanguageResources r, string name, PhraseTable<T> table, Func<string[], T> value)
    {
        foreach (var line in r.Lines(name))
        {
            var p = line.Split('\t');
            table.Add(p[0], value(p));
        }
    }

    private readonly Dictionary<char, char> _unaccentedInitials = [];
    private HashSet<string>? _foreignFunctionWords;

    /// <summary>
    /// A function word of another language we have data for ("the", "of" in a French article): capitalised words
    /// around it are the name of a title, a medium or a firm ("The Last Dance", "The Sun"), not a person.
    /// </summary>
    public bool IsForeignFunctionWord(string lower)
    {
        _foreignFunctionWords ??= BuildForeignFunctionWords();
        return _foreignFunctionWords.Contains(lower);
    }

    private HashSet<string> BuildForeignFunctionWords()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in LanguageResources.Available)
        {
            if (code == Language) continue;
            foreach (var word in LanguageResources.For(code).Lines("function-words")) set.Add(word.Split('\t')[0]);
        }
        // a word that is also a function word here ("de", "la") says nothing about the name
        set.RemoveWhere(w => Determiners.ContainsKey(w) || Prepositions.Contains(w) || Lexicon.Contains(w));
        return set;
    }

    /// <summary>
    /// The language's lexemes: made for the words some list other than the lexicon names (function words, speech
    /// verb forms, number words, first and last words of phrases) when the resources load; other words are read
    /// from the lexicon as stages ask.
    /// </summary>
    public Vocab Vocab { get; private set; } = null!;

    private string? LookUpLexiconClasses(string lower)
    {
        var classes = Lexicon.Get(lower);
        // capitals often drop their accent ("Election", "Etat"): try the accented initial the language uses
        if (classes is null && lower.Length > 2 && _unaccentedInitials.TryGetValue(lower[0], out var accented))
        {
            Span<char> buffer = lower.Length <= 64 ? stackalloc char[lower.Length] : new char[lower.Length];
            lower.AsSpan().CopyTo(buffer);
            buffer[0] = accented;
            classes = Lexicon.Get(buffer);
        }
        return classes;
    }

    private void BuildVocab(IEnumerable<string> words)
    {
        var named = new Dictionary<string, Lexeme>(StringComparer.Ordinal);
        foreach (var word in words)
            if (!named.ContainsKey(word)) named[word] = BuildNamedLexeme(word);
        Vocab = new Vocab(named.Values, LookUpLexiconClasses);
    }

    private Lexeme BuildNamedLexeme(string lower)
    {
        var lists = WordLists.None;
        var classes = Lexicon.Get(lower);
        if (classes is not null) lists |= WordLists.Lexicon;
        if (Determiners.ContainsKey(lower)) lists |= WordLists.Determiner | WordLists.FunctionWord;
        if (Prepositions.Contains(lower)) lists |= WordLists.Preposition | WordLists.FunctionWord;
        if (classes == "f") lists |= WordLists.FunctionWord;
        if (Auxiliaries.Contains(lower)) lists |= WordLists.Auxiliary;
        if (Fillers.Contains(lower)) lists |= WordLists.Filler;
        if (ClauseMarkers.Contains(lower)) lists |= WordLists.ClauseMarker;
        if (ClauseIntroducers.Contains(lower)) lists |= WordLists.ClauseIntroducer;
        if (NameParticles.Contains(lower)) lists |= WordLists.NameParticle;
        if (WorkCues.Contains(lower)) lists |= WordLists.WorkCue;
        if (OrganisationHeads.Contains(lower)) lists |= WordLists.OrganisationHead;
        if (FigureIdentifiers.Contains(lower)) lists |= WordLists.FigureIdentifier;
        if (Months.ContainsKey(lower) || lower.EndsWith('.') && Months.ContainsKey(lower.TrimEnd('.'))) lists |= WordLists.Month;
        if (Nationalities.ContainsKey(lower)) lists |= WordLists.Nationality;
        if (_chargeWords.Contains(lower)) lists |= WordLists.ChargeCue;
        if (_organisationSuffixes.Contains(lower)) lists |= WordLists.OrganisationSuffix;
        if (_chargeIntroducers.Contains(lower)) lists |= WordLists.ChargeIntroducer;
        int first = 0, last = 0;
        foreach (var (table, bit) in _phraseTables)
        {
            if (table.StartsWith(lower)) first |= bit;
            if (table.EndsWith(lower)) last |= bit;
        }
        return new Lexeme(lower, classes, lists, SpeechForms.GetValueOrDefault(lower), NumberWords.GetValueOrDefault(lower), first, last)
        {
            StartingPhrases = first == 0 ? null : _phraseTables.Select(t => t.Table.StartingWith(lower)).ToArray(),
            EndingPhrases = last == 0 ? null : _phraseTables.Select(t => t.Table.EndingWith(lower)).ToArray(),
        };
    }

    private readonly List<(PhraseTableBase Table, int Bit)> _phraseTables = [];

    private void IndexPhraseTables(params PhraseTableBase[] tables)
    {
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i].Bit = 1 << i;
            tables[i].Index = i;
            _phraseTables.Add((tables[i], 1 << i));
        }
    }

    public bool IsTitle(ReadOnlySpan<char> surface) => _titleLookup.ContainsKey(surface);

    /// <summary>Is this lower-case form an ordinary word of the language (not only a name)?</summary>
    public bool IsOrdinaryWord(string lower) => Lexicon.Contains(lower);

    /// <summary>Word classes of a lower-case form (see lexicon.txt: n, a, v, p, i, g, d, f), empty when unknown.</summary>
    public string Classes(string lower) => Lexicon.Get(lower) ?? "";

    public bool CanBeFiniteVerb(string lower) => Classes(lower).Contains('v');

    /// <summary>The speech reading of a token, if any.</summary>
    public SpeechForm? Speech(string lower) => SpeechForms.GetValueOrDefault(lower);
}
