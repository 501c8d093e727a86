using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Quotation marks that hold no one's words, told from general signals only (never a list of terms): words the
/// article's language does not know, a title followed by its details in brackets, a heading's topic, and a noun
/// phrase filling a slot of the reporter's sentence with no speech cue anywhere near it.
/// </summary>
public sealed partial class QuoteFinder
{
    /// <summary>How many words a term in another language or a title in marks holds at most.</summary>
    private const int MaxTermWords = 8;
    private const int MaxTitleWords = 6;
    /// <summary>How many words an uncued noun phrase in marks holds at most to be taken as a term.</summary>
    private const int MaxUncuedTermWords = 5;

    /// <summary>
    /// Called by <see cref="Decide"/> for marks with no speech verb after them and no clause inside: sets the reason
    /// and answers true when what they hold is a term or a title rather than someone's words.
    /// </summary>
    private bool IsNonQuotationShape(QuotePair p, Shape shape)
    {
        if (p.Unclosed || shape.Words > MaxTermWords) return false;
        // "la "fast fashion"", "les "remesas"": words the language does not know are a term or a name in another one
        // (an utterance in another language comes with a speech verb after it, or holds a clause)
        if (MostlyUnknownWords(p)) return Reject(p, "term in another language");
        if (shape.Words > MaxTitleWords) return false;
        var first = p.OpenTok + 1 < _t.Count ? _t[p.OpenTok + 1] : default;
        var next = p.CloseTok + 1 < _t.Count ? _t[p.CloseTok + 1] : default;
        // ""Job Simulator" (HTC Vive)": a capitalised phrase followed by its details in brackets is a title
        if (first.Kind == TokKind.Word && first.IsCap && next.Kind == TokKind.Punct && next.Lower == "(") return Reject(p, "title");
        // ""Gilets jaunes": …" opening a line: the topic of a heading
        if ((p.OpenTok == 0 || _t[p.OpenTok].Is(WordFlags.LineStart)) && next.Kind == TokKind.Punct && next.Lower == ":") return Reject(p, "heading topic");
        return false;
    }

    private static bool Reject(QuotePair p, string reason)
    {
        p.NotQuoteReason = reason;
        return true;
    }

