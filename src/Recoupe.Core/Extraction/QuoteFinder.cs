using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>An indirect quotation: reported speech without quotation marks.</summary>
public sealed class IndirectQuote
{
    public int Start;
    public int End;
    public int FirstTok;
    public int LastTok;
    public Cue Cue = null!;
    public Mention? Speaker;
}

/// <summary>
/// Decides which quote-mark pairs are quotations (direct or partial) and which only mark a name, a title or a
/// scare word; finds the speech cue of each quotation before, after or around it, and its speaker; finds
/// indirect speech ("X a fait savoir que…", "selon X, …", "…, a annoncé X").
/// </summary>
public sealed class QuoteFinder
{
    private readonly ArticleAnalysis _a;
    private readonly ExtractionResources _r;
    private readonly List<Tok> _t;
    private readonly EntityFinder _e;
    private readonly QuoteRules _rules;
    private readonly int[] _pairByOpen;
    private readonly bool[] _isClose;
    private readonly Dictionary<int, QuotePair> _pairAtClose = [];

    public List<IndirectQuote> Indirect { get; } = [];

    /// <summary>How each quotation's speaker was found (its confidence follows from it).</summary>
    private readonly Dictionary<QuotePair, Via> _via = [];

    private QuoteFinder(ArticleAnalysis a)
    {
        _a = a;
        _r = a.R;
        _t = a.Toks;
        _e = a.Entities!;
        _rules = QuoteRules.For(_r.Language);
        // (buffers of the analysis, at least as long as the token list)
        _pairByOpen = a.Buffers.PairByOpen;
        Array.Fill(_pairByOpen, -1, 0, _t.Count);
        _isClose = a.Buffers.IsClose;
        Array.Clear(_isClose, 0, _t.Count);
        for (var i = 0; i < a.Pairs.Count; i++)
        {
            _pairByOpen[a.Pairs[i].OpenTok] = i;
            if (!a.Pairs[i].Unclosed && a.Pairs[i].CloseTok < _t.Count)
            {
                _isClose[a.Pairs[i].CloseTok] = true;
                _pairAtClose[a.Pairs[i].CloseTok] = a.Pairs[i];
            }
        }
    }

    public static QuoteFinder Run(ArticleAnalysis a)
    {
        var q = new QuoteFinder(a);
        foreach (var p in a.Pairs) q.Decide(p);
        q.RejectRecurringLabels();
        q.AcceptNeighbours();
        foreach (var p in a.Pairs)
        {
            if (!p.IsQuotation) continue;
            q.SetKind(p);
            q.AssignSpeaker(p);
        }
        q.SpeakersOfRepeatedWords();
        q.FindIndirect();
        return q;
    }

    // ---------------------------------------------------------------- cues

    private bool IsQuoteMarkTok(int k) => k >= 0 && k < _t.Count && _t[k].Kind == TokKind.Punct && _a.Pairs.Count > 0 && (_pairByOpen[k] >= 0 || IsCloseTok(k));

    private bool IsCloseTok(int k) => k >= 0 && k < _t.Count && _isClose[k];

    /// <summary>A speech verb group whose main verb is at <paramref name="k"/>; null when there is none.</summary>
    private Cue? VerbGroupAt(int k)
    {
        if (k < 0 || k >= _t.Count || _t[k].Kind != TokKind.Word || _a.Enclosing[k] is not null && !_pairOutside(k)) return null;
        var form = _t[k].Speech;
        if (form is null || form.IsGerund || form.IsInfinitive) return null;
        var last = k;
        if (form.IsSupport)
        {
            last = _r.SpeechPhraseEnd(form.Lemma, _t, k, _t.Count);
            if (last < 0) return null;
        }
        var cue = new Cue { FirstTok = k, LastTok = last, Lemma = form.Lemma };
        // back over an auxiliary, an inverted pronoun and adverbs: "a-t-il encore ajouté", "s'est exclamé"
        var j = k - 1;
        var hops = 0;
        Mention? inverted = null;
        var hasAux = false;
        while (j >= 0 && hops < 5)
        {
            var t = _t[j];
            if (t.Kind != TokKind.Word) break;
            if (t.Is(TokFlags.Inverted)) { inverted = _e.ByToken[j]; j--; hops++; continue; }
            // "a quant à lui déclaré"
            if (j >= 2 && t.Lower is "lui" or "elle" or "eux" or "elles" && _t[j - 1].Lower == "à" && _t[j - 2].Lower == "quant") { j -= 3; hops++; continue; }
            if (t.In(WordLists.Auxiliary)) { cue.FirstTok = j; hasAux = true; j--; hops++; if (j >= 0 && _t[j].Lower is "s'" or "se") { cue.FirstTok = j; j--; } break; }
            if (t.In(WordLists.Filler) || t.Classes.Contains('d') && !t.Classes.Contains('n')) { j--; hops++; continue; }
            break;
        }
        if (!hasAux) inverted = null;
        // "Daniel Hugues décrit son amie…": a participle that is also a present form is the finite verb right after its subject
        if (form.IsParticiple && !hasAux && !(form.AlsoFinite && k > 0 && _e.At(k - 1) is { Type: EntityType.Person or EntityType.Organisation, SubjectLike: true, InQuote: false } subject && subject.Last == k - 1))
        {
            // a bare participle is not a cue ("le texte publié"), except an incise with its own inverted pronoun
            return null;
        }
        // inverted pronoun after a simple form: "ajoute-t-il", "poursuit-elle"
        if (!hasAux && k + 1 < _t.Count && _t[k + 1].Is(TokFlags.Inverted)) { inverted = _e.ByToken[k + 1]; cue.LastTok = k + 1; }
        if (inverted is not null) { cue.Subject = inverted; cue.Inverted = true; }
        if (last + 1 < _t.Count && _t[last + 1].In(WordLists.ClauseIntroducer)) cue.ThatTok = last + 1;
        return cue;
    }

    private bool _pairOutside(int k) => false;

