using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The quotation finder's incises typed inside the marks: «…, a raconté le technicien au média. …», «…, a-t-il encore
/// dit. …». The writer broke the quotation with its own speech verb and subject without closing the marks; that verb
/// is the quotation's cue as surely as one after the closing mark.
/// </summary>
public sealed partial class QuoteFinder
{
    /// <summary>How many words (auxiliary, inverted pronoun, adverbs) may stand between the comma and the speech verb.</summary>
    private const int InnerInciseVerbReach = 4;

    /// <summary>
    /// The subject of an incise inside the marks: after a comma of the quotation itself (not of a quotation nested in
    /// it), a speech verb group (an auxiliary and a participle, or a finite verb) whose subject is inverted after it: a
    /// pronoun joined by hyphens, a person or body, or a description opening on a determiner. Null when there is none.
    /// </summary>
    private Mention? InnerInciseSubject(QuotePair p)
    {
        if (p.Unclosed) return null;
        var close = Math.Min(p.CloseTok, _t.Count);
        for (var k = p.OpenTok + 2; k + 2 < close; k++)
        {
            if (_t[k].Lower != "," || _a.Enclosing[k] != p) continue;
            var j = k + 1;
            var hasAux = j < close && _t[j].Kind == TokKind.Word && _t[j].In(WordLists.Auxiliary);
            if (hasAux) j++;
            Mention? inverted = null;
            for (var hops = 0; j < close && hops < InnerInciseVerbReach; hops++)
            {
                if (_t[j].Is(WordFlags.Inverted)) { inverted = _e.ByToken[j]; j++; continue; }
                if (_t[j].Kind == TokKind.Word && _t[j].In(WordLists.Filler) && _t[j].Speech is null) { j++; continue; }
                break;
            }
            if (j >= close || _t[j].Kind != TokKind.Word || _t[j].Speech is not { IsSupport: false } form) continue;
            // (an auxiliary goes with a participle, a verb alone is finite: "a raconté", "rappelle ainsi")
            if (hasAux ? !form.IsParticiple : !form.IsFinite || form.IsParticiple && !form.AlsoFinite) continue;
            if (!hasAux && inverted is null && j + 1 < close && _t[j + 1].Is(WordFlags.Inverted)) inverted = _e.ByToken[j + 1];
            if (inverted is { Via: "pronoun" }) return _rules.IsIndefinitePronoun(_t[inverted.First].Lower) ? null : inverted;
            if (InvertedSubjectInMarks(j + 1, close) is { } subject) return subject;
        }
        return null;
    }

    /// <summary>
    /// The subject inverted after an incise's verb inside the marks: past adverbs and a phrase governed by a preposition
    /// ("a indiqué à France Bleu M. Bovin"), a person or body, or a description opening on a determiner.
    /// </summary>
    private Mention? InvertedSubjectInMarks(int k, int close)
    {
        var limit = Math.Min(close, k + InciseReach);
        for (var j = k; j < limit; j++)
        {
            var t = _t[j];
            if (t.Kind != TokKind.Word) return null;
            if (_e.At(j) is { } m && m.Type != EntityType.Place && m.Via != "pronoun")
            {
                var first = m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First;
                var before = first - 1;
                if (before >= k && _t[before].In(WordLists.Determiner) && !_t[before].In(WordLists.Preposition)) before--;
                // (spoken to: "à France Bleu", "au Parisien")
                if (before >= k && (_t[before].In(WordLists.Preposition) || _rules.IsFusedPreposition(_t[before].Lower))) { j = m.Last; continue; }
                return m;
            }
            if (t.In(WordLists.Filler)) continue;
            if (t.In(WordLists.Determiner) && !t.In(WordLists.Preposition))
            {
                var last = j;
                for (var n = j + 1; n < limit; n++)
                {
                    if (_t[n].Kind != TokKind.Word || _t[n].In(WordLists.Preposition) || _t[n].In(WordLists.Determiner) || _e.At(n) is not null
                        || _t[n].CanBeFiniteVerb && !_t[n].Classes.Contains('n') && !_t[n].Classes.Contains('a')) break;
                    last = n;
                }
                if (last == j) return null;
                return new Mention { First = j, Last = last, Start = t.Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(j, last), InQuote = true };
            }
            // (a preposition's phrase: "à l'AFP", "au média en ligne")
            if (t.In(WordLists.Preposition) || _rules.IsFusedPreposition(t.Lower))
            {
                while (j + 1 < limit && _t[j + 1].Kind == TokKind.Word && !_t[j + 1].IsCap && _e.At(j + 1) is null && (_t[j + 1].In(WordLists.Determiner) || _t[j + 1].Classes.Contains('n'))) j++;
                continue;
            }
            return null;
        }
        return null;
    }
}
