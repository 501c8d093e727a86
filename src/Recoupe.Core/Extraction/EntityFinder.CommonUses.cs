using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Capitalised words the article itself uses as common nouns, read from their other uses in the article: an acronym
/// counted or brought in as a thing ("an 8-core CPU", "a single USB port", "un SUV"), a word after a place
/// preposition that the article mostly writes bare, as a subject ("at Dropbox" beside "Dropbox uses").
/// </summary>
public sealed partial class EntityFinder
{
    /// <summary>Does the article use this acronym as a common noun somewhere (a number or an indefinite article before it, or, in a language whose modifiers come first, a lower-case modifier)?</summary>
    private bool IsThingAcronym(string lower)
    {
        // (asked once per acronym and article: most articles hold few)
        if (_tables.AcronymAsThing.TryGetValue(lower, out var known)) return known;
        var thing = false;
        for (var i = 1; i < _t.Count && !thing; i++)
            thing = _t[i].Is(WordFlags.AllCaps) && string.Equals(_t[i].Lower, lower, StringComparison.Ordinal) && CommonNounSlot(i);
        _tables.AcronymAsThing[lower] = thing;
        return thing;
    }

    private bool CommonNounSlot(int i)
    {
        var prev = _t[i - 1];
        if (_t[i].Is(WordFlags.LineStart)) return false;
        // "8 Go", "4K TV": a number (or a word carrying one) counts things
        if (prev.Kind == TokKind.Number || prev.Kind == TokKind.Word && char.IsDigit(prev.Lower[0])) return true;
        if (prev.Kind != TokKind.Word) return false;
        if (_own.IsIndefinite(prev.Lower)) return true;
        // "a single USB port", "a gaming PC": a lower-case modifier before it (an apposition's head noun in a language
        // whose modifiers follow: "le syndicat CGT" names the union)
        return _lang.ModifiersPrecedeNoun && !prev.IsCap && prev.InLexicon && !prev.In(WordLists.FunctionWord) && !prev.In(WordLists.Auxiliary)
               && prev.Speech is null && !IsVerbOnly(prev) && !prev.In(WordLists.OrganisationHead) && MatchRole(i - 1, out _) == 0;
    }

    // (a word the lexicon also knows as a noun, an adjective or a participle can modify: "a card sized PC", "no VR support")
    private static bool IsVerbOnly(Tok t) => t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a') && !t.Classes.Contains('p') && !t.Classes.Contains('g');

    /// <summary>Does the article write this capitalised word bare (no preposition or determiner before it: "Dropbox uses") more often than after a place preposition?</summary>
    private bool MostlyUsedOutsidePlaces(string lower)
    {
        if (_tables.MostlyBare.TryGetValue(lower, out var known)) return known;
        int afterPlace = 0, bare = 0;
        for (var i = 0; i < _t.Count; i++)
        {
            if (!_t[i].IsCap || _t[i].Kind != TokKind.Word || !string.Equals(_t[i].Lower, lower, StringComparison.Ordinal)) continue;
            var prev = i > 0 ? _t[i - 1] : default;
            if (i > 0 && _r.PlaceCues.TryGetValue(prev.Lower, out var kind) && kind == "prep") afterPlace++;
            // (after another preposition or a determiner a place stays a place: "de Californie", "la Californie")
            else if (i == 0 || prev.Kind != TokKind.Word || !prev.In(WordLists.Preposition) && !prev.In(WordLists.Determiner)) bare++;
        }
        return _tables.MostlyBare[lower] = bare > afterPlace;
    }

    /// <summary>Does the article write this word after a given name ("Harrison Ford"), as a person's surname?</summary>
    private bool SurnameAfterGivenName(string lower)
    {
        // (asked once per word and article, only for the one-word names of known firms)
        if (_tables.SurnameAfterGivenName.TryGetValue(lower, out var known)) return known;
        var surname = false;
        for (var k = 1; k < _t.Count && !surname; k++)
            surname = string.Equals(_t[k].Lower, lower, StringComparison.Ordinal) && _t[k].IsCap && IsGivenName(k - 1);
        _tables.SurnameAfterGivenName[lower] = surname;
        return surname;
    }

    /// <summary>
    /// The last of the ordinary capitalised words or model codes written right after a known firm's one-word name
    /// ("Google Maps", "Sony Pictures Entertainment", "Airbus A321"), or -1 when none follows. Unknown name words
    /// after it are another name ("l'AFP Narjes Bahhar": the agency, then the person it quotes).
    /// </summary>
    private int NameWordsAfterFirm(int i)
    {
        var j = i;
        while (j + 1 < _t.Count && !_t[j + 1].Is(WordFlags.LineStart) && !_t[j + 1].Is(WordFlags.SentenceInitial) && !_t[j + 1].Is(WordFlags.GluedLeft)
               && _t[j + 1].Kind == TokKind.Word && NameLike(j + 1) && !_r.IsProperName(_a.TokSpan(j + 1), out _) && MatchRole(j + 1, out _) == 0
               && (_t[j + 1].InLexicon && !_t[j + 1].Is(WordFlags.AllCaps) || IsModelCode(j + 1)))
            j++;
        return j > i ? j : -1;
    }

    /// <summary>An organisation the article names by this word and a firm's ending ("Silego Technology" for "Silego").</summary>
    private EntityCluster? FirmWithEnding(string lower)
    {
        foreach (var m in Mentions)
            if (m.Entity is { Type: EntityType.Organisation } c && m.Last == m.First + 1 && m.Via == "name"
                && string.Equals(_t[m.First].Lower, lower, StringComparison.Ordinal) && _t[m.Last].In(WordLists.OrganisationSuffix))
                return c;
        return null;
    }
}
