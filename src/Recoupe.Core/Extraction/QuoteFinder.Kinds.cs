using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Signals of the reporter's sentence around the marks that make quoted words a fragment of it (partial) rather than
/// an utterance standing on its own (direct): read by <see cref="SetKind"/>.
/// </summary>
public sealed partial class QuoteFinder
{
    /// <summary>
    /// A determiner or a preposition right before the marks governs what they hold, whatever it holds: "conduit à « une
    /// augmentation du trafic qui n'a… »" is the object of "à", not an utterance.
    /// </summary>
    private static bool FillsGovernedSlot(Tok prev) => prev.In(WordLists.Determiner) || prev.In(WordLists.Preposition);

    /// <summary>
    /// "la chaîne s'« indigne … »": marks opening on a word right after a clitic pronoun outside them, which makes
    /// that word a verb whose subject is the reporter's.
    /// </summary>
    private bool OpensOnVerbAfterClitic(QuotePair p)
    {
        if (p.OpenTok == 0 || p.OpenTok + 1 >= Math.Min(p.CloseTok, _t.Count)) return false;
        var prev = _t[p.OpenTok - 1];
        var first = _t[p.OpenTok + 1];
        return prev.Kind == TokKind.Word && prev.Elided && _rules.IsReflexivePronoun(prev.Lower)
               && first.Kind == TokKind.Word && !first.IsCap && (first.CanBeFiniteVerb || first.In(WordLists.Auxiliary));
    }

    /// <summary>Marks joined by a coordinator to partial marks just before them take their kind ("« porc » et d'« idiot »").</summary>
    private bool CoordinatedWithPartial(QuotePair p)
    {
        // (a clause of its own stands as an utterance: "« … » et « on se doit d'être vigilants »")
        if (p.HasClause) return false;
        var k = p.OpenTok - 1;
        // (an elided preposition may stand between: "et d'« idiot »")
        if (k >= 0 && _t[k].Elided && _t[k].In(WordLists.Preposition)) k--;
        if (k < 1 || !_rules.IsListCoordinator(_t[k].Lower)) return false;
        return _pairAtClose.TryGetValue(k - 1, out var before) && before.IsQuotation && before.Kind == QuoteKind.Partial;
    }
}