    /// <summary>"selon X", "d'après X": the claim cue ending before <paramref name="k"/>'s mention.</summary>
    private Cue? AccordingAt(int k)
    {
        if (k < 0 || k >= _t.Count || _a.Enclosing[k] is not null) return null;
        var len = _r.ClaimCues.MatchAt(_t, k, out var kind);
        if (len == 0 || kind is not ("according" or "opinion")) return null;
        var cue = new Cue { FirstTok = k, LastTok = k + len - 1, Lemma = _a.Span(k, k + len - 1), IsAccording = true, Inverted = true };
        cue.Subject = MentionAfter(k + len, 10, allowPreposition: true);
        if (kind == "opinion")
        {
            // "Pour Sayeeda Warsi, "…"": "pour" gives an opinion's holder only when a person or a body opens the clause
            var opensClause = k == _a.SentenceStartTok(_t[k].Sentence) || _t[k - 1].Lower is "," or ":" || _t[k - 1].In(WordLists.ClauseIntroducer) || _t[k - 1].Classes == "f";
            if (!opensClause || cue.Subject is not { Type: EntityType.Person or EntityType.Organisation } s || s.Last + 1 >= _t.Count || _t[s.Last + 1].Lower != ",") return null;
        }
        return cue;
    }

    /// <summary>The first mention starting at or shortly after <paramref name="k"/> ("le ministère russe…", "Dmitri Peskov").</summary>
    /// <summary>
    /// The subject written after a speech verb or "selon" ("…, a déclaré à l'AFP le ministre X", "selon l'une des
    /// rapporteuses du CNNum, Karine Dognin-Sauze"): the first mention within the clause that is not the object of a
    /// preposition other than "de" (which builds the subject itself: "le ministre de la Défense"); a person named in
    /// apposition after it wins over a role, a description or an organisation.
    /// </summary>
    private Mention? MentionAfter(int k, int reach, bool allowPreposition = false)
    {
        var limit = Math.Min(_t.Count, k + reach);
        var sentence = k < _t.Count ? _t[k].Sentence : -1;
        Mention? found = null;
        for (var j = k; j < limit; j++)
        {
            if (_t[j].Sentence != sentence || _a.Enclosing[j] is not null) break;
            var t = _t[j];
            if (t.Kind == TokKind.Punct)
            {
                if (t.Lower is "(" or ")") continue;
                if (t.Lower != ",") break;
                if (found is null) continue; // "a déclaré, jeudi, X"
                // (", prénommée Kelly": the name a description is given)
                var named = j + 2 < _t.Count && _r.NameIntroducers.Contains(_t[j + 1].Lower) ? j + 2 : j + 1;
                if (named < _t.Count && _e.At(named) is { Type: EntityType.Person, Via: "name" or "title" or "surname" } apposed && apposed != found
                    && (found.Type != EntityType.Person || found.Via is "role" or "descriptor"))
                    return apposed;
                break;
            }
            var m = _e.At(j);
            if (m is not null && m.Type != EntityType.Place)
            {
                if (found is null)
                {
                    var before = Math.Min(j, m.RoleFirst >= 0 ? m.RoleFirst : m.First) - 1;
                    while (before >= k && _t[before].In(WordLists.Determiner) && !_t[before].In(WordLists.Preposition)) before--;
                    // ("de" builds a subject, "auprès de", "à côté de" govern an object)
                    var governed = before >= k && (_t[before].In(WordLists.Preposition)
                                                   && (_t[before].Lower is not ("de" or "d'" or "des" or "du") || before > k && _t[before - 1].In(WordLists.Preposition))
                                                   || m.Via is "role" or "descriptor" && _t[m.First].Lower is "au" or "aux");
                    // "a dit à l'AFP", "a répondu au médecin": the one spoken to, not the speaker
                    if (!governed || allowPreposition && j == k) found = m;
                }
                j = Math.Max(j, m.Last);
                continue;
            }
            // (a speech form that is also a noun, after a word that is no auxiliary, is the noun: "à plusieurs reprises")
            if (found is null && t.Kind == TokKind.Word && t.Speech is { IsSupport: false } && !t.In(WordLists.Filler) && j > k + 1
                && !(t.Classes.Contains('n') && _t[j - 1].Kind == TokKind.Word && !_t[j - 1].In(WordLists.Auxiliary) && !_t[j - 1].Is(TokFlags.Inverted))) break;
            // "a répété mardi que l'entreprise…": the subject of a verb never lies in the clause it introduces
            if (t.Kind == TokKind.Word && t.In(WordLists.ClauseIntroducer) && t.Lower is "que" or "qu'" or "that") break;
        }
        return found;
    }

    private Mention NameOf(Mention m) => m;

    /// <summary>Completes a cue's subject: the inverted subject after it, or the subject before it.</summary>
    private void FindSubject(Cue cue, bool preferAfter)
    {
        if (cue.Subject is not null) return;
        if (preferAfter)
        {
            var after = MentionAfter(cue.LastTok + 1, 18);
            if (after is not null) { cue.Subject = after; cue.Inverted = true; return; }
        }
        cue.Subject = SubjectBefore(cue.FirstTok);
        if (cue.Subject is null && !preferAfter)
        {
            var after = MentionAfter(cue.LastTok + 1, 18);
            if (after is not null) { cue.Subject = after; cue.Inverted = true; }
        }
    }

    /// <summary>The subject of a verb group starting at <paramref name="verbFirst"/>, searched backwards in its sentence.</summary>
    private Mention? SubjectBefore(int verbFirst)
    {
        var sentence = verbFirst < _t.Count ? _t[verbFirst].Sentence : 0;
        var start = _a.SentenceStartTok(sentence);
        var j = verbFirst - 1;
        // clitics and adverbs right before the verb
        while (j >= start && _t[j].Kind == TokKind.Word && (_t[j].In(WordLists.Filler) || _rules.IsObjectPronoun(_t[j].Lower)))
        {
            if (_e.At(j) is { } direct && direct.Via == "pronoun") return direct;
            j--;
        }
        if (j >= start && _t[j].Lower == "qui" && j - 1 >= start)
        {
            j--;
            if (_t[j].Lower == ",") j--;
        }
        // "X, qui fut le premier maire de Y, a affirmé": a relative clause between commas is skipped to its antecedent
        if (j > start && _t[j].Lower == ",")
            for (var q = j - 1; q > start && q >= j - 25; q--)
            {
                if (_t[q].Lower is "." or ";" or ":" || _a.Enclosing[q] is not null) break;
                if (_t[q].Lower is "qui" or "who" or "which" && _t[q - 1].Lower == ",")
                {
                    if (q - 2 >= start && _e.At(q - 2) is { InQuote: false } antecedent && antecedent.Type != EntityType.Place) return antecedent;
                    break;
                }
            }
        // right before the verb even a country can speak ("La Russie dit avoir tué…")
        // ("la mort de George Floyd révélait": a name governed by a preposition is not the verb's subject)
        if (j >= start && _e.At(j) is { } m && !m.InQuote)
            return m.SubjectLike || m.Via == "pronoun" ? m : null;
        // further back: the nearest mention that can be a subject, skipping incises and quotations
        for (var k = j; k >= start; k--)
        {
            if (_a.Enclosing[k] is not null) continue;
            var o = _e.At(k);
            if (o is null || o.Type == EntityType.Place) continue;
            if (o.SubjectLike || o.Via is "pronoun") return o;
            k = Math.Min(k, o.First);
        }
        return null;
    }

