using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>The quotation finder's decisions: which marks hold someone's words, and whether they are direct or partial.</summary>
public sealed partial class QuoteFinder
{
    /// <summary>The shape of what the marks enclose.</summary>
    private readonly record struct Shape(int Words, int CapWords, bool Clause, bool Sentences);

    private Shape ShapeOf(QuotePair p)
    {
        var words = 0;
        var capWords = 0;
        var clause = false;
        var sentences = false;
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Punct)
            {
                // a sentence end followed by more words: the marks hold an utterance of several sentences
                if (t.Lower is "." or "!" or "?" or "..." or "…" && k + 1 < p.CloseTok && _t[k + 1].Kind == TokKind.Word) sentences = true;
                continue;
            }
            words++;
            if (t.IsCap || t.Kind == TokKind.Number) capWords++;
            if (!clause && t.Kind == TokKind.Word)
            {
                // ("de ce type": a demonstrative after a preposition opens no clause)
                if (t.In(WordLists.ClauseMarker) && !(k + 1 < p.CloseTok && _t[k + 1].Kind == TokKind.Punct && _t[k + 1].Lower is "," or ".")
                    && !(k > p.OpenTok + 1 && _t[k - 1].In(WordLists.Preposition))) clause = true;
                else if (k > p.OpenTok + 1 && t.In(WordLists.Auxiliary) && _t[k - 1].Kind == TokKind.Word && !_t[k - 1].In(WordLists.Determiner))
                    clause = true;
                // (the word before is tested first: the verb test reads the lexicon)
                else if (k > p.OpenTok + 1 && !_t[k - 1].In(WordLists.Determiner) && !_t[k - 1].In(WordLists.Preposition) && _t[k - 1].Kind == TokKind.Word
                         && (t.CanBeFiniteVerb || t.In(WordLists.Auxiliary)) && !t.Classes.Contains('n'))
                    clause = true;
            }
        }
        return new Shape(words, capWords, clause, sentences);
    }

    /// <summary>
    /// Is this pair someone's words, or does it mark a name (a work, a show, a ship, a label, a charge) or a scare
    /// word? Sets <see cref="QuotePair.IsQuotation"/> or <see cref="QuotePair.NotQuoteReason"/>; a short pair with no
    /// cue near it stays <see cref="QuotePair.Pending"/>: the quotations around it decide.
    /// </summary>
    private void Decide(QuotePair p)
    {
        var shape = ShapeOf(p);
        p.Words = shape.Words;
        p.HasClause = shape.Clause;
        p.Sentences = shape.Sentences;
        if (shape.Words == 0) { p.NotQuoteReason = "empty"; return; }

        // a heading between dashes ("- « … » -") stands apart from the sentences around it: no cue reaches it
        var heading = IsDashHeading(p);
        var after = heading ? null : CueAfter(p);
        var before = after is null && !heading ? CueBefore(p) : null;
        var standalone = IsStandalone(p);
        var afterIntroducer = p.OpenTok > 0 && _t[p.OpenTok - 1].In(WordLists.ClauseIntroducer);
        p.After = after;
        p.Before = before;
        // how near a cue before must be: a verb and its "que" govern the whole clause that follows
        var reach = before is { ThatTok: >= 0 } ? 16 : 8;
        p.CueNear = after is not null || before is not null && p.OpenTok - before.LastTok <= reach;

        // names of things: a ship, a work, a show, a label; a criminal charge; glosses and scare quotes
        if (WorkCueBefore(p) || after is null && WorkCueAfter(p)) { p.NotQuoteReason = "name"; return; }
        if (after is null && ChargeBefore(p)) { p.NotQuoteReason = "charge"; return; }
        var titleLike = shape.CapWords == shape.Words && shape.Words <= 6 && !shape.Clause;
        if (titleLike && after is null && !(standalone && p.Parent is null && _t[p.OpenTok].Is(WordFlags.LineStart)) && !afterIntroducer)
        {
            if (!(before is not null && before.ThatTok >= 0 && before.ThatTok == p.OpenTok - 1)) { p.NotQuoteReason = "title"; return; }
        }
        if (after is null && !shape.Sentences && CapitalisedInNounSlot(p)) { p.NotQuoteReason = "title"; return; }
        if (p.Depth > 0 && shape.Words <= 3 && after is null) { p.NotQuoteReason = "scare quote in quotation"; return; }
        if (p.OpenTok > 0 && _t[p.OpenTok - 1].Lower == "(" && p.CloseTok + 1 < _t.Count && _t[p.CloseTok + 1].Lower == ")" && after is null)
        { p.NotQuoteReason = "gloss"; return; }
        if (after is null && !shape.Clause && IsNonQuotationShape(p, shape)) return;
        if (after is null && IsSubjectOfVerbAfter(p, standalone)) { p.NotQuoteReason = SubjectOfVerb; return; }
        if (shape.Words <= 3 && !p.CueNear && !standalone && !QuotedVerbAfterSubject(p) && (before is null || !SpeechContext(p)))
        {
            p.NotQuoteReason = "scare quote";
            p.Pending = true;
            return;
        }
        p.IsQuotation = true;
    }

    /// <summary>Marks that stand between two dashes, as a section heading does ("- « Un honneur » -").</summary>
    private bool IsDashHeading(QuotePair p)
    {
        if (p.Unclosed || p.OpenTok == 0 || p.CloseTok + 1 >= _t.Count) return false;
        return IsDash(_t[p.OpenTok - 1]) && IsDash(_t[p.CloseTok + 1]);
    }

    private static bool IsDash(Tok t) => t.Kind == TokKind.Punct && t.Lower is "-" or "--" or "—" or "–";

    /// <summary>
    /// Quotation marks around a capitalised phrase that fills a noun's place in the reporter's sentence (after a
    /// preposition, an article, a noun, a verb, or a comma with no speech verb before it) enclose a name: "dans
    /// l'émission "Apostrophes"", "connu pour "Les Chariots de feu"", "lance samedi "On est en direct"". Someone's
    /// words open a sentence, or follow a colon, "que" or a speech verb.
    /// </summary>
    private bool CapitalisedInNounSlot(QuotePair p)
    {
        var first = p.OpenTok + 1;
        if (first >= p.CloseTok || first >= _t.Count || _t[first].Kind != TokKind.Word || !_t[first].IsCap || _t[first].Is(WordFlags.AllCaps)) return false;
        var k = p.OpenTok - 1;
        if (k < 0 || _t[p.OpenTok].Is(WordFlags.LineStart) || _a.SentenceStartTok(_t[p.OpenTok].Sentence) == p.OpenTok) return false;
        var prev = _t[k];
        if (prev.Kind == TokKind.Word)
            return !prev.In(WordLists.ClauseIntroducer) && prev.Speech is null;
        if (prev.Lower != ",") return false;
        // after a comma: a name in a list or an apposition, unless a speech verb leads up to it ("a dit une manifestante, X, "…"")
        var start = _a.SentenceStartTok(_t[p.OpenTok].Sentence);
        if (p.Parent is not null) start = Math.Max(start, p.Parent.OpenTok + 1);
        for (var j = k - 1; j >= start && j >= k - 12; j--)
        {
            if (_a.Enclosing[j] is { } enc && enc != p.Parent) { j = enc.OpenTok; continue; }
            if (_t[j].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple)) return false;
        }
        return true;
    }

    /// <summary>"une enquête pour "violences en réunion"": the name of a charge, after "pour"/"de" near a charge word.</summary>
    private bool ChargeBefore(QuotePair p)
    {
        var k = p.OpenTok - 1;
        // a second charge in a list: ""X" et "Y""
        if (k >= 1 && (_t[k].Lower == "," || _rules.IsListCoordinator(_t[k].Lower)) && IsCloseTok(k - 1) && _pairAtClose.TryGetValue(k - 1, out var previous) && previous.NotQuoteReason == "charge")
            return true;
        if (k < 0 || !_t[k].In(WordLists.ChargeIntroducer)) return false;
        var start = _a.SentenceStartTok(_t[p.OpenTok].Sentence);
        for (var j = k - 1; j >= start && j >= k - 8; j--)
            if (_t[j].In(WordLists.ChargeCue) || _r.ChargeCues.MatchEndingAt(_t, j, out _) > 0) return true;
        return false;
    }

    /// <summary>"Bernard Pivot « regrette » son interview": a quoted verb whose subject is the name just before the marks.</summary>
    private bool QuotedVerbAfterSubject(QuotePair p)
    {
        var first = p.OpenTok + 1;
        if (first >= _t.Count || _t[first].Kind != TokKind.Word || !_t[first].CanBeFiniteVerb || _t[first].Classes.Contains('n')) return false;
        var k = p.OpenTok - 1;
        while (k >= 0 && _t[k].Kind == TokKind.Word && _rules.IsCliticBeforeVerb(_t[k].Lower)) k--;
        return k >= 0 && _e.At(k) is { Type: EntityType.Person or EntityType.Organisation } || k >= 0 && _t[k].In(WordLists.ClauseMarker);
    }

    /// <summary>
    /// A short pair with no cue of its own is someone's words when a quotation shares its sentence ("sa "colère" et
    /// sa "honte" face à ceux qui "crient au complot"").
    /// </summary>
    private void AcceptNeighbours()
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var p in _a.Pairs)
            {
                if (!p.Pending || p.IsQuotation) continue;
                var sentence = _t[p.OpenTok].Sentence;
                foreach (var o in _a.Pairs)
                {
                    if (o == p || !o.IsQuotation || o.Depth != p.Depth || o.OpenTok >= _t.Count || _t[o.OpenTok].Sentence != sentence) continue;
                    p.IsQuotation = true;
                    p.Pending = false;
                    p.NotQuoteReason = null;
                    changed = true;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The same short noun phrase in marks several times, never with a cue of its own, is a label or a name the article
    /// keeps using ("le "gilet jaune"", "des "gilets jaunes""), not a quotation.
    /// </summary>
    private void RejectRecurringLabels()
    {
        Dictionary<string, List<QuotePair>>? groups = null; // made for the first candidate (most articles have none)
        foreach (var p in _a.Pairs)
        {
            if (p.Words is 0 or > 4 || p.HasClause || p.ContentEnd <= p.ContentStart) continue;
            var first = p.OpenTok + 1;
            if (first >= _t.Count || _t[first].Kind != TokKind.Word) continue;
            var key = LabelKey(p);
            groups ??= new Dictionary<string, List<QuotePair>>(StringComparer.Ordinal);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(p);
        }
        if (groups is null) return;
        foreach (var list in groups.Values)
        {
            // twice, never near a cue, a noun phrase; three times or more, never followed by a speech verb, any words:
            // someone's word the article repeats is introduced once ("a dénoncé un "naufrage""), a label never is
            var nounPhrase = list.TrueForAll(p => OpensOnNounPhrase(p.OpenTok + 1));
            // (a qualifier the article repeats, "une décision "hasardeuse"", is someone's judgement, not a name for something)
            var label = list.Count >= 2 && nounPhrase && !list.Exists(p => p.CueNear)
                        || list.Count >= RecurringLabelCount && !list.Exists(p => p.After is not null) && !OnlyQualifiers(list[0]);
            if (!label) continue;
            foreach (var p in list)
            {
                p.IsQuotation = false;
                p.Pending = false;
                p.NotQuoteReason = "label";
            }
        }
    }

    /// <summary>How many times a short phrase in marks with no speech verb after it makes it the article's label for something.</summary>
    private const int RecurringLabelCount = 3;

    /// <summary>Are all the words in the marks ones the lexicon knows only as adjectives?</summary>
    private bool OnlyQualifiers(QuotePair p)
    {
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
            if (_t[k].Kind == TokKind.Word && _t[k].Classes != "a") return false;
        return true;
    }

    private bool OpensOnNounPhrase(int first) =>
        (_t[first].Classes.Contains('n') || _t[first].In(WordLists.Determiner)) && !_t[first].Classes.Contains('v');

    /// <summary>Folded words without a plural s: "gilet jaune" and "gilets jaunes" meet.</summary>
    private string LabelKey(QuotePair p)
    {
        var sb = new System.Text.StringBuilder();
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
        {
            if (_t[k].Kind == TokKind.Punct) continue;
            var w = TextFolding.Fold(_t[k].Lower);
            if (w.Length > 3 && w[^1] is 's' or 'x') w = w[..^1];
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(w);
        }
        return sb.ToString();
    }

    /// <summary>Direct (a clause or sentences standing as an utterance) or partial (a fragment woven into the reporter's sentence).</summary>
    private void SetKind(QuotePair p)
    {
        var after = p.After;
        var standalone = IsStandalone(p);
        var afterIntroducer = p.OpenTok > 0 && _t[p.OpenTok - 1].In(WordLists.ClauseIntroducer);
        var words = p.Words;
        var clause = p.HasClause;
        p.Cue = p.After ?? p.Before;
        var firstContent = p.OpenTok + 1 < _t.Count ? _t[p.OpenTok + 1] : new Tok { Kind = TokKind.Punct, Lower = "" };
        var startsSubordinate = _rules.OpensSubordinate(firstContent.Lower);
        // words that fill a slot of the reporter's sentence (after a noun, an article, a preposition) are a fragment
        // ("une identité numérique "accessible à tous … aurait permis"", "d'avoir une "expertise nouvelle pour…"")
        var prev = p.OpenTok > 0 ? _t[p.OpenTok - 1] : default;
        var woven = !standalone && p.OpenTok > 0 && prev.Kind == TokKind.Word && !prev.In(WordLists.ClauseIntroducer) && prev.Speech is null
                    && !firstContent.IsCap && !IsCloseTok(p.OpenTok - 1)
                    && !p.Sentences && (FillsGovernedSlot(prev) || !StartsWithClause(p) && (prev.Classes.Contains('n') || prev.Classes.Contains('a')));
        if ((OpensOnVerb(p) || OpensOnVerbAfterClitic(p)) && !p.Sentences)
            p.Kind = QuoteKind.Partial; // the verb's subject stands outside the marks: "la part … « continue à augmenter »"
        else if (CoordinatedWithPartial(p))
            p.Kind = QuoteKind.Partial; // "« la solidarité pan-musulmane » et « l'Islam politique »"
        else if (IsDashHeading(p) && !clause)
            p.Kind = QuoteKind.Partial; // a sub-heading or a line that is a bare noun phrase ("- « Grande déception » -")
        else if (standalone && (words >= 4 || clause || after is not null && firstContent.IsCap) || afterIntroducer && clause && !startsSubordinate)
            p.Kind = QuoteKind.Direct;
        else if (woven)
            p.Kind = QuoteKind.Partial;
        else if (after is { Joined: false } && (firstContent.IsCap && words >= 4 || clause) && (!startsSubordinate || _rules.IsConditional(firstContent.Lower)))
            p.Kind = QuoteKind.Direct;
        else if (firstContent.IsCap && p.Sentences)
            p.Kind = QuoteKind.Direct; // several sentences standing as an utterance
        else if (!startsSubordinate && StartsWithClause(p))
            p.Kind = QuoteKind.Direct; // a whole clause, its subject inside the marks: "selon l'association, "un agneau est abattu…""
        else
            p.Kind = QuoteKind.Partial;
        // a source closing the sentence reports what the sentence says, the words woven into it included
        if (p.After is null && (p.Kind == QuoteKind.Partial || p.Before is null) && TrailingCue(p) is { } trailing) p.Cue = trailing;
        if (p.Kind == QuoteKind.Partial && IsUncuedTerm(p, standalone)) RejectAsNonQuotation(p, "term");
    }

    /// <summary>
    /// "…il a eu "le sentiment" d'un autre coup, selon le parquet." / "…identifier "l'auteur" des faits, a conclu le
    /// parquet.": "selon X" or an inverted speech incise after a comma late in the sentence, its subject ending the
    /// sentence or an aside, with no other quotation marks between.
    /// </summary>
    private Cue? TrailingCue(QuotePair p)
    {
        if (p.Unclosed || p.Parent is not null || p.CloseTok + 2 >= _t.Count) return null;
        var sentence = _t[p.CloseTok].Sentence;
        var end = _a.SentenceEndTok(sentence);
        // the sentence's last words, after the subject, are only closing punctuation
        var last = end - 1;
        while (last > p.CloseTok && _t[last].Kind == TokKind.Punct && _t[last].Lower is "." or "!" or "?" or "…" or ")") last--;
        for (var k = last; k > p.CloseTok + 1; k--)
        {
            if (_a.Enclosing[k] is not null || IsQuoteMarkTok(k)) return null;
            if (_t[k].Lower != ",") continue;
            var cue = AccordingAt(k + 1);
            // the verb group may open on an auxiliary ("a conclu le parquet")
            for (var j = k + 1; cue is null && j < Math.Min(last + 1, k + 5) && _t[j].Kind == TokKind.Word; j++)
            {
                if (VerbGroupAt(j) is { } verb)
                {
                    if (verb.FirstTok != k + 1) break;
                    FindSubject(verb, preferAfter: true);
                    if (verb.Subject is { } s && s.First > verb.LastTok) cue = verb;
                    break;
                }
                if (!_t[j].In(WordLists.Auxiliary) && !_t[j].Is(WordFlags.Inverted) && !_t[j].In(WordLists.Filler)) break;
            }
            if (cue is null) continue;
            // (an aside may follow the source: "…, a conclu le parquet, contredisant ainsi…")
            if (cue.Subject is not { Type: EntityType.Person or EntityType.Organisation } subject || subject.Last != last && _t[subject.Last + 1].Lower != ",") return null;
            return cue;
        }
        return null;
    }

    /// <summary>
    /// Do the marks open, in lower case, on a finite verb or an auxiliary (clitics before it allowed: "n'ont aucun
    /// effet")? Its subject is then the reporter's, outside the marks: the words are woven into the sentence.
    /// </summary>
    private bool OpensOnVerb(QuotePair p)
    {
        var end = Math.Min(p.CloseTok, _t.Count);
        var k = p.OpenTok + 1;
        if (k >= end || _t[k].Kind != TokKind.Word || _t[k].IsCap) return false;
        // (clitics and adverbs may stand before the verb: "« also aimed at … »")
        while (k + 1 < end && _t[k].Kind == TokKind.Word && (_rules.IsCliticBeforeVerb(_t[k].Lower) || _t[k].Classes == "d")) k++;
        var t = _t[k];
        if (t.Kind != TokKind.Word || t.In(WordLists.ClauseMarker) || t.In(WordLists.Determiner) || t.In(WordLists.Preposition)) return false;
        return t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a') && !t.Classes.Contains('f');
    }

    /// <summary>Do the marks open on a clause with its own subject (a subject pronoun, or a noun phrase followed by a finite verb)?</summary>
    private bool StartsWithClause(QuotePair p)
    {
        var k = p.OpenTok + 1;
        var end = Math.Min(p.CloseTok, _t.Count);
        if (k >= end || _t[k].Kind != TokKind.Word) return false;
        var first = _t[k];
        if (first.In(WordLists.ClauseMarker) && !_rules.IsSubjectlessClauseMarker(first.Lower)) return k + 1 < end && _t[k + 1].Kind == TokKind.Word;
        if (!first.In(WordLists.Determiner) || first.In(WordLists.Preposition)) return false;
        // a determiner: look for a finite verb after the noun phrase, before any punctuation (a bracketed aside aside)
        for (var j = k + 2; j < end && j <= k + 12; j++)
        {
            var t = _t[j];
            if (t.Lower == "(")
            {
                while (j < end && _t[j].Lower != ")") j++;
                continue;
            }
            if (t.Kind != TokKind.Word) return false;
            if (t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a')) return true;
            // a word that may be a noun or a verb is the verb right after a name ("la France dépêche")
            if (t.CanBeFiniteVerb && !t.IsCap && _t[j - 1].IsCap && _t[j - 1].Kind == TokKind.Word) return true;
        }
        return false;
    }
}
