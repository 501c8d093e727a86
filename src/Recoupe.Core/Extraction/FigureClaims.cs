using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Who puts a figure forward: the speaker of the quotation that holds it; "selon X" / "according to X" in its
/// sentence; the subject of a speech or claim verb of its sentence, after the figure in an incise ("…, a annoncé le
/// ministère", "…, the prefecture said") or before it ("la direction propose 2,8 %"); else the source of the sentence
/// before when that sentence announces a list (ends with a colon).
/// </summary>
internal sealed class ClaimFinder
{
    private sealed class Cue
    {
        public int First;
        public int Last;
        public string? Name;
        public string? Key;
        /// <summary>The subject stands after the verb, or before it after a comma ("…, the prefecture said"): an incise.</summary>
        public bool Incise;
    }

    private readonly ArticleAnalysis _a;
    private readonly FigureResources _fr;
    private readonly List<Tok> _t;
    private readonly EntityFinder _e;
    private readonly Dictionary<int, List<Cue>> _cues = [];
    private readonly Dictionary<int, List<(int Cue, string? Name, string? Key, bool Cited)>> _according = [];

    public ClaimFinder(ArticleAnalysis a, FigureResources fr)
    {
        _a = a;
        _fr = fr;
        _t = a.Toks;
        _e = a.Entities!;
    }

    /// <summary>The key of a noun-phrase holder is its slug, made only for the holder a figure gets.</summary>
    private const string SlugLater = "\0";

    public (string? Name, string? Key) For(int start, int end, int tok)
    {
        var (name, key) = Find(start, end, tok);
        return (name, key == SlugLater && name is not null ? TextFolding.Slug(name) : key);
    }

    private (string? Name, string? Key) Find(int start, int end, int tok)
    {
        // the speaker of the quotation (direct, partial or indirect) that holds the figure, innermost first
        Quotation? best = null;
        var relative = InRelativeClause(tok, _a.SentenceStartTok(_t[tok].Sentence));
        foreach (var q in _a.Document.Quotes)
            if (q.Start <= start && end <= q.End && q.SpeakerName is not null && (best is null || q.End - q.Start < best.End - best.Start)
                && !(q.Kind == QuoteKind.Indirect && relative))
                best = q;
        if (best is not null) return (best.SpeakerName, best.SpeakerKey);
        if (Quoted(tok)) return (null, null); // quoted words nobody is said to speak
        var sentence = _t[tok].Sentence;
        var found = InSentence(sentence, tok, relative);
        if (found.Item1 is not null) return found;
        // a sentence that announces a list ("Selon le ministère : …") gives its source to the sentence that follows
        if (sentence > 0 && _t[_a.SentenceStartTok(sentence) - 1].Lower == ":")
        {
            var colon = _a.SentenceStartTok(sentence) - 1;
            var before = InSentence(sentence - 1, colon, InRelativeClause(colon, _a.SentenceStartTok(sentence - 1)));
            if (before.Item1 is not null) return before;
        }
        return (null, null);
    }

    /// <param name="relative"><see cref="InRelativeClause"/> of <paramref name="tok"/> in <paramref name="sentence"/> (the caller has walked back for it).</param>
    private (string?, string?) InSentence(int sentence, int tok, bool relative)
    {
        var by = By(tok);
        if (by.Item1 is not null) return by;
        var according = According(sentence, tok);
        if (according.Item1 is not null) return according;
        var cues = Cues(sentence);
        // an incise after the figure ("…, a annoncé X"), the nearest one; it speaks for the main clause, not for a
        // relative clause the figure stands in
        foreach (var c in cues)
            if (c.First > tok && c.Incise && c.Name is not null && !relative) return (c.Name, c.Key);
        // the nearest verb before the figure whose subject is known, not too far from it (an incise speaks for
        // what precedes it; a figure between brackets is the reporter's aside)
        if (tok > 0 && InBrackets(tok, _a.SentenceStartTok(sentence))) return (null, null);
        for (var n = cues.Count - 1; n >= 0; n--)
        {
            var c = cues[n];
            if (c.Last >= tok || c.Incise) continue;
            if (tok - c.Last > MaxReach) break;
            if (c.Name is not null) return (c.Name, c.Key);
        }
        return (null, null);
    }

    /// <summary>Inside a quotation (a quoted name or a scare quote is not one: "le groupe « Grey Lantern »").</summary>
    private bool Quoted(int k) => _a.Enclosing[k] is { IsQuotation: true };

