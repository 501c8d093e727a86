using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>The quotation finder's cues: speech verb groups, "selon X", and their subjects before or after them.</summary>
public sealed partial class QuoteFinder
{
    private bool IsQuoteMarkTok(int k) => k >= 0 && k < _t.Count && _t[k].Kind == TokKind.Punct && _a.Pairs.Count > 0 && (_pairByOpen[k] >= 0 || IsCloseTok(k));

    private bool IsCloseTok(int k) => k >= 0 && k < _t.Count && _isClose[k];

    /// <summary>A speech verb group whose main verb is at <paramref name="k"/>; null when there is none.</summary>
    private Cue? VerbGroupAt(int k)
    {
        if (k < 0 || k >= _t.Count || _t[k].Kind != TokKind.Word || _a.Enclosing[k] is not null) return null;
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
            if (t.Is(WordFlags.Inverted)) { inverted = _e.ByToken[j]; j--; hops++; continue; }
            // "a quant à lui déclaré"
            if (j >= 2 && _rules.IsContrastAside(_t[j - 2].Lower, _t[j - 1].Lower, t.Lower)) { j -= 3; hops++; continue; }
            if (t.In(WordLists.Auxiliary)) { cue.FirstTok = j; hasAux = true; j--; hops++; if (j >= 0 && _rules.IsReflexivePronoun(_t[j].Lower)) { cue.FirstTok = j; j--; } break; }
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
        if (!hasAux && k + 1 < _t.Count && _t[k + 1].Is(WordFlags.Inverted)) { inverted = _e.ByToken[k + 1]; cue.LastTok = k + 1; }
        if (inverted is not null) { cue.Subject = inverted; cue.Inverted = true; }
        if (last + 1 < _t.Count && _t[last + 1].In(WordLists.ClauseIntroducer)) cue.ThatTok = last + 1;
        return cue;
    }

    /// <summary>"selon X", "d'après X": the claim cue ending before <paramref name="k"/>'s mention.</summary>
    private Cue? AccordingAt(int k)
    {
        if (k < 0 || k >= _t.Count || _a.Enclosing[k] is not null) return null;
        var len = _r.ClaimCues.MatchAt(_t, k, out var kind);
        if (len == 0 || kind is not ("according" or "opinion")) return null;
        var cue = new Cue { FirstTok = k, LastTok = k + len - 1, Lemma = _a.Span(k, k + len - 1), IsAccording = true, Inverted = true };
        // ("selon" governs the phrase right after it: "Selon cette personne, la femme était…" names no one we hold)
        cue.Subject = MentionAfter(k + len, 10, allowPreposition: true, ownPhraseOnly: true);
        if (kind == "opinion")
        {
            // "Pour Sayeeda Warsi, "…"": "pour" gives an opinion's holder only when a person or a body opens the clause
            var opensClause = k == _a.SentenceStartTok(_t[k].Sentence) || _t[k - 1].Lower is "," or ":" || _t[k - 1].In(WordLists.ClauseIntroducer) || _t[k - 1].Classes == "f";
            if (!opensClause || cue.Subject is not { Type: EntityType.Person or EntityType.Organisation } s || s.Last + 1 >= _t.Count || _t[s.Last + 1].Lower != ",") return null;
        }
        return cue;
    }