    /// <summary>The nearest speech cue after a closing mark: "», a déclaré X", "", a-t-il ajouté", "», selon X".</summary>
    private Cue? CueAfter(QuotePair p)
    {
        var k = p.CloseTok + 1;
        if (p.Unclosed) return null;
        if (k < _t.Count && _t[k].Kind == TokKind.Punct && _t[k].Lower is "," or "-" or "—" or "–") k++;
        if (k >= _t.Count || _t[k].Sentence != _t[Math.Min(p.CloseTok, _t.Count - 1)].Sentence && !(_t[k].Lower is not "," && _t[k].IsCap == false)) { }
        if (k >= _t.Count) return null;
        var according = AccordingAt(k);
        if (according is not null) return according;
        // a verb right after the marks with no comma between has them as its subject ("« Grey Lantern » a revendiqué"):
        // a name, not words reported by a cue
        var separated = k > p.CloseTok + 1 || p.CloseTok >= 1 && _t[p.CloseTok - 1].Kind == TokKind.Punct && _t[p.CloseTok - 1].Lower is "," or "." or "!" or "?" or "…" or "...";
        // the verb group may start with an auxiliary and an inverted pronoun ("a-t-il ajouté"), or adverbs
        for (var j = k; j < Math.Min(_t.Count, k + 5); j++)
        {
            if (_t[j].Kind != TokKind.Word) break;
            // "a quant à lui déclaré"
            if (j + 2 < _t.Count && _t[j].Lower == "quant" && _t[j + 1].Lower == "à" && _t[j + 2].Lower is "lui" or "elle" or "eux" or "elles") { j += 2; continue; }
            var cue = VerbGroupAt(j);
            if (cue is not null)
            {
                if (cue.FirstTok > k && !AllFillers(k, cue.FirstTok - 1)) break;
                // with no comma, the verb reports the words only when its own subject follows it
                // (""…" répond Nicolas Sarkozy", ""…" a t-il asséné"), else the marks are its subject
                if (!separated && !cue.Inverted && !SubjectRightAfter(cue.LastTok + 1)) break;
                cue.Joined = !separated;
                FindSubject(cue, preferAfter: true);
                return cue;
            }
            if (!_t[j].In(WordLists.Auxiliary) && !_t[j].Is(TokFlags.Inverted) && !_t[j].In(WordLists.Filler)) break;
        }
        // the subject before its verb, as English writes it (""…," prefect Claire Vautrin told reporters", ""…," he said")
        // (a comma inside or after the marks: without it the name opens the next sentence)
        var commaBefore = p.CloseTok >= 1 && _t[p.CloseTok - 1].Lower == "," || _t[p.CloseTok + 1].Lower == ",";
        var at = k;
        // (capitalised words, articles and nouns before the name: "union president Gregoire Tessier told")
        while (commaBefore && at < _t.Count && at < k + 3 && _e.At(at) is null && _t[at].Kind == TokKind.Word
               && (_t[at].IsCap || _t[at].In(WordLists.Determiner) || _t[at].Classes.Contains('n') && _t[at].Speech is null && !_t[at].In(WordLists.Auxiliary))) at++;
        if (commaBefore && at < _t.Count && _e.At(at) is { Type: not EntityType.Place, InQuote: false } subject)
        {
            for (var j = subject.Last + 1; j < _t.Count && j <= subject.Last + 3; j++)
            {
                if (_t[j].Kind != TokKind.Word) break;
                var cue = VerbGroupAt(j);
                if (cue is not null && cue.FirstTok <= subject.Last + 1 + (j - subject.Last - 1))
                {
                    cue.Subject = subject;
                    return cue;
                }
                if (!_t[j].In(WordLists.Auxiliary) && !_t[j].In(WordLists.Filler)) break;
            }
        }
        return null;
    }

    /// <summary>A person or a body named right at <paramref name="k"/> (after adverbs), as an inverted subject is.</summary>
    private bool SubjectRightAfter(int k)
    {
        while (k < _t.Count && _t[k].Kind == TokKind.Word && _t[k].In(WordLists.Filler) && _e.At(k) is null) k++;
        if (k >= _t.Count || _a.Enclosing[k] is not null) return false;
        if (_t[k].Is(TokFlags.Inverted)) return true;
        return _e.At(k) is { Type: EntityType.Person or EntityType.Organisation } m && (m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First) >= k - 1;
    }

    private bool AllFillers(int from, int to)
    {
        for (var k = from; k <= to; k++)
            if (!_t[k].In(WordLists.Auxiliary) && !_t[k].Is(TokFlags.Inverted) && !_t[k].In(WordLists.Filler)) return false;
        return true;
    }