    /// <summary>Tokens between a claim verb and the figure it puts forward, at most.</summary>
    private const int MaxReach = 30;

    private bool InBrackets(int tok, int s0)
    {
        for (var j = tok - 1; j >= s0 && j >= tok - 6; j--)
        {
            if (_t[j].Lower == "(") return true;
            if (_t[j].Lower is ")" or "," or ";") return false;
        }
        return false;
    }

    /// <summary>"15 millions d'euros annoncé par X": the author named right after the figure's phrase.</summary>
    private (string?, string?) By(int tok)
    {
        var s1 = _a.SentenceEndTok(_t[tok].Sentence);
        for (var k = tok + 1; k < s1 && k <= tok + 8; k++)
        {
            if (_t[k].Kind == TokKind.Punct || Quoted(k)) break;
            var len = _fr.ByCues.MatchAt(_t, k, out _, s1);
            if (len > 0) return HolderAfter(k + len, s1, allowPlace: false);
        }
        return (null, null);
    }

    /// <summary>
    /// "selon X" / "d'après X" / "according to X" in the sentence, for the figure at <paramref name="tok"/>: "selon"
    /// speaks for the clause it stands in, so not across a relative clause opened between the figure and it ("Huit
    /// personnes sont portées disparues, où la rivière a atteint 6,40 mètres, selon X" gives X the 6,40 mètres only),
    /// nor across a clause joined after it ("…, selon X, et près de 70 000 passagers…").
    /// </summary>
    private (string?, string?) According(int sentence, int tok)
    {
        if (!_according.TryGetValue(sentence, out var found))
        {
            found = [];
            var r = _a.R;
            var s0 = _a.SentenceStartTok(sentence);
            var s1 = _a.SentenceEndTok(sentence);
            for (var k = s0; k < s1; k++)
            {
                if (Quoted(k)) continue;
                var len = r.ClaimCues.MatchAt(_t, k, out var kind, s1);
                if (len == 0 || kind is not ("according" or "cited")) continue;
                var holder = HolderAfter(k + len, s1, allowPlace: false);
                if (holder.Item1 is not null) found.Add((k, holder.Item1, holder.Item2, kind == "cited"));
            }
            _according[sentence] = found;
        }
        (string?, string?) cited = (null, null);
        foreach (var (cue, name, key, isCited) in found)
        {
            if (cue > tok ? Opens(tok, cue, "relative") : Opens(cue, tok, "clause-link")) continue;
            if (!isCited) return (name, key);
            if (cited.Item1 is null) cited = (name, key);
        }
        return cited;
    }

    /// <summary>Whether a word with <paramref name="role"/> opens a clause after a comma between two tokens.</summary>
    private bool Opens(int from, int to, string role)
    {
        for (var k = from + 1; k < to; k++)
            if (_t[k].Lower == "," && k + 1 < to && _fr.Is(_t[k + 1].Lower, role) && !(k + 2 < _t.Count && _t[k + 2].Kind == TokKind.Number)) return true;
        return false;
    }

    /// <summary>Whether the figure lies in a relative clause ("…, qui a submergé la vallée après deux jours de pluies").</summary>
    private bool InRelativeClause(int tok, int s0)
    {
        for (var k = tok - 1; k > s0; k--)
        {
            if (_t[k].Lower is "," or ";" or ":") return false;
            if (_fr.Is(_t[k].Lower, "relative") && _t[k - 1].Lower == ",") return true;
        }
        return false;
    }

