using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>Shapes of a name read from its words alone: a model code, a town's name that opens a person's name.</summary>
public sealed partial class EntityFinder
{
    /// <summary>A word mixing letters and digits ("A321", "GDDR5") after a name word, in the run or right after it: a model, a product ("L214", "G20" alone stay names).</summary>
    private bool HasModelCode(int first, int last)
    {
        var end = Math.Min(last + 1, _t.Count - 1);
        for (var k = first + 1; k <= end; k++)
        {
            if (k > last && (_t[k].Is(WordFlags.LineStart) || _t[k].Is(WordFlags.GluedLeft) && _t[k].Kind != TokKind.Word)) break;
            if (IsModelCode(k)) return true;
        }
        return false;
    }

    private bool IsModelCode(int k)
    {
        var t = _t[k];
        if (t.Kind == TokKind.Punct || t.Length < 2) return false;
        bool letter = false, digit = false;
        foreach (var ch in _a.TokSpan(k))
        {
            letter |= char.IsLetter(ch);
            digit |= char.IsDigit(ch);
        }
        // an ordinal or a year glued to a word ("2e", "XVe") is no model code: a code holds an upper-case letter
        return letter && digit && _a.TokSpan(k).IndexOfAnyInRange('A', 'Z') >= 0;
    }

    /// <summary>A given name we know, or a compound one whose first part is ("Jean-Yves").</summary>
    private bool GivenNameWord(int k)
    {
        if (IsGivenName(k)) return true;
        var span = _a.TokSpan(k);
        var dash = span.IndexOf('-');
        return dash > 0 && _r.IsProperName(span[..dash], out var g) && g != '\0' && _r.Places.MatchAt(_t, k, out _) == 0;
    }

    /// <summary>The one person of the article whose given name this word is ("Grégory" for "Grégory Villemin"), or null when none or several are.</summary>
    private EntityCluster? PersonByGivenName(int k, bool introducedBefore = true)
    {
        // (a known given name, written with no article before it: "the Xbox" after "Xbox Wire" is the thing)
        if (!_t[k].IsCap || _t[k].Is(WordFlags.AllCaps) || !IsGivenName(k) || k > 0 && _t[k - 1].In(WordLists.Determiner)) return null;
        var folded = TextFolding.Fold(_a.TokText(k));
        EntityCluster? found = null;
        foreach (var c in Clusters)
        {
            if (c.Type != EntityType.Person || c.FirstName is null || !string.Equals(TextFolding.Fold(c.FirstName), folded, StringComparison.Ordinal)) continue;
            if (found is not null && found != c) return null;
            found = c;
        }
        if (found is null || !introducedBefore) return found;
        // (introduced earlier in the article)
        if (found is not null)
            foreach (var m in Mentions)
                if (m.Entity == found && m.First < k) return found;
        return null;
    }

    /// <summary>
    /// A known given name, no ordinary word and no known place, that the article writes alone at least twice and never
    /// after a place preposition nor a determiner (a person takes no article: "the Xbox" is a thing): a person called
    /// by the given name ("l'enlèvement de Grégory").
    /// </summary>
    private bool LoneGivenName(int k)
    {
        if (!IsGivenName(k) || _t[k].InLexicon || _t[k].Is(WordFlags.AllCaps) || KnownPlaceAt(k, out _) > 0) return false;
        // (English capitalises its days and months: "Sunday" is a day)
        if (_own.IsWeekday(_t[k].Lower) || _t[k].In(WordLists.Month)) return false;
        // (a capital inside the word, "GreenPak", writes a brand)
        if (_a.TokSpan(k)[1..].IndexOfAnyInRange('A', 'Z') >= 0) return false;
        var lower = _t[k].Lower;
        var alone = 0;
        for (var i = 0; i < _t.Count; i++)
        {
            if (!_t[i].IsCap || !string.Equals(_t[i].Lower, lower, StringComparison.Ordinal)) continue;
            if (i > 0 && (_r.PlaceCues.TryGetValue(_t[i - 1].Lower, out var kind) && kind == "prep" || _t[i - 1].In(WordLists.Determiner))) return false;
            var before = i > 0 && _t[i - 1].IsCap && !_t[i - 1].Is(WordFlags.SentenceInitial);
            var after = i + 1 < _t.Count && _t[i + 1].IsCap && !_t[i + 1].Is(WordFlags.LineStart);
            if (!before && !after) alone++;
        }
        return alone >= 2;
    }

