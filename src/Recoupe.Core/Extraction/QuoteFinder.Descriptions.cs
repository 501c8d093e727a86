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

    /// <summary>"… anticipe la propriétaire. «…» explique-t-elle": a pronoun of fitting gender goes on for the description that spoke last.</summary>
    private static bool PronounFits(char pronoun, char description) => pronoun == '\0' || description == '\0' || pronoun == description;
}