    private List<Cue> Cues(int sentence)
    {
        if (_cues.TryGetValue(sentence, out var known)) return known;
        var list = new List<Cue>();
        var s0 = _a.SentenceStartTok(sentence);
        var s1 = _a.SentenceEndTok(sentence);
        Cue? previous = null;
        for (var k = s0; k < s1; k++)
        {
            var tok = _t[k];
            if (tok.Kind != TokKind.Word || Quoted(k)) continue;
            var form = tok.Speech;
            var last = k;
            bool isCue;
            var gerund = false;
            if (form is not null && !form.IsInfinitive && !_fr.WeakSpeechLemmas.Contains(form.Lemma)
                && !(_fr.ClauseSpeechLemmas.Contains(form.Lemma) && !OpensClause(k, s0, s1)))
            {
                isCue = true;
                gerund = form.IsGerund;
                if (form.IsSupport)
                {
                    last = _a.R.SpeechPhraseEnd(form.Lemma, _t, k, s1);
                    isCue = last >= 0;
                }
            }
            else isCue = !tok.In(WordLists.FunctionWord) && _fr.ClaimVerbs.Contains(tok.Lower);
            if (!isCue) continue;
            // the verb group: auxiliary, inverted pronoun and adverbs before it ("a-t-il ajouté", "a également demandé")
            var first = k;
            Mention? inverted = null;
            var hasAux = false;
            for (var j = k - 1; j >= s0 && j >= k - 4; j--)
            {
                var t = _t[j];
                if (t.Kind != TokKind.Word) break;
                if (t.Is(TokFlags.Inverted)) { inverted = _e.ByToken[j]; first = j; continue; }
                if (t.In(WordLists.Auxiliary)) { first = j; hasAux = true; break; }
                // adverbs between the auxiliary and the verb: "a également demandé", "a à nouveau fait état"
                if (t.In(WordLists.Filler) || t.Classes.Contains('d') && !t.Classes.Contains('n') || t.In(WordLists.Preposition) && j > s0 && _t[j - 1].In(WordLists.Auxiliary)
                    || t.Classes.Contains('a') && !t.Classes.Contains('v') && j > s0 && _t[j - 1].In(WordLists.Preposition)) { first = j; continue; }
                break;
            }
            // "le bilan communiqué" is no cue; "La Russie dit avoir tué…" is
            // (English writes its simple past as the participle: "the prefecture said")
            if (form is { IsParticiple: true } && !hasAux && inverted is null && !(last + 1 < s1 && _fr.Is(_t[last + 1].Lower, "claim-link"))
                && !_fr.Is("finite", "bare-participles")) continue;
            if (last + 1 < s1 && _t[last + 1].Is(TokFlags.Inverted)) { inverted = _e.ByToken[last + 1]; last++; }
            var cue = new Cue { First = first, Last = last };
            var afterComma = first > s0 && _t[first - 1].Lower is "," or "—" or "–";
            if (gerund)
            {
                // "…, a-t-il assuré, annonçant…": a gerund speaks for the subject of the verb before it
                if (previous is not null) (cue.Name, cue.Key) = (previous.Name, previous.Key);
            }
            else if (inverted is not null)
            {
                (cue.Name, cue.Key) = Named(inverted);
                cue.Incise = afterComma || inverted.Last == last;
            }
            else if (afterComma)
            {
                // "…, a annoncé le ministère": the subject after the verb (a definite one or a name: "une hausse" is an object)
                var at = last + 1;
                while (at < s1 && _t[at].Kind == TokKind.Word && (_t[at].In(WordLists.Filler) || _fr.Weekdays.Contains(_t[at].Lower) || _t[at].Classes == "d")) at++;
                if (at < s1 && (_e.At(at) is not null || _fr.Is(_t[at].Lower, "definite")))
                {
                    (cue.Name, cue.Key) = HolderAfter(at, s1, allowPlace: false);
                    cue.Incise = cue.Name is not null;
                }
            }
            if (cue.Name is null && !gerund)
            {
                // "…, the prefecture said": the subject between the comma and the verb
                var subjectStart = InciseSubjectStart(first, last, s1, s0);
                if (subjectStart >= 0)
                {
                    (cue.Name, cue.Key) = HolderAfter(subjectStart, first, allowPlace: true);
                    cue.Incise = cue.Name is not null;
                }
            }
            if (cue.Name is null && !gerund) (cue.Name, cue.Key) = SubjectBefore(first, s0);
            list.Add(cue);
            previous = cue;
            k = last;
        }
        _cues[sentence] = list;
        return list;
    }

    /// <summary>
    /// Whether the verb at <paramref name="k"/> opens a clause, a quotation or a list within a few words (over adverbs
    /// and fillers): "reconnaissait que…", "a reconnu avoir…", "a reconnu : « … »"; or stands in an incise ("…, a
    /// reconnu le ministère").
    /// </summary>
    private bool OpensClause(int k, int s0, int s1)
    {
        for (var j = k - 1; j >= s0 && j >= k - 4; j--)
        {
            if (_t[j].Lower is "," or "—" or "–") return true;
            if (!(_t[j].In(WordLists.Auxiliary) || _t[j].In(WordLists.Filler) || _t[j].Classes == "d" || _t[j].Lower is "ne" or "n'")) break;
        }
        for (var j = k + 1; j < s1 && j < k + 5; j++)
        {
            var t = _t[j];
            if (t.Kind == TokKind.Punct) return t.Lower is ":" or "«" or "\"" or "“" or ",";
            if (_fr.Is(t.Lower, "claim-link") || t.Is(TokFlags.Inverted)) return true;
            if (!(t.In(WordLists.Filler) || t.Classes == "d" || t.In(WordLists.Auxiliary))) return false;
        }
        return true;
    }