    /// <summary>One capital and one or two digits ("G7", "G20", "C8") in a name's slot, not counted as a thing.</summary>
    private bool IsShortCode(int k)
    {
        var span = _a.TokSpan(k);
        if (span.Length is < 2 or > 3 || !char.IsUpper(span[0])) return false;
        foreach (var ch in span[1..])
            if (!char.IsDigit(ch)) return false;
        // (in a name's slot: after a determiner or a preposition, "du G7", "sur C8"; a code in brackets or a list,
        // "[M1 / MP", is a label)
        if (k == 0 || _t[k - 1].Kind != TokKind.Word || !_t[k - 1].In(WordLists.Determiner) && !_t[k - 1].In(WordLists.Preposition)) return false;
        return !CommonNounSlot(k);
    }

    /// <summary>Are all the run's words ordinary words of the lexicon?</summary>
    private bool AllOrdinaryWords(int first, int last)
    {
        for (var k = first; k <= last; k++)
            if (!_t[k].InLexicon) return false;
        return true;
    }

    /// <summary>
    /// Is token <paramref name="k"/> in a line written in title case: three or more words of four letters or more,
    /// every one capitalised ("Understand How Your Own Brain Works Against You")? Its ordinary words are a heading's,
    /// not a name's.
    /// </summary>
    private bool InTitleCaseLine(int k)
    {
        var from = k;
        while (from > 0 && !_t[from].Is(WordFlags.LineStart)) from--;
        var long_ = 0;
        for (var i = from; i < _t.Count && (i == from || !_t[i].Is(WordFlags.LineStart)); i++)
        {
            if (_t[i].Kind != TokKind.Word || _t[i].Length < 4) continue;
            if (!_t[i].IsCap || _t[i].Is(WordFlags.AllCaps)) return false;
            long_++;
        }
        return long_ >= 3;
    }

    /// <summary>
    /// The token of a small number (one or two digits) written after the name word <paramref name="last"/>, when
    /// nothing it could count follows it ("sur Europe 1.", "Studio 7 a"; not "Paris 2 fois"), else -1. Not in a language
    /// that capitalises a title's words, where a name and a number as often write a product's version ("Windows 10").
    /// </summary>
    private int NumberClosesName(int last)
    {
        if (_lang.CapitalisesTitleWords) return -1;
        var k = last + 1;
        if (k >= _t.Count || _t[k].Kind != TokKind.Number || _t[k].Is(WordFlags.GluedLeft) || _t[k].Is(WordFlags.LineStart) || _t[k].Length > 2) return -1;
        if (!_t[last].IsCap || _t[last].In(WordLists.Month) || _own.IsWeekday(_t[last].Lower)) return -1;
        foreach (var ch in _a.TokSpan(k))
            if (!char.IsDigit(ch)) return -1;
        if (k + 1 < _t.Count)
        {
            var n = _t[k + 1];
            // (a word after the number, a unit, a month or a noun, is what it counts or dates; another number is a date or a score)
            if (n.Kind == TokKind.Number || n.Is(WordFlags.GluedLeft) && n.Kind == TokKind.Word) return -1;
            if (n.Kind == TokKind.Word && !n.IsCap && (n.In(WordLists.Month) || n.Classes.Contains('n') && !n.In(WordLists.FunctionWord) && !n.In(WordLists.Auxiliary) && !n.CanBeFiniteVerb)) return -1;
        }
        return k;
    }

    /// <summary>Does a word of the run hold a capital after its first letter ("PlayStation", "iPhone")?</summary>
    private bool HasInnerCapital(int first, int last)
    {
        for (var k = first; k <= last; k++)
            if (_t[k].Kind == TokKind.Word && !_t[k].Is(WordFlags.AllCaps) && _a.TokSpan(k)[1..].IndexOfAnyInRange('A', 'Z') >= 0) return true;
        return false;
    }

    /// <summary>A number before an ordinary word capitalised mid-sentence ("20 Minutes"), in a language that capitalises only a title's first word.</summary>
    private bool NumberOpensTitle(int i)
    {
        if (_lang.CapitalisesTitleWords || _t[i].Kind != TokKind.Number || i + 1 >= _t.Count) return false;
        var n = _t[i + 1];
        return n.IsCap && !n.Is(WordFlags.SentenceInitial) && !n.Is(WordFlags.LineStart) && !n.Is(WordFlags.AllCaps) && !n.Is(WordFlags.GluedLeft) && n.InLexicon
               && !n.In(WordLists.Month) && !n.In(WordLists.Nationality) && !_own.IsWeekday(n.Lower) && !n.In(WordLists.FunctionWord)
               && ByToken[i + 1] is null && (i + 2 >= _t.Count || !_t[i + 2].IsCap);
    }