    /// <summary>The nearest speech cue before an opening mark in the same sentence.</summary>
    private Cue? CueBefore(QuotePair p)
    {
        var sentence = _t[p.OpenTok].Sentence;
        var start = _a.SentenceStartTok(sentence);
        if (p.Parent is not null) start = Math.Max(start, p.Parent.OpenTok + 1);
        for (var k = p.OpenTok - 1; k >= start; k--)
        {
            if (_a.Enclosing[k] is { } enc && enc != p.Parent) { k = enc.OpenTok; continue; }
            var according = AccordingAt(k);
            if (according is not null) return according;
            var cue = VerbGroupAt(k);
            if (cue is null)
            {
                // gerund or infinitive of a speech verb: "déclarant que", "en expliquant que", "a tenu à préciser"
                var form = _t[k].Speech;
                if (form is { IsSupport: false } && (form.IsGerund || form.IsInfinitive) && _a.Enclosing[k] is null)
                {
                    cue = new Cue { FirstTok = k, LastTok = k, Lemma = form.Lemma };
                    if (k + 1 < _t.Count && _t[k + 1].In(WordLists.ClauseIntroducer)) cue.ThatTok = k + 1;
                    // an absolute participle clause has its subject right before it ("…, l'élu X (UDI) lançant : «…»")
                    // (else the first subject of its sentence, a heading between dashes not included)
                    cue.Subject = (form.IsGerund ? MentionRightBefore(k, start) : null) ?? FirstSubjectAfter(AfterLastHeading(start, k), k) ?? PreviousSubject(sentence);
                    return cue;
                }
                continue;
            }
            var before = cue.FirstTok - 1;
            // (a comma that closes an apposition after the subject is no incise: "Son directeur, Karim Haddad, a répété")
            var inverted = before < start || _t[before].Lower is "," && !(before >= 1 && _e.At(before - 1) is { SubjectLike: true, Type: EntityType.Person or EntityType.Organisation }) || IsCloseTok(before);
            FindSubject(cue, preferAfter: inverted);
            return cue;
        }
        return null;
    }

    /// <summary>A person or body ending right before <paramref name="k"/> (a bracketed aside between allowed), not after "en".</summary>
    private Mention? MentionRightBefore(int k, int start)
    {
        var j = k - 1;
        if (j >= start && _t[j].Lower == "en") return null;
        if (j >= start && _t[j].Lower == ")")
            while (j >= start && _t[j].Lower != "(") j--;
        if (j > start && _t[j].Lower == "(") j--;
        return j >= start && _e.At(j) is { Type: EntityType.Person or EntityType.Organisation, InQuote: false } m ? m : null;
    }

    private Mention? FirstSubjectAfter(int from, int before)
    {
        for (var k = from; k < before; k++)
            if (_e.At(k) is { } m && m.SubjectLike && m.Type != EntityType.Place) return m;
        return null;
    }

    /// <summary>The token after the last heading between dashes in <paramref name="start"/>…<paramref name="before"/> (a run-on text glues headings to sentences).</summary>
    private int AfterLastHeading(int start, int before)
    {
        for (var k = before - 1; k > start; k--)
            if (_a.Enclosing[k] is { } pair && IsDashHeading(pair)) return pair.CloseTok + 2;
        return start;
    }

    private Mention? PreviousSubject(int sentence)
    {
        if (sentence == 0) return null;
        var start = _a.SentenceStartTok(sentence - 1);
        var end = _a.SentenceStartTok(sentence);
        for (var k = start; k < end; k++)
            if (_e.At(k) is { } m && m.SubjectLike && m.Type == EntityType.Person) return m;
        return null;
    }