    /// <summary>Are most of two or more words in the marks unknown to the language's lexicon (a hyphenated word known when its parts are)?</summary>
    private bool MostlyUnknownWords(QuotePair p)
    {
        int words = 0, unknown = 0;
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) continue;
            words++;
            if (!KnownWord(t)) unknown++;
        }
        // (one unknown word alone may be a gap of the lexicon, "hasardeuse": two or more make a phrase of another language)
        return words >= 2 && unknown * 2 > words;
    }

    private bool KnownWord(Tok t)
    {
        if (t.InLexicon || t.In(WordLists.FunctionWord) || t.Elided) return true;
        if (!t.Hyphenated) return false;
        var lower = t.Lower.AsSpan();
        foreach (var range in lower.Split('-'))
            if (!lower[range].IsEmpty && !_r.Lexicon.Contains(lower[range])) return false;
        return true;
    }

    /// <summary>
    /// A fragment in the reporter's sentence, right after a determiner, with no cue of its own, none shared in its
    /// sentence and none closing it: a term the reporter puts in marks ("une "lettre aux militants" publiée…"), not words
    /// anyone is said to have spoken.
    /// </summary>
    private bool IsUncuedTerm(QuotePair p, bool standalone)
    {
        if (p.Cue is not null || p.Parent is not null || p.Depth > 0 || standalone || p.HasClause || p.Words > MaxUncuedTermWords || p.OpenTok == 0) return false;
        if (!_t[p.OpenTok - 1].In(WordLists.Determiner)) return false;
        var sentence = _t[p.OpenTok].Sentence;
        foreach (var o in _a.Pairs)
            if (o != p && o.IsQuotation && o.Parent is null && o.OpenTok < _t.Count && _t[o.OpenTok].Sentence == sentence && (o.After ?? o.Before) is { Subject: not null })
                return false;
        return true;
    }

    /// <summary>
    /// A short fragment with no clause, no cue of its own and no speaker found by any means is a term or a scare word
    /// the writer uses ("the “sharing economy”"), not words anyone is reported to have said: quoting needs a speaker.
    /// </summary>
    private void RejectSpeakerlessTerms()
    {
        foreach (var p in _a.Pairs)
        {
            // (a cue before the marks but too far to govern them is none of theirs)
            var ownCue = p.Cue is not null && (p.CueNear || p.Cue != p.Before);
            if (!p.IsQuotation || p.Kind != QuoteKind.Partial || ownCue || p.Parent is not null || p.HasClause || p.Words > MaxUncuedTermWords) continue;
            // a quoted verb ("le gouvernement « déconseille »") or words broken by punctuation ("continue, rentre chez toi")
            // are someone's words, not a term
            if (OpensOnVerb(p) || HoldsInnerPunctuation(p)) continue;
            if (p.Speaker is not null && SpeakerConfidence.Keeps(SpeakerConfidence.Of(_via.GetValueOrDefault(p)))) continue;
            RejectAsNonQuotation(p, "speakerless term");
        }
    }

    /// <summary>Punctuation between the words in the marks (not the stop or comma English keeps inside its closing mark).</summary>
    private bool HoldsInnerPunctuation(QuotePair p)
    {
        for (var k = p.OpenTok + 2; k < p.CloseTok - 1 && k < _t.Count; k++)
            if (_t[k].Kind == TokKind.Punct) return true;
        return false;
    }

    /// <summary>
    /// Marks opening a sentence and followed, with no comma, by a verb of the reporter's that is no speech verb,
    /// after any more marks joined to them ("« X » et « Y » ont été retenues"): what they hold is that verb's
    /// subject, words named or mentioned, not words anyone is reported to have said.
    /// </summary>
    private bool IsSubjectOfVerbAfter(QuotePair p, bool standalone)
    {
        if (p.Unclosed || p.Parent is not null || p.Sentences || OpensOnVerb(p)) return false;
        // the second of two joined subjects: "« X » et « Y » ont …"
        var before = p.OpenTok - 1;
        if (before >= 1 && _rules.IsListCoordinator(_t[before].Lower) && _pairAtClose.TryGetValue(before - 1, out var first))
            return first.NotQuoteReason == SubjectOfVerb;
        // (the marks open the sentence themselves: after "Ils", "This", they are a word of a subject that is the reporter's)
        if (!standalone || p.OpenTok > 0 && _t[p.OpenTok - 1].Kind == TokKind.Word) return false;
        // (a comma closing the words inside the marks, as English writes an incise, leaves the sentence to the speaker:
        // "“Don't get nervous,” instructed Milton Velez")
        if (p.CloseTok >= 1 && _t[p.CloseTok - 1].Lower == ",") return false;
        var k = p.CloseTok + 1;
        if (k + 1 < _t.Count && _rules.IsListCoordinator(_t[k].Lower) && _pairByOpen[k + 1] >= 0)
        {
            var joined = _a.Pairs[_pairByOpen[k + 1]];
            if (joined.Unclosed) return false;
            k = joined.CloseTok + 1;
        }
        if (k + 1 >= _t.Count) return false;
        var verb = _t[k];
        if (verb.Kind != TokKind.Word || verb.IsCap || verb.Speech is not null || _t[k + 1].Is(WordFlags.Inverted)) return false;
        if (!verb.In(WordLists.Auxiliary) && !(verb.CanBeFiniteVerb && !verb.Classes.Contains('n') && !verb.Classes.Contains('a'))) return false;
        // ("« … » a déclaré X": an auxiliary of a speech verb is the cue's, found as one when it reports the words)
        for (var j = k + 1; j < Math.Min(_t.Count, k + 4) && _t[j].Kind == TokKind.Word; j++)
            if (_t[j].Speech is not null) return false;
        return true;
    }

    private const string SubjectOfVerb = "subject of the reporter's verb";

    private static void RejectAsNonQuotation(QuotePair p, string reason)
    {
        p.IsQuotation = false;
        p.Pending = false;
        p.NotQuoteReason = reason;
    }
}
