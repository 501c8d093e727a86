using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The quotation finder's unnamed speakers: a description that names someone who can speak ("la propriétaire", "one
/// survey respondent"), in an incise after the marks, and the pronouns that go on speaking for it.
/// </summary>
public sealed partial class QuoteFinder
{
    /// <summary>The gender a description's role noun ("gagnante") or determiner ("la", "le") gives, else none.</summary>
    private char DescriptionGender(Mention description)
    {
        for (var k = description.First; k <= description.Last; k++)
        {
            if (_t[k].Kind != TokKind.Word) continue;
            if (k > description.First && _t[k].In(WordLists.Preposition)) break;
            if (_r.Roles.MatchAt(_t, k, out var info) > 0 && info.Gender is 'm' or 'f') return info.Gender;
        }
        return _r.Determiners.TryGetValue(_t[description.First].Lower, out var gn) && gn.Length > 0 && gn[0] is 'm' or 'f' ? gn[0] : '\0';
    }

    /// <summary>
    /// «…» anticipe la propriétaire, auprès du Parisien: right after the marks (a comma allowed), a verb the speech data
    /// does not know, then a description of someone who can speak that ends the clause. Incise position and a speaking
    /// noun tie it to the marks.
    /// </summary>
    private Mention? DescriptionIncise(QuotePair p)
    {
        if (p.Unclosed || p.CloseTok + 2 >= _t.Count) return null;
        var k = p.CloseTok + 1;
        if (_t[k].Lower == ",") k++;
        if (k + 1 >= _t.Count || _t[k].Kind != TokKind.Word || _t[k].IsCap || _t[k].Sentence != _t[p.CloseTok].Sentence) return null;
        if (!_t[k].CanBeFiniteVerb || _t[k].In(WordLists.Auxiliary) || _t[k].In(WordLists.FunctionWord)) return null;
        if (DescriptionAfter(k + 1) is not { } described || !NamesSomeoneWhoSpeaks(described) || _rules.IsPluralDeterminer(_t[described.First].Lower)) return null;
        var after = described.Last + 1;
        return after >= _t.Count || _t[after].Kind == TokKind.Punct ? described : null;
    }

    /// <summary>
    /// "a déclaré ce dernier", "cette dernière a répondu": a description that points at the person named last outside
    /// the marks before it, of its gender; null when it is no such anaphor or nobody fits.
    /// </summary>
    private Mention? LastNamedAntecedent(Mention description)
    {
        if (description.Last != description.First + 1 || !_rules.IsLastNamedAnaphor(_t[description.First].Lower, _t[description.Last].Lower, out var gender)) return null;
        for (var i = _e.Mentions.Count - 1; i >= 0; i--)
        {
            var m = _e.Mentions[i];
            if (m.Last >= description.First || m.InQuote || m.Via == "pronoun" || m.Number == 'p') continue;
            if (m.Entity is not { Type: EntityType.Person } c) continue;
            return c.Gender == '\0' || c.Gender == gender ? m : null;
        }
        return null;
    }

    /// <summary>
    /// A singular definite description of a person in a cue's subject slot ("la gagnante", "l'animateur") that no
    /// name stands beside: the only person of its gender the article named before it, when there is exactly one; the
    /// description as written when a person of the other gender was linked to it; else as it is.
    /// </summary>
    private Mention ResolvedDescription(Mention described)
    {
        var gender = DescriptionGender(described);
        if (gender is not ('m' or 'f') || IsAnonymous(described) || StandsApart(described) || !DescribesAPerson(described) && !HeadsAsPerson(described)) return described;
        var conflicts = described.Entity is { Gender: 'm' or 'f' } linked && linked.Gender != gender;
        if (described.Entity is not null && !conflicts) return described;
        Mention? only = null;
        foreach (var m in _e.Mentions)
        {
            if (m.First >= described.First) break;
            if (m.InQuote || m.Via is not ("name" or "title" or "surname") || m.Entity is not { Type: EntityType.Person } c || m.Number == 'p') continue;
            if (c.Gender != '\0' && c.Gender != gender) continue;
            if (only is not null && only.Entity != c) return conflicts ? Unlinked(described) : described;
            only = m;
        }
        return only ?? (conflicts ? Unlinked(described) : described);
    }

    /// <summary>A description whose nouns name no body and no work, in a speech verb's subject slot: someone who speaks ("la gagnante").</summary>
    private bool HeadsAsPerson(Mention description)
    {
        var noun = false;
        for (var k = description.First + 1; k <= description.Last; k++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word || t.In(WordLists.Preposition)) break;
            if (t.In(WordLists.OrganisationHead) || t.In(WordLists.WorkCue)) return false;
            noun |= t.Classes.Contains('n');
        }
        return noun;
    }

    private static Mention Unlinked(Mention m) => new()
    {
        First = m.First, Last = m.Last, Start = m.Start, End = m.End, Type = m.Type, Via = "descriptor", Text = m.Text, Gender = m.Gender,
        SubjectLike = m.SubjectLike, InQuote = m.InQuote,
    };

    /// <summary>"… anticipe la propriétaire. «…» explique-t-elle": a pronoun of fitting gender goes on for the description that spoke last.</summary>
    private static bool PronounFits(char pronoun, char description) => pronoun == '\0' || description == '\0' || pronoun == description;

    /// <summary>Is the speaker found for the marks the previous quotation's person, whom a singular description of fitting gender may stand for?</summary>
    private bool RefersBack(QuotePair p, Mention description) =>
        p.Speaker?.Entity is { Type: EntityType.Person } person && PreviousQuotation(p)?.Speaker?.Entity == person && !StandsApart(description)
        && PronounFits(DescriptionGender(description), person.Gender) && DescribesAPerson(description);

    /// <summary>Does the description hold a role noun or a nationality ("le cinéaste", "le jeune Français"), not a document or a body?</summary>
    private bool DescribesAPerson(Mention description)
    {
        for (var k = description.First; k <= description.Last; k++)
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) continue;
            if (k > description.First && t.In(WordLists.Preposition)) break;
            if (t.In(WordLists.OrganisationHead)) return false;
            if (_r.Roles.EndsWith(t.Lower) || t.IsCap && t.In(WordLists.Nationality)) return true;
        }
        return false;
    }

    /// <summary>The previous quotation's speaker when it is a body, two sentences before at most, with no person named since.</summary>
    private Mention? BodyThatJustSpoke(QuotePair p)
    {
        if (PreviousQuotation(p) is not { Speaker: { Entity.Type: EntityType.Organisation } body } prev || prev.CloseTok >= _t.Count) return null;
        return _t[prev.CloseTok].Sentence >= _t[p.OpenTok].Sentence - 2 && NoPersonSince(prev.CloseTok, p.OpenTok) ? body : null;
    }

    /// <summary>
    /// Does the cue ask, or speak to someone named by an object pronoun ("lui a demandé le journaliste")? The one
    /// addressed is then the person the article is about, and the description someone else.
    /// </summary>
    private bool AddressesSomeone(Cue? cue) =>
        cue is not null && (AsksQuestion(cue) || cue.FirstTok > 0 && _t[cue.FirstTok - 1].Kind == TokKind.Word && _rules.IsObjectPronoun(_t[cue.FirstTok - 1].Lower));
}