    /// <summary>Where the subject of ", the prefecture said" starts: just after a comma at most five words before the verb.</summary>
    private int InciseSubjectStart(int verbFirst, int verbLast, int s1, int s0)
    {
        // the verb of an incise ends its clause: "…, the prefecture said." / "…, firefighters said on Wednesday."
        // (an object after the verb, a number or a determiner, says it is no incise: "…, quand la direction propose 2,8 %")
        var ends = false;
        for (var j = verbLast + 1; j <= verbLast + 5; j++)
        {
            if (j >= s1 || _t[j].Kind == TokKind.Punct && _t[j].Lower is "," or "." or ";" or ":" or "!" or "?" or "»" or "\"" or "”") { ends = true; break; }
            if (_t[j].Kind != TokKind.Word || _t[j].In(WordLists.ClauseIntroducer) || _fr.Is(_t[j].Lower, "claim-link") || _t[j].In(WordLists.Auxiliary)
                || _t[j].In(WordLists.Determiner) || _t[j].Number is not null) break;
        }
        if (!ends) return -1;
        for (var j = verbFirst - 1; j >= s0 && j >= verbFirst - 6; j--)
        {
            if (_t[j].Lower == ",") return j + 1 < verbFirst && !_fr.Is(_t[j + 1].Lower, "scope-stop") ? j + 1 : -1;
            if (_t[j].Kind != TokKind.Word || Quoted(j)) return -1;
            if (_t[j].Speech is not null || _t[j].In(WordLists.Auxiliary) && j < verbFirst - 1) return -1;
        }
        return -1;
    }

    private (string?, string?) Named(Mention m)
    {
        if (m.Via == "pronoun" && m.Entity is null)
        {
            // "Selon elle, …": the person last named before, of the pronoun's gender
            for (var k = m.First - 1; k >= 0 && k >= m.First - 80; k--)
                if (_e.At(k) is { Type: EntityType.Person, Entity: { } person } o && o.Via != "pronoun" && (m.Gender == '\0' || person.Gender == '\0' || person.Gender == m.Gender))
                    return (person.Name, person.Key);
            return (null, null);
        }
        return (m.Entity?.Name ?? m.Text, m.Entity?.Key);
    }

    /// <summary>
    /// The holder named from <paramref name="k"/> on: the first mention of a person or a body (not governed by a
    /// preposition other than "de"/"par"), else the noun phrase there ("les sapeurs-pompiers").
    /// </summary>
    private (string?, string?) HolderAfter(int k, int limit, bool allowPlace)
    {
        var reach = Math.Min(limit, k + 12);
        if (k < reach && CapitalisedAt(k, reach) is { Item1: not null } capitalised) return capitalised;
        for (var j = k; j < reach; j++)
        {
            var t = _t[j];
            if (Quoted(j)) break;
            if (t.Kind == TokKind.Punct)
            {
                if (t.Lower is "(" or ")" or "'" ) continue;
                break;
            }
            // "a déclaré sur RTL", "told Reuters": the medium or the one spoken to
            if (j > k && _t[j - 1].In(WordLists.Preposition) && !IsOfOrBy(_t[j - 1].Lower) && _e.At(j) is { } governed)
            {
                j = Math.Max(j, governed.Last);
                continue;
            }
            if (_e.At(j) is { } m && (allowPlace || m.Type != EntityType.Place))
            {
                var named = Named(m);
                if (named.Item1 is not null) return named;
            }
            if (_e.At(j) is { } place && place.Type == EntityType.Place) { j = Math.Max(j, place.Last); continue; }
            if (j == k || t.In(WordLists.Determiner) || t.In(WordLists.Filler) || t.Classes == "d" || IsOfOrBy(t.Lower))
            {
                if (j == k && !(t.In(WordLists.Determiner) || t.In(WordLists.Filler) || t.Classes == "d") && t.Kind == TokKind.Word && IsHolderNoun(t) && !_fr.Is(t.Lower, "report")) return NounPhrase(j, reach);
                continue;
            }
            // "selon un nouveau bilan communiqué par la préfecture": the report's author
            if (t.Kind == TokKind.Word && _fr.Is(t.Lower, "report")) continue;
            // "selon un décompte de Médiapulse": a capitalised name after "de" / "par"
            if (t.IsCap && j > k && (_fr.Is(_t[j - 1].Lower, "of") || _fr.Is(_t[j - 1].Lower, "agent")) && CapitalisedAt(j, reach) is { Item1: not null } author) return author;
            if (t.Kind == TokKind.Word && IsHolderNoun(t) && AfterDeterminer(j, k)) return NounPhrase(j, reach);
            if (t.Kind == TokKind.Word && (t.Speech is not null || t.Classes == "v")) break;
        }
        return (null, null);
    }