    /// <summary>
    /// The subject written after a speech verb or "selon" ("…, a déclaré à l'AFP le ministre X", "selon l'une des
    /// rapporteuses du CNNum, Karine Dognin-Sauze"): the first mention within the clause that is not the object of a
    /// preposition other than "de" (which builds the subject itself: "le ministre de la Défense"); a person named in
    /// apposition after it wins over a role, a description or an organisation.
    /// </summary>
    private Mention? MentionAfter(int k, int reach, bool allowPreposition = false, bool ownPhraseOnly = false)
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
                // (past the comma only a name in apposition, closed by punctuation: "selon le gestionnaire du réseau, Combrelle Énergie.")
                if (found is null && ownPhraseOnly && !ApposedNameAt(j + 1)) break;
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
                                                   && (!_rules.BuildsSubject(_t[before].Lower) || before > k && _t[before - 1].In(WordLists.Preposition))
                                                   || m.Via is "role" or "descriptor" && _rules.IsFusedPreposition(_t[m.First].Lower));
                    // "said Yoon's “illegal declaration”": a possessor opens the object, it is no subject
                    var possessor = m.Last + 1 < _t.Count && _possessives.IsPossessiveMarker(_t[m.Last + 1].Lower);
                    // "a dit à l'AFP", "a répondu au médecin": the one spoken to, not the speaker
                    if (!possessor && (!governed || allowPreposition && j == k)) found = m;
                }
                j = Math.Max(j, m.Last);
                continue;
            }
            // (a speech form that is also a noun, after a word that is no auxiliary, is the noun: "à plusieurs reprises")
            if (found is null && t.Kind == TokKind.Word && t.Speech is { IsSupport: false } && !t.In(WordLists.Filler) && j > k + 1
                && !(t.Classes.Contains('n') && _t[j - 1].Kind == TokKind.Word && !_t[j - 1].In(WordLists.Auxiliary) && !_t[j - 1].Is(WordFlags.Inverted))) break;
            // "a répété mardi que l'entreprise…": the subject of a verb never lies in the clause it introduces
            if (t.Kind == TokKind.Word && t.In(WordLists.ClauseIntroducer) && _rules.IsComplementizer(t.Lower)) break;
        }
        return found;
    }

    /// <summary>A name at <paramref name="k"/> that punctuation closes, as an apposition is (not the subject of a clause).</summary>
    private bool ApposedNameAt(int k)
    {
        if (k >= _t.Count || _e.At(k) is not { Type: EntityType.Person or EntityType.Organisation } m || m.First != k) return false;
        return m.Last + 1 >= _t.Count || _t[m.Last + 1].Kind == TokKind.Punct && _t[m.Last + 1].Lower is "," or "." or ";" or ")" or ":";
    }

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
        if (j >= start && _rules.IsSubjectRelative(_t[j].Lower) && j - 1 >= start)
        {
            j--;
            if (_t[j].Lower == ",") j--;
        }
        // "X, qui fut le premier maire de Y, a affirmé": a relative clause between commas is skipped to its antecedent
        if (j > start && _t[j].Lower == ",")
            for (var q = j - 1; q > start && q >= j - 25; q--)
            {
                if (_t[q].Lower is "." or ";" or ":" || _a.Enclosing[q] is not null) break;
                if (_rules.IsSubjectRelative(_t[q].Lower) && _t[q - 1].Lower == ",")
                {
                    if (q - 2 >= start && _e.At(q - 2) is { InQuote: false } antecedent && antecedent.Type != EntityType.Place) return antecedent;
                    break;
                }
            }
        // "Lee, the Democratic Party leader, said": an apposition between commas after a person's name gives way to the name
        if (j > start && _t[j].Lower == ",")
            for (var q = j - 1; q > start && q >= j - 12; q--)
            {
                if (_t[q].Kind != TokKind.Punct || _a.Enclosing[q] is not null) continue;
                if (_t[q].Lower == "," && q + 1 < j && _t[q + 1].Kind == TokKind.Word && (_t[q + 1].In(WordLists.Determiner) || !_t[q + 1].IsCap)
                    && _e.At(q - 1) is { Type: EntityType.Person, InQuote: false, Via: "name" or "surname" or "title" } named && named.Last == q - 1) return named;
                break;
            }
        // right before the verb even a country can speak ("La Russie dit avoir tué…")
        // ("la mort de George Floyd révélait": a name governed by a preposition is not the verb's subject)
        if (j >= start && _e.At(j) is { } m && !m.InQuote)
            return m.SubjectLike || m.Via == "pronoun" ? m : null;
        // further back: the nearest mention that can be a subject, skipping incises, quotations and asides in brackets
        // ("Michel Dagbert (PS), son co-rapporteur, a fait part": the party is no subject)
        for (var k = j; k >= start; k--)
        {
            if (_a.Enclosing[k] is not null) continue;
            if (_t[k].Lower == ")")
            {
                while (k > start && _t[k].Lower != "(") k--;
                continue;
            }
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
            if (j + 2 < _t.Count && _rules.IsContrastAside(_t[j].Lower, _t[j + 1].Lower, _t[j + 2].Lower)) { j += 2; continue; }
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
            if (!_t[j].In(WordLists.Auxiliary) && !_t[j].Is(WordFlags.Inverted) && !_t[j].In(WordLists.Filler)) break;
        }
        // the subject before its verb, as English writes it (""…," prefect Claire Vautrin told reporters", ""…," he said")
        // (a comma inside or after the marks: without it the name opens the next sentence)
        var commaBefore = p.CloseTok >= 1 && _t[p.CloseTok - 1].Lower == "," || _t[p.CloseTok + 1].Lower == ",";
        var at = k;
        // (capitalised words, articles and nouns before the name: "union president Gregoire Tessier told")
        // (a place before them qualifies the noun: "Seoul resident Margie Kim said")
        while (commaBefore && at < _t.Count && at < k + 3 && _t[at].Kind == TokKind.Word)
        {
            if (_e.At(at) is { Type: EntityType.Place } place && place.First == at && place.Last + 1 < _t.Count && _t[place.Last + 1].Kind == TokKind.Word
                && !_t[place.Last + 1].IsCap && _t[place.Last + 1].Classes.Contains('n')) { at = place.Last + 1; continue; }
            if (_e.At(at) is not null || !(_t[at].IsCap || _t[at].In(WordLists.Determiner) || _t[at].Classes.Contains('n') && _t[at].Speech is null && !_t[at].In(WordLists.Auxiliary))) break;
            at++;
        }
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
        if (_t[k].Is(WordFlags.Inverted)) return true;
        return _e.At(k) is { Type: EntityType.Person or EntityType.Organisation } m && (m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First) >= k - 1;
    }

    private bool AllFillers(int from, int to)
    {
        for (var k = from; k <= to; k++)
            if (!_t[k].In(WordLists.Auxiliary) && !_t[k].Is(WordFlags.Inverted) && !_t[k].In(WordLists.Filler)) return false;
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
        if (j >= start && _rules.IsGerundMarker(_t[j].Lower)) return null;
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
}
