using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The quotation finder's structural ties between marks and a speaker that need no speech verb the data knows: the
/// incise after the closing mark, the sentence a colon ends, a bare name in a cue's subject slot.
/// </summary>
public sealed partial class QuoteFinder
{
    /// <summary>
    /// Is the mention (with its role words) inside a clause that "que" or a subject relative opens, with no comma
    /// between ("X sait que Y est…", "X, qui répondait à une question du député Y, a appelé…")? It is then the
    /// subject of what is reported or of an aside, not of the sentence that leads to the marks.
    /// </summary>
    private bool InSubordinateClause(Mention m)
    {
        var first = m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First;
        var start = _a.SentenceStartTok(_t[first].Sentence);
        for (var k = first - 1; k >= start; k--)
        {
            var t = _t[k];
            if (t.Kind == TokKind.Punct && t.Lower is "," or ";" or ":" or "(" or ")" || IsQuoteMarkTok(k)) return false;
            if (t.Kind == TokKind.Word && (_rules.IsComplementizer(t.Lower) || _rules.IsSubjectRelative(t.Lower))) return true;
        }
        return false;
    }

    /// <summary>
    /// The person named in apposition after a description, past the words completing it and one comma ("le directeur
    /// de l'association Adopte un château, Julien Marquis"); null when a verb or other punctuation comes first.
    /// </summary>
    private Mention? NameAfterDescription(Mention description)
    {
        for (var k = description.Last + 1; k < _t.Count && k <= description.Last + NameAfterDescriptionReach; k++)
        {
            var t = _t[k];
            if (t.Lower == ",")
                return k + 1 < _t.Count && _e.At(k + 1) is { Type: EntityType.Person, Via: "name" or "title" or "surname" } named && named.First == k + 1 ? named : null;
            if (t.Kind != TokKind.Word || _a.Enclosing[k] is not null || t.Speech is not null || t.In(WordLists.Auxiliary)
                || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a') && !t.IsCap) return null;
        }
        return null;
    }

    /// <summary>How many words may complete a description before the comma of its apposed name.</summary>
    private const int NameAfterDescriptionReach = 8;

    /// <summary>Does the mention (with its role words) open its sentence, or the clause after a comma?</summary>
    private bool OpensClause(Mention m)
    {
        var first = m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First;
        var start = _a.SentenceStartTok(_t[first].Sentence);
        var k = first - 1;
        // (its determiner)
        if (k >= start && _t[k].Kind == TokKind.Word && _t[k].In(WordLists.Determiner) && !_t[k].In(WordLists.Preposition)) k--;
        return k < start || _t[k].Kind == TokKind.Punct && _t[k].Lower is "," or ";" or ":";
    }

    /// <summary>
    /// The person or body named right after the closing mark (a comma allowed), past a short run of lower-case words
    /// that opens on a verb or a clitic ("a tweeté le ministre de l'Intérieur X", "s'enthousiasme X", "affirme à l'AFP
    /// X"), in the same sentence, the name ending it or followed by punctuation.
    /// </summary>
    private Mention? InciseSpeaker(QuotePair p)
    {
        if (p.Unclosed || p.CloseTok + 2 >= _t.Count) return null;
        var k = p.CloseTok + 1;
        if (_t[k].Lower == ",") k++;
        if (k >= _t.Count || _t[k].Kind != TokKind.Word || _t[k].IsCap || _t[k].Sentence != _t[p.CloseTok].Sentence) return null;
        // «…», pour X.: a preposition and a person closing the sentence name whose view the marks give
        if (_t[k].In(WordLists.Preposition) && k + 1 < _t.Count && _e.At(k + 1) is { Type: EntityType.Person, Via: not "pronoun", Entity: not null } holder
            && (holder.RoleFirst < 0 || holder.RoleFirst >= k + 1) && (holder.Last + 1 >= _t.Count || _t[holder.Last + 1].Lower is "." or "!" or "?" or ";")) return holder;
        // (a lone lower-case word the lexicon does not know as a verb, right before a person, is the verb of the incise too:
        // "«…,” instructed Milton Velez, the agency's supervisor")
        var loneVerb = _t[k].Kind == TokKind.Word && !_t[k].In(WordLists.FunctionWord) && !_t[k].In(WordLists.Determiner) && !_t[k].In(WordLists.Preposition)
                       && _e.At(k + 1) is { Type: EntityType.Person, Via: "name", Entity: not null } lone && lone.First == k + 1;
        if (!(loneVerb || _t[k].CanBeFiniteVerb || _t[k].In(WordLists.Auxiliary) || _rules.IsCliticBeforeVerb(_t[k].Lower) || _rules.IsReflexivePronoun(_t[k].Lower))) return null;
        var verb = false;
        for (var j = k; j < _t.Count && j <= k + InciseReach; j++)
        {
            if (_t[j].Kind != TokKind.Word || _a.Enclosing[j] is not null) return null;
            if (_e.At(j) is not { Type: EntityType.Person or EntityType.Organisation } m || m.Via == "pronoun")
            {
                verb |= loneVerb || _t[j].CanBeFiniteVerb || _t[j].In(WordLists.Auxiliary) || _t[j].Classes.Contains('p');
                continue;
            }
            if (m.Entity is null && m.Via != "role" || !verb) return null;
            // (a body after a preposition is spoken to: "affirme à l'AFP X")
            var first = m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First;
            var before = first - 1;
            if (before > k && _t[before].In(WordLists.Determiner) && !_t[before].In(WordLists.Preposition)) before--;
            if (before >= k && (_t[before].In(WordLists.Preposition) || _rules.IsFusedPreposition(_t[before].Lower)) && m.Type == EntityType.Organisation)
            {
                j = m.Last;
                continue;
            }
            var after = m.Last + 1;
            // (the name ends the incise: punctuation, the sentence's end, or a gerund going on "a tweeté la Nasa en annonçant")
            return after >= _t.Count || _t[after].Kind == TokKind.Punct || _t[after].Sentence != _t[m.Last].Sentence || _rules.IsGerundMarker(_t[after].Lower) ? m : null;
        }
        return null;
    }

    /// <summary>
    /// For marks right after a colon: the person or body that opens the colon's sentence as its subject (an entity, or a
    /// description before the sentence's first verb: "One survey respondent summed this up as follows:"), when no other
    /// quotation stands between.
    /// </summary>
    private Mention? ColonSentenceSubject(QuotePair p)
    {
        var colon = p.OpenTok - 1;
        if (colon < 1 || _t[colon].Lower != ":") return null;
        var start = _a.SentenceStartTok(_t[colon].Sentence);
        for (var j = start; j < colon; j++)
        {
            if (_a.Enclosing[j] is not null || IsQuoteMarkTok(j)) return null;
            if (_e.At(j) is { Type: EntityType.Person or EntityType.Organisation } m && m.SubjectLike && (m.Entity is not null || m.Via == "role"))
            {
                if (m.Via == "pronoun" && m.Entity is not { Type: EntityType.Person or EntityType.Organisation }) return null;
                return OpensClause(m) && _t[m.First].Sentence == _t[colon].Sentence ? m : null;
            }
            if (_t[j].Kind == TokKind.Word && (_t[j].In(WordLists.Auxiliary) || _t[j].CanBeFiniteVerb && !_t[j].Classes.Contains('n') && !_t[j].Classes.Contains('a')))
                return j > start && DescriptionBefore(j) is { } described && described.First == start && StandsApart(described) ? described : null;
        }
        return null;
    }

    /// <summary>An organisation named within a few words after an indefinite subject, in its sentence ("peut-on lire en Une du magazine Voici").</summary>
    private Mention? BodyReadIn(Mention indefinite)
    {
        for (var j = indefinite.Last + 1; j < _t.Count && j <= indefinite.Last + InciseReach; j++)
        {
            if (_t[j].Kind != TokKind.Word || _a.Enclosing[j] is not null || _t[j].Sentence != _t[indefinite.Last].Sentence) return null;
            if (_e.At(j) is { Type: EntityType.Organisation, Via: not "pronoun" } body && body.Entity is not null) return body;
        }
        return null;
    }

    /// <summary>How many words an incise's verb group and the words before its subject may take ("a tweeté le ministre de l'Intérieur").</summary>
    private const int InciseReach = 7;

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

    /// <summary>
    /// A capitalised word or two the entities do not hold, right before the cue's verb or right after an inverted one
    /// ("” Hicks said", "said Hicks."): the subject slot holds a name, so it speaks as written rather than someone chained.
    /// </summary>
    private Mention? BareNameSubject(Cue cue)
    {
        if (cue.Joined) return null;
        int first, last;
        if (cue.LastTok + 1 < _t.Count && IsBareName(cue.LastTok + 1))
        {
            first = last = cue.LastTok + 1;
            while (last + 1 < _t.Count && last - first < 2 && IsBareName(last + 1)) last++;
            if (last + 1 < _t.Count && _t[last + 1].Kind == TokKind.Word && _t[last + 1].Sentence == _t[last].Sentence) return null;
        }
        else if (cue.FirstTok >= 1 && IsBareName(cue.FirstTok - 1))
        {
            first = last = cue.FirstTok - 1;
            while (first - 1 >= 0 && last - first < 2 && IsBareName(first - 1)) first--;
            // (the name opens its clause: after a closing mark, a comma or the sentence's start)
            var before = first - 1;
            if (before >= 0 && !IsCloseTok(before) && _t[before].Lower != "," && _a.SentenceStartTok(_t[first].Sentence) != first) return null;
        }
        else return null;
        return new Mention { First = first, Last = last, Start = _t[first].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(first, last) };
    }

    /// <summary>A capitalised word no entity holds that is no function word, pronoun or determiner, outside quotation marks.</summary>
    private bool IsBareName(int k)
    {
        var t = _t[k];
        return t.Kind == TokKind.Word && t.IsCap && !t.Is(WordFlags.AllCaps) && _e.At(k) is null && _a.Enclosing[k] is null
               && !t.In(WordLists.FunctionWord) && !t.In(WordLists.Determiner) && !t.In(WordLists.Preposition) && !t.In(WordLists.Auxiliary)
               && !t.In(WordLists.Filler) && !t.In(WordLists.ClauseMarker) && !t.In(WordLists.Month) && !_rules.IsObjectPronoun(t.Lower)
               && !_rules.IsIndefinitePronoun(t.Lower) && t.Speech is null;
    }

    /// <summary>
    /// Marks inside a clause's predicate with no cue of their own: the description that opens the clause as the subject
    /// of its verb ("L'entreprise s'est défendue en jugeant les « … »", "One survey respondent identified “…”"), when no
    /// person or body the entities hold stands in the subject slot. The clause's subject says whose words they are more
    /// surely than a person named sentences before.
    /// </summary>
    private Mention? ClauseSubjectDescription(QuotePair p)
    {
        var sentence = _t[p.OpenTok].Sentence;
        var start = _a.SentenceStartTok(sentence);
        for (var k = start + 1; k < p.OpenTok; k++)
        {
            if (_a.Enclosing[k] is not null || IsQuoteMarkTok(k)) return null;
            var t = _t[k];
            if (t.Kind != TokKind.Word || !(t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n') && !t.Classes.Contains('a'))) continue;
            // (a person or body held by the entities before the verb is the chain's business)
            if (_e.At(k - 1) is { Type: EntityType.Person or EntityType.Organisation }) return null;
            if (DescriptionBefore(k) is { } described) return NamesSomeoneWhoSpeaks(described) ? described : null;
        }
        return null;
    }

    /// <summary>Does the description hold, before any preposition, a role noun or an organisation's head noun ("la collectivité", "one survey respondent")? "Le clip" or "son but" speak for nobody.</summary>
    private bool NamesSomeoneWhoSpeaks(Mention description)
    {
        for (var k = description.First; k <= description.Last; k++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) continue;
            if (k > description.First && t.In(WordLists.Preposition)) return false;
            if (t.In(WordLists.OrganisationHead) || _r.Roles.EndsWith(t.Lower)) return true;
            // (a plural of either: "les chercheurs", "quelques internautes")
            if (t.Lower.Length > 3 && t.Lower[^1] is 's' or 'x' && (_r.OrganisationHeads.Contains(t.Lower[..^1]) || _r.Roles.EndsWith(t.Lower[..^1]))) return true;
        }
        return false;
    }

    /// <summary>
    /// "explique Jamie, une manifestante", "said Senator Mark Warner, a Virginia Democrat": a description in apposition
    /// after a name describes that name's bearer; the name, held by the entities or not, is the speaker.
    /// </summary>
    private Mention? ApposedName(Mention m)
    {
        var k = (m.RoleFirst >= 0 ? Math.Min(m.RoleFirst, m.First) : m.First) - 1;
        var determiner = k >= 0 && _t[k].Kind == TokKind.Word && _t[k].In(WordLists.Determiner) && !_t[k].In(WordLists.Preposition);
        if (determiner) k--;
        // (a name after a comma is no description: "Le neveu de Vincent Lambert, François Lambert, a fait part")
        if (!determiner && m.Via is not ("role" or "descriptor")) return null;
        if (k < 1 || _t[k].Lower != ",") return null;
        var last = k - 1;
        if (_e.At(last) is { Type: EntityType.Person, Via: not "pronoun" } named && named != m) return named;
        // (a bare name is a capitalised word the lexicon does not know, mid-sentence: not "Thursday", not a sentence's first word)
        if (!IsBareName(last) || _t[last].InLexicon) return null;
        var first = last;
        while (first - 1 >= 0 && last - first < 2 && IsBareName(first - 1) && !_t[first - 1].InLexicon) first--;
        if (first == _a.SentenceStartTok(_t[first].Sentence)) return null;
        return new Mention { First = first, Last = last, Start = _t[first].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(first, last) };
    }

    /// <summary>
    /// «…,” Forte said / «…?” Forte said. / «…” in that law, Azzouz said.: a capitalised word or two the entities do not
    /// hold, then a speech verb (an auxiliary or adverb between), right after the marks and a comma or the marks' own
    /// closing punctuation, or closing the marks' sentence after a comma: the incise written subject first holds a name.
    /// </summary>
    private Mention? BareNameBeforeSpeechVerb(QuotePair p)
    {
        if (p.Unclosed || p.CloseTok + 2 >= _t.Count) return null;
        var k = p.CloseTok + 1;
        var inside = p.CloseTok >= 1 ? _t[p.CloseTok - 1].Lower : "";
        var comma = inside == ",";
        if (_t[k].Lower == ",") { comma = true; k++; }
        // (after "?" or "!" inside the marks the incise must end its sentence: "«…?” Forte said.")
        if (comma || inside is "?" or "!") return BareNameIncise(k, mustEnd: !comma);
        // the sentence the marks sit in closes on ", Name said."
        var end = _a.SentenceEndTok(_t[p.CloseTok].Sentence);
        for (var j = Math.Min(end, _t.Count) - 1; j > k; j--)
        {
            if (_a.Enclosing[j] is not null || IsQuoteMarkTok(j)) return null;
            if (_t[j].Lower == ",") return BareNameIncise(j + 1, mustEnd: true);
        }
        return null;
    }

    private Mention? BareNameIncise(int k, bool mustEnd)
    {
        if (k + 1 >= _t.Count) return null;
        // (a person the entities hold, or a bare name)
        var held = _e.At(k) is { Type: EntityType.Person, Via: not "pronoun", InQuote: false } m && m.First == k ? m : null;
        if (held is null && !IsBareName(k)) return null;
        var last = held?.Last ?? k;
        while (held is null && last + 1 < _t.Count && last - k < 2 && IsBareName(last + 1)) last++;
        var v = last + 1;
        while (v < _t.Count && v <= last + 2 && _t[v].Kind == TokKind.Word && (_t[v].In(WordLists.Auxiliary) || _t[v].In(WordLists.Filler)) && _t[v].Speech is null) v++;
        if (VerbGroupAt(v) is not { } verb) return null;
        if (mustEnd && verb.LastTok + 1 < _t.Count && !(_t[verb.LastTok + 1].Kind == TokKind.Punct && _t[verb.LastTok + 1].Lower is "." or "!" or "?" or ";")) return null;
        return held ?? new Mention { First = k, Last = last, Start = _t[k].Start, End = _t[last].End, Type = EntityType.Person, Via = "descriptor", Text = _a.Span(k, last) };
    }
}