    /// <summary>"de", "du", "par", "of", "by": words that tie a holder to what it names or does (figure-words roles of, complement, agent).</summary>
    private bool IsOfOrBy(string lower) => _fr.Is(lower, "of") || _fr.Is(lower, "complement") || _fr.Is(lower, "agent");

    /// <summary>"selon L214": a capitalised name the entity stage left alone, right at <paramref name="k"/>.</summary>
    private (string?, string?) CapitalisedAt(int k, int reach)
    {
        var t = _t[k];
        if (t.Kind != TokKind.Word || !t.IsCap || t.In(WordLists.Determiner) || _e.At(k) is not null || t.Speech is not null) return (null, null);
        var end = k;
        while (end + 1 < reach && _t[end + 1].Kind == TokKind.Word && _t[end + 1].IsCap && _e.At(end + 1) is null) end++;
        var name = _a.Span(k, end);
        return (name, SlugLater);
    }

    /// <summary>A determiner before <paramref name="j"/>, over adjectives ("the regional prefecture").</summary>
    private bool AfterDeterminer(int j, int floor)
    {
        for (var m = j - 1; m >= floor && m >= j - 3; m--)
        {
            if (_t[m].In(WordLists.Determiner)) return true;
            if (_t[m].Kind != TokKind.Word || !_t[m].Classes.Contains('a') || _t[m].IsCap) return false;
        }
        return false;
    }

    /// <summary>A common noun (or, where the lexicon has no word classes, a content word) that can name a holder; a noun
    /// that names a time ("au lendemain de l'annonce") never does.</summary>
    private bool IsHolderNoun(Tok t) => !t.IsCap && (t.Classes.Contains('n') || t.Classes.Length == 0 && t.Lower.Length > 2 && t.Speech is null)
                                        && !t.In(WordLists.Preposition) && !t.In(WordLists.Determiner)
                                        && !_fr.Is(t.Lower, "time-noun") && !_fr.Weekdays.Contains(t.Lower);

    /// <summary>"sapeurs-pompiers de la Haute-Combrelle", "service de prévision des crues": a noun, its adjectives and its "de" complements.</summary>
    private (string?, string?) NounPhrase(int head, int limit)
    {
        var end = head;
        for (var m = head + 1; m < limit && m <= head + 5; m++)
        {
            var t = _t[m];
            if (t.Kind != TokKind.Word || Quoted(m)) break;
            if (_fr.Is(t.Lower, "complement") && m + 1 < limit && (_t[m + 1].IsCap || _t[m + 1].In(WordLists.Determiner) && m + 2 < limit && _t[m + 2].IsCap)) continue;
            if (t.In(WordLists.Determiner) && m > head + 1 && _fr.Is(_t[m - 1].Lower, "of")) continue;
            // a common noun after "de" says which one: "service de prévision des crues" is one holder, not "service"
            if (_fr.Is(t.Lower, "complement") && m + 1 < limit && _t[m + 1].Kind == TokKind.Word && _t[m + 1].Classes.Contains('n')
                && IsHolderNoun(_t[m + 1]) && _t[m + 1].Speech is null && !Quoted(m + 1)) { end = ++m; continue; }
            if (t.IsCap && m > head + 1 && (_fr.Is(_t[m - 1].Lower, "complement") || _t[m - 1].In(WordLists.Determiner))) { end = m; continue; }
            if (t.Classes.Contains('a') && !t.Classes.Contains('v') && !t.IsCap) { end = m; continue; }
            // a word the lexicon gives no class ("regional prefecture", "interior ministry")
            if (t.Classes.Length == 0 && !t.IsCap && t.Lower.Length > 2 && t.Speech is null && !_fr.ClaimVerbs.Contains(t.Lower)) { end = m; continue; }
            break;
        }
        var name = _a.Span(head, end);
        return (name, SlugLater);
    }

