using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Capitalised words the article itself uses as common nouns, read from their other uses in the article: an acronym
/// counted or brought in as a thing ("an 8-core CPU", "a single USB port", "un SUV"), a word after a place
/// preposition that the article mostly writes bare, as a subject ("at Dropbox" beside "Dropbox uses").
/// </summary>
public sealed partial class EntityFinder
{
    /// <summary>Acronyms the article uses as things (made on first use: most articles hold few acronyms).</summary>
    private HashSet<string>? _thingAcronyms;

    /// <summary>Does the article use this acronym as a common noun somewhere (a number or an indefinite article before it, or, in a language whose modifiers come first, a lower-case modifier)?</summary>
    private bool IsThingAcronym(string lower)
    {
        if (_thingAcronyms is null)
        {
            _thingAcronyms = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < _t.Count; i++)
                if (_t[i].Is(TokFlags.AllCaps) && _t[i].Kind == TokKind.Word && CommonNounSlot(i)) _thingAcronyms.Add(_t[i].Lower);
        }
        return _thingAcronyms.Contains(lower);
    }

    private bool CommonNounSlot(int i)
    {
        var prev = _t[i - 1];
        if (_t[i].Is(TokFlags.LineStart)) return false;
        // "8 Go", "4K TV": a number (or a word carrying one) counts things
        if (prev.Kind == TokKind.Number || prev.Kind == TokKind.Word && char.IsDigit(prev.Lower[0])) return true;
        if (prev.Kind != TokKind.Word) return false;
        if (_own.IsIndefinite(prev.Lower)) return true;
        // "a single USB port", "a gaming PC": a lower-case modifier before it (an apposition's head noun in a language
        // whose modifiers follow: "le syndicat CGT" names the union)
        return _lang.ModifiersPrecedeNoun && !prev.IsCap && prev.InLexicon && !prev.In(WordLists.FunctionWord) && !prev.In(WordLists.Auxiliary)
               && prev.Speech is null && !prev.CanBeFiniteVerb && !prev.In(WordLists.OrganisationHead) && MatchRole(i - 1, out _) == 0;
    }

    /// <summary>Per capitalised word: how often the article writes it after a place preposition, and how often elsewhere.</summary>
    private Dictionary<string, (int AfterPlace, int Elsewhere)>? _placeUses;

    /// <summary>Does the article use this word more often outside a place preposition's reach than in it ("Dropbox uses", "Dropbox's")?</summary>
    private bool MostlyUsedOutsidePlaces(string lower)
    {
        if (_placeUses is null)
        {
            _placeUses = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            for (var i = 0; i < _t.Count; i++)
            {
                if (!_t[i].IsCap || _t[i].Kind != TokKind.Word || _t[i].Is(TokFlags.AllCaps)) continue;
                var (place, other) = _placeUses.GetValueOrDefault(_t[i].Lower);
                var prev = i > 0 ? _t[i - 1] : default;
                if (i > 0 && _r.PlaceCues.TryGetValue(prev.Lower, out var kind) && kind == "prep") place++;
                // (after another preposition or a determiner a place stays a place: "de Californie", "la Californie")
                else if (prev.Kind != TokKind.Word || !prev.In(WordLists.Preposition) && !prev.In(WordLists.Determiner)) other++;
                _placeUses[_t[i].Lower] = (place, other);
            }
        }
        var (afterPlace, elsewhere) = _placeUses.GetValueOrDefault(lower);
        return elsewhere > afterPlace;
    }
}