    // ---------------------------------------------------------------- quotation decisions

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
        if (titleLike && after is null && !(standalone && p.Parent is null && _t[p.OpenTok].Is(TokFlags.LineStart)) && !afterIntroducer)
        {
            if (!(before is not null && before.ThatTok >= 0 && before.ThatTok == p.OpenTok - 1)) { p.NotQuoteReason = "title"; return; }
        }
        if (after is null && !shape.Sentences && CapitalisedInNounSlot(p)) { p.NotQuoteReason = "title"; return; }
        if (p.Depth > 0 && shape.Words <= 3 && after is null) { p.NotQuoteReason = "scare quote in quotation"; return; }
        if (p.OpenTok > 0 && _t[p.OpenTok - 1].Lower == "(" && p.CloseTok + 1 < _t.Count && _t[p.CloseTok + 1].Lower == ")" && after is null)
        { p.NotQuoteReason = "gloss"; return; }
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
        if (first >= p.CloseTok || first >= _t.Count || _t[first].Kind != TokKind.Word || !_t[first].IsCap || _t[first].Is(TokFlags.AllCaps)) return false;
        var k = p.OpenTok - 1;
        if (k < 0 || _t[p.OpenTok].Is(TokFlags.LineStart) || _a.SentenceStartTok(_t[p.OpenTok].Sentence) == p.OpenTok) return false;
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
        if (k >= 1 && _t[k].Lower is "et" or "ou" or "," && IsCloseTok(k - 1) && _pairAtClose.TryGetValue(k - 1, out var previous) && previous.NotQuoteReason == "charge")
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
        while (k >= 0 && _t[k].Kind == TokKind.Word && _t[k].Lower is "ne" or "n'" or "se" or "s'" or "l'" or "le" or "la" or "les" or "lui" or "y" or "en") k--;
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
            if (first >= _t.Count || _t[first].Kind != TokKind.Word || !(_t[first].Classes.Contains('n') || _t[first].In(WordLists.Determiner)) || _t[first].Classes.Contains('v')) continue;
            var key = LabelKey(p);
            groups ??= new Dictionary<string, List<QuotePair>>(StringComparer.Ordinal);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(p);
        }
        if (groups is null) return;
        foreach (var list in groups.Values)
        {
            if (list.Count < 2 || list.Any(p => p.CueNear)) continue;
            foreach (var p in list)
            {
                p.IsQuotation = false;
                p.Pending = false;
                p.NotQuoteReason = "label";
            }
        }
    }

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
        var startsSubordinate = firstContent.Lower is "qui" or "que" or "si" or "parce" or "lorsque" or "quand" or "dont" or "où";
        // words that fill a slot of the reporter's sentence (after a noun, an article, a preposition) are a fragment
        // ("une identité numérique "accessible à tous … aurait permis"", "d'avoir une "expertise nouvelle pour…"")
        var prev = p.OpenTok > 0 ? _t[p.OpenTok - 1] : default;
        var woven = !standalone && p.OpenTok > 0 && prev.Kind == TokKind.Word && !prev.In(WordLists.ClauseIntroducer) && prev.Speech is null
                    && !firstContent.IsCap && !p.Sentences && !IsCloseTok(p.OpenTok - 1) && !StartsWithClause(p)
                    && (prev.In(WordLists.Determiner) || prev.In(WordLists.Preposition) || prev.Classes.Contains('n') || prev.Classes.Contains('a'));
        if (standalone && (words >= 4 || clause || after is not null && firstContent.IsCap) || afterIntroducer && clause && !startsSubordinate)
            p.Kind = QuoteKind.Direct;
        else if (woven)
            p.Kind = QuoteKind.Partial;
        else if (after is { Joined: false } && (firstContent.IsCap && words >= 4 || clause) && (!startsSubordinate || firstContent.Lower == "si"))
            p.Kind = QuoteKind.Direct;
        else if (firstContent.IsCap && p.Sentences)
            p.Kind = QuoteKind.Direct; // several sentences standing as an utterance
        else if (!startsSubordinate && StartsWithClause(p))
            p.Kind = QuoteKind.Direct; // a whole clause, its subject inside the marks: "selon l'association, "un agneau est abattu…""
        else
            p.Kind = QuoteKind.Partial;
        // a source closing the sentence reports what the sentence says, the words woven into it included
        if (p.After is null && (p.Kind == QuoteKind.Partial || p.Before is null) && TrailingCue(p) is { } trailing) p.Cue = trailing;
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
                if (!_t[j].In(WordLists.Auxiliary) && !_t[j].Is(TokFlags.Inverted) && !_t[j].In(WordLists.Filler)) break;
            }
            if (cue is null) continue;
            // (an aside may follow the source: "…, a conclu le parquet, contredisant ainsi…")
            if (cue.Subject is not { Type: EntityType.Person or EntityType.Organisation } subject || subject.Last != last && _t[subject.Last + 1].Lower != ",") return null;
            return cue;
        }
        return null;
    }

    /// <summary>Do the marks open on a clause with its own subject (a subject pronoun, or a noun phrase followed by a finite verb)?</summary>
    private bool StartsWithClause(QuotePair p)
    {
        var k = p.OpenTok + 1;
        var end = Math.Min(p.CloseTok, _t.Count);
        if (k >= end || _t[k].Kind != TokKind.Word) return false;
        var first = _t[k];
        if (first.In(WordLists.ClauseMarker) && first.Lower is not ("y" or "il y a")) return k + 1 < end && _t[k + 1].Kind == TokKind.Word;
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

    /// <summary>
    /// A quotation with no cue that repeats words quoted elsewhere with a cue (a headline or a sub-heading quoting the
    /// body) takes the speaker of that passage.
    /// </summary>
    private void SpeakersOfRepeatedWords()
    {
        // (a quotation whose cue names no subject is as speakerless as one with no cue: ""…", a réagi la filière")
        var speakerless = false;
        foreach (var p in _a.Pairs) speakerless |= IsSpeakerless(p);
        if (!speakerless) return;
        // the folded words of the quotations with a speaker, one after the other in a scratch buffer (no string each)
        var cued = new List<(QuotePair Pair, int Start, int Length)>();
        var used = 0;
        foreach (var o in _a.Pairs)
        {
            if (!o.IsQuotation || o.Cue?.Subject is null || o.Speaker is null) continue;
            var end = AppendFoldedWords(o, used);
            cued.Add((o, used, end - used));
            used = end;
        }
        if (cued.Count == 0) return;
        foreach (var p in _a.Pairs)
        {
            if (!IsSpeakerless(p)) continue;
            var wordsEnd = AppendFoldedWords(p, used);
            var buffer = _a.Buffers.FoldScratch;
            var words = buffer.AsSpan(used, wordsEnd - used);
            foreach (var (o, start, length) in cued)
            {
                var other = buffer.AsSpan(start, length);
                if (o != p && (other.IndexOf(words) >= 0 || words.IndexOf(other) >= 0))
                {
                    p.Speaker = o.Speaker;
                    _via[p] = Via.RepeatedWords;
                    break;
                }
            }
        }
    }

    private static bool IsSpeakerless(QuotePair p) => p.IsQuotation && p.Cue?.Subject is null && p.Parent is null && p.Words >= 3;

    /// <summary>
    /// Writes " word word … " (the quotation's words folded, marks left out) into the analysis's fold scratch from
    /// <paramref name="at"/> on (the scratch grows as needed); returns where it ends.
    /// </summary>
    private int AppendFoldedWords(QuotePair p, int at)
    {
        var n = at;
        for (var k = p.OpenTok + 1; k < p.CloseTok && k < _t.Count; k++)
        {
            if (_t[k].Kind == TokKind.Punct) continue;
            var word = _t[k].Lower;
            var buffer = ScratchFor(n + 1 + 2 * word.Length); // (a ligature folds to two letters)
            buffer[n++] = ' ';
            n += TextFolding.FoldInto(word, buffer.AsSpan(n));
        }
        ScratchFor(n + 1)[n++] = ' ';
        return n;
    }

    private char[] ScratchFor(int length)
    {
        var buffer = _a.Buffers.FoldScratch;
        if (buffer.Length >= length) return buffer;
        Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        return _a.Buffers.FoldScratch = buffer;
    }

    private void AssignSpeaker(QuotePair p)
    {
        // a quotation with no cue of its own shares the cue of a quotation in its sentence
        // (""…", pour "montrer l'ampleur…", a expliqué X")
        var via = Via.Cue;
        if (IsDashHeading(p)) { p.Speaker = null; return; } // (its speaker, if any, comes from the words it repeats)
        if (p.Cue is null && p.Parent is null)
        {
            var sentence = _t[p.OpenTok].Sentence;
            foreach (var o in _a.Pairs)
                if (o != p && o.IsQuotation && o.Parent is null && o.OpenTok < _t.Count && _t[o.OpenTok].Sentence == sentence && (o.After ?? o.Before) is { Subject: not null } shared)
                {
                    p.Cue = shared;
                    via = Via.SharedCue;
                    break;
                }
        }
        var cue = p.Cue;
        p.Speaker = cue?.Subject;
        if (p.Speaker is { Via: "pronoun" }) { p.Speaker = RefinePronoun(p, p.Speaker); via = Via.Pronoun; }
        // "selon la même source": the one who spoke last
        if (p.Speaker is { } same && same.Last > same.First && _r.SameWords.Contains(_t[same.First + 1].Lower) && PreviousQuotation(p)?.Speaker is { } last)
            p.Speaker = last;
        // «…?», a demandé le vétéran: a question's asker is the incise's own subject, even a description the entities do
        // not hold; the quotation chain would give it to the one asked
        if (p.Speaker is null && cue is { Inverted: false, Joined: false } && cue == p.After && AsksQuestion(cue) && DescriptionAfter(cue.LastTok + 1) is { } described)
            (p.Speaker, via) = (described, Via.Description);
        if (p.Speaker is null) (p.Speaker, via) = SpeakerWithoutCue(p);
        _via[p] = via;
    }

    private const string AskClass = "ask";

    private bool AsksQuestion(Cue cue)
    {
        for (var k = cue.FirstTok; k <= cue.LastTok && k < _t.Count; k++)
            if (_t[k].Speech is { IsSupport: false } form) return form.Class == AskClass; // (the class speech-verbs.txt gives verbs of asking)
        return false;
    }

    /// <summary>A noun phrase opening on a determiner right at <paramref name="k"/> ("le vétéran", "l'ancien combattant"), up to the next punctuation.</summary>
    private Mention? DescriptionAfter(int k)
    {
        if (k >= _t.Count || _t[k].Kind != TokKind.Word || !_t[k].In(WordLists.Determiner) || _t[k].In(WordLists.Preposition) || _a.Enclosing[k] is not null) return null;
        var last = k;
        for (var j = k + 1; j < _t.Count && j <= k + 5; j++)
        {
            var t = _t[j];
            if (t.Kind != TokKind.Word || t.In(WordLists.Preposition) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a')) break;
            last = j;
        }
        if (last == k) return null;
        return new Mention { First = k, Last = last, Start = _t[k].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(k, last) };
    }

    private bool IsStandalone(QuotePair p)
    {
        var k = p.OpenTok;
        if (k == 0 || _t[k].Is(TokFlags.LineStart)) return true;
        if (_a.SentenceStartTok(_t[k].Sentence) == k) return true;
        var prev = _t[k - 1];
        if (prev.Kind == TokKind.Punct && prev.Lower is "." or "!" or "?" or ":" or "…" or "—" or "–" or "-") return true;
        if (IsCloseTok(k - 1)) return true;
        // "Mais "c'est maintenant…"": a coordinator opening the sentence
        if (prev.Kind == TokKind.Word && prev.Is(TokFlags.Initial) && prev.Classes == "f" && prev.Lower is not ("que" or "qu'")) return true;
        return false;
    }

    private bool WorkCueBefore(QuotePair p)
    {
        // "le porte-hélicoptère «Charles-de-Gaulle»", "du croiseur russe «Moscou»", "le documentaire "The Last Dance""
        var k = p.OpenTok - 1;
        var copula = false;
        for (var hops = 0; k >= 0 && hops < 3; k--, hops++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) return false;
            if (t.In(WordLists.WorkCue)) return true;
            // "dont le slogan était '…'": one auxiliary verb between the noun and the marks
            if (!copula && hops == 0 && t.In(WordLists.Auxiliary)) { copula = true; continue; }
            if (!t.In(WordLists.Nationality) && !t.In(WordLists.Determiner) && !t.Classes.Contains('a') && !t.IsCap) return false;
        }
        return false;
    }

    /// <summary>"qu'"On n'est pas couché", émission qui…", ""X", son nouveau talk-show": a work's noun in apposition after the marks.</summary>
    private bool WorkCueAfter(QuotePair p)
    {
        var k = p.CloseTok + 1;
        if (p.Unclosed || k >= _t.Count || _t[k].Lower != ",") return false;
        for (var hops = 0; ++k < _t.Count && hops < 3; hops++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) return false;
            if (t.In(WordLists.WorkCue)) return true;
            if (!t.In(WordLists.Determiner) && !t.Classes.Contains('a')) return false;
        }
        return false;
    }

    /// <summary>Does the sentence report speech (a speech verb or "selon") outside the quotation marks?</summary>
    private bool SpeechContext(QuotePair p)
    {
        var sentence = _t[p.OpenTok].Sentence;
        var start = _a.SentenceStartTok(sentence);
        var end = _a.SentenceEndTok(sentence);
        for (var k = start; k < end; k++)
        {
            if (_a.Enclosing[k] is not null) continue;
            if (_t[k].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple || f.IsGerund)) return true;
            if (_r.ClaimCues.MatchAt(_t, k, out var kind) > 0 && kind == "according") return true;
        }
        return false;
    }

    private QuotePair? PreviousQuotation(QuotePair p)
    {
        QuotePair? prev = null;
        foreach (var o in _a.Pairs)
        {
            if (o.OpenTok >= p.OpenTok) break;
            if (o.IsQuotation && o.Depth == p.Depth && o.Speaker is not null) prev = o;
        }
        return prev;
    }

    private Mention? RefinePronoun(QuotePair p, Mention pronoun)
    {
        var prev = PreviousQuotation(p);
        var idx = _e.Mentions.IndexOf(pronoun);
        if (idx < 0) return pronoun;
        // a person introduced as a subject since the previous quotation takes over, the subject of a speech verb
        // before any other ("X a assuré que Y…"); else the previous speaker
        // (a person merely named since, as an object or inside a clause, does not take over from the previous speaker)
        var from = prev is null ? 0 : prev.CloseTok;
        var fresh = SalientSubject(idx, pronoun.Gender, from, out var score);
        if (fresh is not null && score >= 1) return Relink(pronoun, fresh);
        if (prev?.Speaker?.Entity is { } c && (pronoun.Gender == '\0' || c.Gender == '\0' || c.Gender == pronoun.Gender) && c.Type == EntityType.Person)
            return Relink(pronoun, c);
        if (fresh is not null) return Relink(pronoun, fresh);
        // a body that just spoke goes on speaking ("ajoute la Confédération. … », insiste-t-elle") when no person came up since
        if (prev?.Speaker?.Entity is { Type: EntityType.Organisation } body && NoPersonSince(prev.CloseTok, pronoun.First)) return Relink(pronoun, body);
        return pronoun;
    }

    private bool NoPersonSince(int fromTok, int toTok)
    {
        for (var k = fromTok; k < toTok && k < _t.Count; k++)
            if (_a.Enclosing[k] is null && _e.At(k) is { Type: EntityType.Person, Via: not "pronoun" }) return false;
        return true;
    }

    /// <summary>
    /// The person a pronoun most likely stands for among the subjects since <paramref name="fromTok"/>: the subject of a
    /// speech verb first, then the subject that opens its sentence, then the nearest; gender must fit.
    /// </summary>
    private EntityCluster? SalientSubject(int pronounIdx, char gender, int fromTok, out int bestScore)
    {
        EntityCluster? best = null;
        bestScore = -1;
        var bestSentence = int.MaxValue;
        for (var k = pronounIdx - 1; k >= 0; k--)
        {
            var o = _e.Mentions[k];
            if (o.First < fromTok) break;
            // a salient subject of a later sentence takes over from those of earlier ones
            if (bestScore >= 1 && _t[o.First].Sentence < bestSentence) break;
            if (o.Entity is not { Type: EntityType.Person } c || o.InQuote || o.Number == 'p') continue;
            // the holder named by "selon X" or "Pour X," speaks as much as a subject does
            var holder = o.First > 0 && _r.ClaimCues.MatchEndingAt(_t, (o.RoleFirst >= 0 ? Math.Min(o.RoleFirst, o.First) : o.First) - 1, out _) > 0;
            if (!o.SubjectLike && !holder) continue;
            if (gender != '\0' && c.Gender != '\0' && gender != c.Gender) continue;
            var score = 0;
            if (_e.IsSpeechSubject(o.Last) || holder) score += 2;
            var sentenceStart = _a.SentenceStartTok(_t[o.First].Sentence);
            // the subject that opens its sentence, or the first one named in it after an opening adverbial ("De son côté, X…")
            var opening = o.RoleFirst >= 0 ? o.RoleFirst : o.First;
            if (opening <= sentenceStart + 2 || k == 0 || _e.Mentions[k - 1].First < sentenceStart && opening > 0 && _t[opening - 1].Lower == ",") score += 1;
            if (score > bestScore) { best = c; bestScore = score; bestSentence = _t[o.First].Sentence; }
        }
        return best;
    }

    private Mention Relink(Mention m, EntityCluster c)
    {
        if (!ReferenceEquals(m.Entity, c)) _e.Relinked++;
        m.Entity = c;
        return m;
    }

    private (Mention?, Via) SpeakerWithoutCue(QuotePair p)
    {
        // "Poutine : «…»" — a name and a colon before the quotation
        var k = p.OpenTok - 1;
        if (k >= 1 && _t[k].Lower == ":" && _e.At(k - 1) is { } named && named.Type != EntityType.Place
            && (named.RoleFirst >= 0 ? named.RoleFirst : named.First) <= _a.SentenceStartTok(_t[k].Sentence) + 1) return (named, Via.Colon);
        if (p.Parent is { Speaker: { } parentSpeaker }) return (parentSpeaker, Via.Parent);
        var sentence = _t[p.OpenTok].Sentence;
        var prev = PreviousQuotation(p);
        // a person named as subject since the previous quotation (in this or the previous two sentences)
        var floor = _a.SentenceStartTok(Math.Max(0, sentence - 2));
        if (prev is not null) floor = Math.Max(floor, prev.CloseTok);
        for (var j = p.OpenTok - 1; j >= floor; j--)
        {
            if (_a.Enclosing[j] is not null) continue;
            // (a body counts only as the subject of a speech verb: "who has fished the Corran Bank" names no speaker)
            if (_e.At(j) is { Type: EntityType.Person or EntityType.Organisation } m && m.SubjectLike && (m.Entity is not null || m.Via == "role")
                && (m.Type == EntityType.Person || _e.IsSpeechSubject(m.Last))) return (m, Via.SubjectSince);
        }
        if (prev is not null && _t[prev.CloseTok < _t.Count ? prev.CloseTok : _t.Count - 1].Sentence >= sentence - 3) return (prev.Speaker, Via.PreviousSpeaker);
        // otherwise the nearest person mentioned before, or after
        for (var j = p.OpenTok - 1; j >= 0; j--)
            if (_a.Enclosing[j] is null && _e.At(j) is { Type: EntityType.Person, Entity: not null } m) return (m, OnlyPerson(m.Entity) ? Via.MainPerson : Via.NearestBefore);
        for (var j = p.CloseTok + 1; j < _t.Count; j++)
            if (_a.Enclosing[j] is null && _e.At(j) is { Type: EntityType.Person, Entity: not null } m)
                return (m, IsIncise(p, m) ? Via.Incise : OnlyPerson(m.Entity) ? Via.MainPerson : Via.NearestAfter);
        return (prev?.Speaker, Via.PreviousSpeaker);
    }

    /// <summary>
    /// «…», VERB X: a person named in the same sentence a few words after the closing mark and a comma, as an incise
    /// names its speaker even when its verb is not one the language data knows ("sourit X", "X told Y").
    /// </summary>
    private bool IsIncise(QuotePair p, Mention m)
    {
        if (p.Unclosed || p.CloseTok + 1 >= _t.Count) return false;
        var comma = _t[p.CloseTok + 1].Lower == "," || p.CloseTok >= 1 && _t[p.CloseTok - 1].Lower == ",";
        var first = m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First;
        return comma && _t[m.First].Sentence == _t[p.CloseTok].Sentence && first - p.CloseTok <= 5;
    }

    /// <summary>Is this the person the article names most often outside quotation marks, strictly more than any other?</summary>
    private bool OnlyPerson(EntityCluster person)
    {
        _personMentions ??= CountPersonMentions();
        var mine = _personMentions.GetValueOrDefault(person);
        foreach (var (other, count) in _personMentions)
            if (other != person && count >= mine) return false;
        return true;
    }

    private Dictionary<EntityCluster, int>? _personMentions;

    private Dictionary<EntityCluster, int> CountPersonMentions()
    {
        var counts = new Dictionary<EntityCluster, int>();
        foreach (var m in _e.Mentions)
            if (m.Entity is { Type: EntityType.Person } c && !m.InQuote) counts[c] = counts.GetValueOrDefault(c) + 1;
        return counts;
    }

    // ---------------------------------------------------------------- indirect speech

    private void FindIndirect()
    {
        for (var s = 0; s < _a.SentenceStarts.Count; s++)
        {
            var start = _a.SentenceStartTok(s);
            var end = _a.SentenceEndTok(s); // exclusive
            if (end <= start) continue;
            for (var k = start; k < end; k++)
            {
                if (_a.Enclosing[k] is not null) continue;
                var according = AccordingAt(k);
                if (according is { Subject: not null })
                {
                    // "Selon X, CLAUSE." or "CLAUSE, selon X."
                    var comma = NextComma(according.LastTok + 1, end);
                    if (k == start || (k == start + 1 && _t[start].Kind == TokKind.Word && _t[start].Lower is "mais" or "et"))
                    {
                        if (comma > 0) AddIndirect(comma + 1, LastContent(end), according);
                    }
                    else if (k > start && _t[k - 1].Lower == ",") AddIndirect(start, k - 2, according);
                    k = according.LastTok;
                    continue;
                }
                var cue = VerbGroupAt(k);
                if (cue is null) continue;
                var beforeCue = cue.FirstTok - 1;
                if (beforeCue >= start && _t[beforeCue].Lower == "," && beforeCue > start && !IsCloseTok(beforeCue - 1))
                {
                    // "CLAUSE, a annoncé X."
                    FindSubject(cue, preferAfter: true);
                    // (what comes before must be a clause: "Le chef de l'agence, X, a félicité Y" reports nothing)
                    if (cue.Inverted && cue.Subject is not null && HoldsVerb(start, beforeCue - 1)) AddIndirect(start, beforeCue - 1, cue);
                }
                else if (cue.ThatTok >= 0)
                {
                    // "X a fait savoir que CLAUSE."
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.ThatTok + 1, LastContent(end), cue);
                }
                else if (cue.LastTok + 1 < end && _t[cue.LastTok + 1].Classes is var c && (c.Contains('i') || _t[cue.LastTok + 1].Lower == "avoir"))
                {
                    // "X dit avoir tué …", "a annoncé dimanche avoir frappé"
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.LastTok + 1, LastContent(end), cue);
                }
                else if (cue.LastTok + 2 < end && _t[cue.LastTok + 1].In(WordLists.Filler) && _t[cue.LastTok + 2].Lower == "avoir")
                {
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.LastTok + 2, LastContent(end), cue);
                }
                k = cue.LastTok;
            }
        }
    }

    /// <summary>Does a word outside any name, between <paramref name="first"/> and <paramref name="last"/>, read as a finite verb or an auxiliary?</summary>
    private bool HoldsVerb(int first, int last)
    {
        for (var k = first; k <= last && k < _t.Count; k++)
        {
            if (_e.At(k) is { } m) { k = Math.Max(k, m.Last); continue; }
            var t = _t[k];
            if (t.Kind == TokKind.Word && (t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n'))) return true;
        }
        return false;
    }

    private int NextComma(int from, int end)
    {
        for (var k = from; k < end && k < from + 20; k++)
            if (_t[k].Lower == "," && _a.Enclosing[k] is null) return k;
        return -1;
    }

    private int LastContent(int endExclusive)
    {
        var k = endExclusive - 1;
        while (k >= 0 && _t[k].Kind == TokKind.Punct && _t[k].Lower is "." or "!" or "?" or "…" or "...") k--;
        return k;
    }

    private void AddIndirect(int first, int last, Cue cue)
    {
        if (last <= first || first < 0 || last >= _t.Count) return;
        // reported speech that holds quotation marks is already covered by those quotations
        for (var k = first; k <= last; k++) if (_a.Enclosing[k] is not null || _pairByOpen[k] >= 0) return;
        if (last - first < 2) return;
        var speaker = cue.Subject;
        if (speaker is { Via: "pronoun" }) speaker = RefinePronounIndirect(speaker);
        Indirect.Add(new IndirectQuote { Start = _t[first].Start, End = _t[last].End, FirstTok = first, LastTok = last, Cue = cue, Speaker = speaker });
    }

    private Mention RefinePronounIndirect(Mention pronoun) => pronoun;

    /// <summary>
    /// A role ("le directeur du lancement") stands for the person it is linked to when that person was named before the
    /// quotation ends, or holds that role by name; a person named only later with other roles may be someone else, so
    /// the role itself is the speaker.
    /// </summary>
    private bool NamedBefore(Mention speaker, int end)
    {
        if (speaker.Via != "role" || speaker.Entity is not { } person || speaker.Role is not { } role || SharesRole(person, role)) return true;
        foreach (var m in _e.Mentions)
        {
            if (m.Start < end && m.Entity == person && m.Via is "name" or "surname" or "title") return true;
        }
        return false;
    }

    /// <summary>
    /// Does the person keep the description's head word ("président" of "président russe") where named with a title?
    /// A person never given a title beside the name keeps any.
    /// </summary>
    private bool SharesRole(EntityCluster person, string role)
    {
        var space = role.IndexOf(' ');
        var head = TextFolding.Fold(space < 0 ? role : role[..space]);
        var titled = false;
        foreach (var m in _e.Mentions)
        {
            if (m.Entity != person || m.Via is not ("name" or "surname" or "title") || m.Role is not { } given) continue;
            titled = true;
            if (TextFolding.Fold(given).Contains(head, StringComparison.Ordinal)) return true;
        }
        return !titled;
    }

    // ---------------------------------------------------------------- output

    public IEnumerable<Quotation> ToModel()
    {
        var list = new List<Quotation>();
        foreach (var p in _a.Pairs)
        {
            if (!p.IsQuotation) continue;
            var confidence = p.Speaker is null ? 0 : SpeakerConfidence.Of(_via.GetValueOrDefault(p));
            list.Add(Make(p.ContentStart, p.ContentEnd, p.Kind, SpeakerConfidence.Keeps(confidence) ? p.Speaker : null, p.Cue) with { SpeakerConfidence = confidence });
        }
        foreach (var q in Indirect)
            list.Add(Make(q.Start, q.End, QuoteKind.Indirect, q.Speaker, q.Cue) with { SpeakerConfidence = q.Speaker is null ? 0 : SpeakerConfidence.Of(Via.Cue) });
        list.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.End.CompareTo(x.End));
        return list;
    }

    private Quotation Make(int start, int end, QuoteKind kind, Mention? speaker, Cue? cue) => new(start, end, kind)
    {
        SpeakerName = speaker is null ? null : NamedBefore(speaker, end) ? speaker.SpeakerName : speaker.Text,
        SpeakerKey = speaker is null || !NamedBefore(speaker, end) ? null : speaker.Entity?.Key,
        SpeakerSpan = speaker is null ? null : new TextRange(speaker.Start, speaker.End),
        Cue = cue is null ? null : _a.Span(cue.FirstTok, cue.LastTok),
        CueSpan = cue is null ? null : new TextRange(_t[cue.FirstTok].Start, _t[cue.LastTok].End),
    };
}