    /// <summary>The subject of a verb group starting at <paramref name="verbFirst"/>, searched backwards in its sentence.</summary>
    private (string?, string?) SubjectBefore(int verbFirst, int s0)
    {
        var j = verbFirst - 1;
        while (j >= s0 && _t[j].Kind == TokKind.Word && (_t[j].In(WordLists.Filler) || _fr.Is(_t[j].Lower, "clitic")))
        {
            if (_e.At(j) is { Via: "pronoun" } direct) return Named(direct);
            j--;
        }
        // "X, qui revendique…": the relative pronoun stands for the noun before it
        if (j >= s0 && _t[j].Lower is "qui" or "who" or "which" && j - 1 >= s0)
        {
            j--;
            if (_t[j].Lower == ",") j--;
            if (j >= s0 && _t[j].Lower == ")")
                while (j > s0 && _t[j].Lower != "(") j--;
            if (j >= s0 && _t[j].Lower == "(") j--;
        }
        // right before the verb even a country can speak ("La Russie dit avoir tué…")
        if (j >= s0 && _e.At(j) is { InQuote: false } m && !(m.Type == EntityType.Place && m.First > s0 && _t[m.First - 1].In(WordLists.Preposition))) return Named(m);
        if (j >= s0 && _t[j].Kind == TokKind.Word && IsHolderNoun(_t[j]) && j - 1 >= s0 && _t[j - 1].In(WordLists.Determiner)
            && (j - 1 == s0 || _t[j - 2].Kind == TokKind.Punct || _fr.Is(_t[j - 2].Lower, "scope-stop") || _fr.Is(_t[j - 2].Lower, "clause-link")))
            return NounPhrase(j, verbFirst);
        var named = NamedSubjectBefore(j, s0);
        if (named.Item1 is not null) return named;
        // "although the interior ministry in Paris has put…": the noun phrase that opens the clause
        if (j < s0) return (null, null);
        var start = j;
        while (start > s0 && !(_t[start - 1].Kind == TokKind.Punct || _fr.Is(_t[start - 1].Lower, "scope-stop") || _fr.Is(_t[start - 1].Lower, "clause-link"))) start--;
        if (start <= j && _t[start].In(WordLists.Determiner) && start + 1 <= j && IsHolderNoun(_t[start + 1]))
        {
            var end = start + 1;
            while (end + 1 <= j && IsHolderNoun(_t[end + 1]) && !_t[end + 1].In(WordLists.Preposition)) end++;
            var name = _a.Span(start + 1, end);
            return (name, SlugLater);
        }
        return (null, null);
    }

    /// <summary>The nearest mention before <paramref name="j"/> that can be a subject, over relative clauses.</summary>
    private (string?, string?) NamedSubjectBefore(int j, int s0)
    {
        for (var k = j; k >= s0 && k >= j - 30; k--)
        {
            if (Quoted(k)) continue;
            // "Le SPLI, qui revendique 60 % des pilotes de la compagnie, réclame…": over the relative clause
            if (_t[k].Lower == ",")
            {
                for (var q = k - 1; q >= s0 && q >= k - 20; q--)
                {
                    if (_t[q].Lower is "qui" or "who" or "which" && q > s0 && _t[q - 1].Lower is "," or ")") { k = q - 1; break; }
                    if (_t[q].Lower is "," or ";" or ":") break;
                }
                continue;
            }
            var o = _e.At(k);
            if (o is null || o.Type == EntityType.Place) continue;
            var before = Math.Min(o.First, o.RoleFirst >= 0 ? o.RoleFirst : o.First) - 1;
            while (before >= s0 && _t[before].In(WordLists.Determiner) && !_t[before].In(WordLists.Preposition)) before--;
            if (before >= s0 && _t[before].In(WordLists.Preposition)) { k = Math.Min(k, o.First); continue; } // "de la compagnie"
            if (o.SubjectLike || o.InQuote && !Quoted(o.First) || o.Via is "pronoun")
            {
                var named = Named(o);
                if (named.Item1 is not null) return named;
            }
            k = Math.Min(k, o.First);
        }
        return (null, null);
    }
}