    /// <summary>A Roman numeral in capitals ("II", "IV", "XX"): a number, no name.</summary>
    private bool IsRomanNumeral(int k)
    {
        var span = _a.TokSpan(k);
        if (span.Length < 2) return false;
        foreach (var ch in span)
            if (ch is not ('I' or 'V' or 'X')) return false;
        return true;
    }

    /// <summary>
    /// Does the word that opens this run, no known given name, open other runs with other words after it ("Dolby
    /// Atmos", "Dolby Vision"; "Metroid Prime", "Metroid Fusion")? A brand or a series names its products so; a
    /// person's given name is not reused so across an article.
    /// </summary>
    private bool OpensSeveralNames(int first, int last)
    {
        // (in a language that capitalises a title's words: French writes a product's name in lower case after its first
        // word, and a person's surname spelled two ways, "Garcia-Berteaux" and "Garcia-Bertaux", is still one person)
        if (!_lang.CapitalisesTitleWords || IsGivenName(first) || first + 1 > last) return false;
        var word = _t[first].Lower;
        var second = _t[first + 1].Lower;
        for (var i = 0; i + 1 < _t.Count; i++)
        {
            if (i == first || !_t[i].IsCap || !string.Equals(_t[i].Lower, word, StringComparison.Ordinal)) continue;
            var next = _t[i + 1];
            if (next.IsCap && !next.Is(WordFlags.LineStart) && !string.Equals(next.Lower, second, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Does the run hold a body's head noun or a firm's ending ("Silego Technology", "American Airlines")?</summary>
    private bool HasOrganisationWord(int first, int last)
    {
        for (var k = first; k <= last; k++)
            if (_t[k].In(WordLists.OrganisationHead) || _t[k].In(WordLists.OrganisationSuffix)) return true;
        return false;
    }

    /// <summary>A capitalised body's head word followed by a lower-case adjective or preposition: "Cour des comptes", "Conseil supérieur".</summary>
    private bool OrganisationHeadBeforeComplement(int i)
    {
        if (!_t[i].IsCap || _t[i].Is(WordFlags.AllCaps) || !_t[i].In(WordLists.OrganisationHead) || i + 1 >= _t.Count) return false;
        var next = _t[i + 1];
        return next.Kind == TokKind.Word && !next.IsCap && !next.Is(WordFlags.LineStart) && (next.In(WordLists.Preposition) || next.Classes.Contains('a'));
    }

    /// <summary>
    /// A determiner or preposition written with a capital inside a sentence, before a name word: it opens the name
    /// ("au député Les Républicains", "le leader d'En Marche"), as titles of papers, parties and works are written.
    /// </summary>
    private bool CapitalisedFunctionWordOpensName(int i)
    {
        var t = _t[i];
        if (!t.IsCap || t.Is(WordFlags.SentenceInitial) || t.Is(WordFlags.AllCaps) || t.Is(WordFlags.LineStart)) return false;
        // (a determiner or a preposition only: "Me Olivier Sarrazin" holds a title, not a pronoun)
        if (!t.In(WordLists.Determiner) && !t.In(WordLists.Preposition) || t.Number is not null || _r.IsTitle(_a.TokSpan(i))) return false;
        // (in a line written in title case every word has its capital: "How Your Own Brain Works")
        if (i > 0 && _t[i - 1].IsCap) return false;
        if (i + 1 >= _t.Count || _t[i + 1].Is(WordFlags.LineStart) || _t[i + 1].Is(WordFlags.AllCaps)) return false;
        return NameLike(i + 1);
    }

    /// <summary>A lower-case noun that no adjective or noun carries on: "(La République en) marche lorsque…" closes the title.</summary>
    private bool LowerCaseNounEndsPhrase(int k)
    {
        var t = _t[k];
        if (t.Kind != TokKind.Word || t.IsCap || !t.Classes.Contains('n') || t.In(WordLists.FunctionWord)) return false;
        if (k + 1 >= _t.Count || _t[k + 1].Kind != TokKind.Word || _t[k + 1].Is(WordFlags.LineStart) || _t[k + 1].IsCap) return true;
        var next = _t[k + 1].Classes;
        return next.Length > 0 && !next.Contains('a') && !next.Contains('n') || _t[k + 1].In(WordLists.FunctionWord);
    }

    /// <summary>A word the lexicon knows as an adjective and as nothing else, and no proper name.</summary>
    private bool IsOnlyAdjective(int k)
    {
        var classes = _t[k].Classes;
        return classes.Length == 1 && classes[0] == 'a' && !_r.IsProperName(_a.TokSpan(k), out _);
    }

    /// <summary>Where a known place starts that fills the run after a place noun and a particle ("Etat de New York"), else -1.</summary>
    private int PlaceAfterPlaceNoun(int first, int last)
    {
        if (last - first < 2 || !_r.PlaceCues.TryGetValue(_t[first].Lower, out var kind) || kind != "noun" || !_t[first + 1].In(WordLists.NameParticle)) return -1;
        var start = first + 2;
        return KnownPlaceAt(start, out _) == last - start + 1 ? start : -1;
    }

    private string PlaceKeyAt(int k)
    {
        KnownPlaceAt(k, out var key);
        return key;
    }

    private bool AnyCapitalised(int first, int last)
    {
        for (var k = first; k <= last; k++)
            if (_t[k].IsCap || _t[k].Is(WordFlags.AllCaps)) return true;
        return false;
    }

    /// <summary>The longest place name at token <paramref name="k"/>, curated or from the gazetteer (the curated one and its key on a tie).</summary>
    private int KnownPlaceAt(int k, out string key)
    {
        var curated = _r.Places.MatchAt(_t, k, out key);
        var derived = _r.PlaceGazetteer.MatchAt(_t, k, out var derivedKey);
        if (derived <= curated) return curated;
        key = derivedKey;
        return derived;
    }

    /// <summary>
    /// A one-word town of the gazetteer right before another capitalised name word opens a person's name there
    /// ("Stuart Lennox", "Vladimir Poutine"): it is not taken as the place.
    /// </summary>
    private bool MayBeGivenNameBeforeName(int i)
    {
        if (i + 1 >= _t.Count) return false;
        var next = _t[i + 1];
        if (!next.IsCap || next.Is(WordFlags.LineStart) || next.Is(WordFlags.AllCaps)) return false;
        if (_r.Places.MatchAt(_t, i + 1, out _) > 0) return false;
        // (a curated place never gives way: "la Russie Valéri Guérassimov" is a place, then a person)
        return _r.Places.MatchAt(_t, i, out _) == 0;
    }
}

/// <summary>
/// The entity finder's own language data, read once per language beside the shared resources: the language's
/// prepositions compared without accents (capitals often drop them: "A Minneapolis" for "à Minneapolis"), and its
/// indefinite determiners (indefinite-determiners.txt), which introduce someone or something new.
/// </summary>
internal sealed class EntityLanguageData
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ExtractionResources, EntityLanguageData> ByLanguage = new();

    private readonly HashSet<string> _foldedPrepositions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _indefinites;

    private EntityLanguageData(ExtractionResources r)
    {
        foreach (var p in r.Prepositions) _foldedPrepositions.Add(TextFolding.Fold(p));
        var data = Recoupe.Core.Languages.LanguageResources.For(r.Language);
        _indefinites = data.Set("indefinite-determiners", StringComparer.Ordinal);
        foreach (var line in data.Lines("weekdays")) _weekdays.Add(line.Split('\t')[0]);
        _connectors = data.Set("name-connectors", StringComparer.Ordinal);
        _thingAcronyms = data.Set("thing-acronyms", StringComparer.Ordinal);
    }

    private readonly HashSet<string> _thingAcronyms;

    /// <summary>An acronym the language's dictionary gives only as a thing ("CPU", "PC"; thing-acronyms.txt), never a body.</summary>
    public bool IsThingAcronym(string lower) => _thingAcronyms.Contains(lower);

    private readonly HashSet<string> _connectors;

    /// <summary>A lower-case word that joins the words of one name (name-connectors.txt: "en" in "La République en marche").</summary>
    public bool IsNameConnector(string lower) => _connectors.Contains(lower);

    private readonly HashSet<string> _weekdays = new(StringComparer.Ordinal);

    /// <summary>A day's name ("mercredi"): after "du" it dates the body's meeting, it is no part of its name.</summary>
    public bool IsWeekday(string lower) => _weekdays.Contains(lower);

    public static EntityLanguageData For(ExtractionResources r) => ByLanguage.GetOrAdd(r, static r => new EntityLanguageData(r));

    /// <summary>A short capitalised word opening a sentence (or glued to the one before: "3.A Minneapolis") that is a preposition once its accent is back ("A" for "à").</summary>
    public bool IsFunctionWordAtEdge(List<Tok> tokens, int k)
    {
        var t = tokens[k];
        var opens = t.Is(WordFlags.SentenceInitial) || t.Is(WordFlags.GluedLeft) && k > 0 && tokens[k - 1].Kind == TokKind.Punct;
        return opens && t.Kind == TokKind.Word && !t.Is(WordFlags.AllCaps) && t.Length <= 3 && _foldedPrepositions.Contains(TextFolding.Fold(t.Lower));
    }

    public bool IsIndefinite(string lower) => _indefinites.Contains(lower);
}
