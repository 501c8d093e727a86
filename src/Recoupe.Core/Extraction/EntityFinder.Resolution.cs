using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>Pronouns, and the resolution of roles and pronouns to the people they stand for.</summary>
public sealed partial class EntityFinder
{
    private void FindPronouns()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            var t = _t[i];
            if (t.Kind != TokKind.Word || ByToken[i] is not null) continue;
            var len = _r.Pronouns.MatchAt(_t, i, out var info);
            if (len == 0) continue;
            var last = i + len - 1;
            bool attributes;
            if (t.Is(WordFlags.Inverted)) attributes = true;
            else if (info.Use == "stressed") attributes = i > 0 && (_r.ClaimCues.MatchEndingAt(_t, i - 1, out _) > 0 || _lang.IsViewIntroducer(_t[i - 1].Lower));
            // ("selon elle": a subject form that is also the stressed one)
            else attributes = IsSpeechSubject(last) || FollowedByVerb(last) || i > 0 && _r.ClaimCues.MatchEndingAt(_t, i - 1, out _) > 0;
            if (!attributes) continue;
            var m = AddMention(i, last, EntityType.Person, "pronoun");
            m.Gender = info.Gender;
            m.Number = info.Number;
            m.SubjectLike = !m.InQuote;
            i = last;
        }
    }

    private static bool GenderFits(char want, char have) => want == '\0' || have == '\0' || want == have;

    private void ResolveRolesAndPronouns()
    {
        for (var idx = 0; idx < Mentions.Count; idx++)
        {
            var m = Mentions[idx];
            if (m.Entity is not null || m.Number == 'p') continue;
            if (m.Via == "role") ResolveRole(m, idx);
            else if (m.Via == "pronoun") ResolvePronoun(m, idx);
        }
    }

    private void ResolveRole(Mention m, int idx)
    {
        var info = m.RoleInfo!;
        var role = m.Role!;
        EntityCluster? pick = null;
        // 1. the same role seen with a name; 2. a role of the same class (and nationality); 3. generic words: the last person
        var generic = info.Class == "generic";
        if (info.Class == "descriptor")
        {
            // "le frère de la victime", "un internaute", "ce journaliste": the one last described so, else someone new,
            // keyed by the description (never a named person it does not describe)
            var describedHead = RoleHead(role);
            var described = LastPerson(idx, c => HasRoleWithHead(c, describedHead), '\0');
            // a person named later with that role ("son fils … son fils Pierre-François Lebrun")
            if (described is null && !_lang.IsSingularIndefinite(_t[m.First].Lower))
                described = NextPerson(idx, c => IsNamed(c) && HasRoleWithHead(c, describedHead), m.Gender);
            // a demonstrative with nothing described before points back to someone named ("cet ancien salarié de PSA")
            if (described is null && _lang.IsDemonstrative(_t[m.First].Lower)) described = LastPerson(idx, IsNamed, m.Gender);
            if (described is null || _lang.IsSingularIndefinite(_t[m.First].Lower))
            {
                described = new EntityCluster { Type = EntityType.Person, Name = role, Key = TextFolding.Slug(role, _lang.KeyDropWords), Gender = m.Gender };
                described.Roles.Add(role);
                described.RoleClasses.Add("descriptor");
                Clusters.Add(described);
            }
            Link(m, described);
            return;
        }
        // the same role: the same words, or the same head noun ("le député" for "le député LREM du Bas-Rhin")
        // (a one-word role by its head; a longer one must open the role it stands for: "chef de l'Etat" is not "chef de file")
        var head = RoleHead(role);
        var folded = TextFolding.Fold(role);
        var manyWords = role.Contains(' ');
        // (loops, not LINQ: the test runs for every person the search meets)
        bool SameRole(EntityCluster c)
        {
            foreach (var r in c.Roles)
                if (string.Equals(r, role, StringComparison.OrdinalIgnoreCase) || (manyWords ? FoldedRole(r).StartsWith(folded, StringComparison.Ordinal) : RoleHead(r) == head))
                    return true;
            return false;
        }
        if (generic)
            pick = LastPerson(idx, IsNamed, m.Gender);
        else
        {
            pick = LastPerson(idx, SameRole, m.Gender) ?? NextPerson(idx, SameRole, m.Gender)
                   ?? LastPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender);
            if (pick is null && info.Class is "head" or "leader")
                pick = LastPerson(idx, c => (c.HasRoleClass("head") || c.HasRoleClass("leader")) && NationalityFits(m, c), m.Gender);
            // 4. a person with no role before, then the last named subject holding no other office ("le député" for the
            //    party leader just quoted); then the same class, then any fitting person after
            // an office ("le Premier ministre", "la ministre") is held by one person the article names with it (before or
            // after); with no holder known it stays the office itself rather than the last person named
            if (pick is null && StrictOffices.Contains(info.Class) && !IsFormerRole(m))
                pick = NextPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender)
                       ?? NewPersonSoonAfter(m, idx)
                       ?? OfficeItself(m, role, info);
            pick ??= LastPerson(idx, c => c.RoleClassCount == 0, m.Gender)
                     ?? LastPerson(idx, c => IsNamed(c) && !c.HasRoleClass(info.Class) && !HoldsOtherOffice(c, info.Class) && NationalityFits(m, c), m.Gender, subjectOnly: true)
                     ?? NextPerson(idx, c => c.HasRoleClass(info.Class) && NationalityFits(m, c), m.Gender)
                     ?? NextPerson(idx, c => c.RoleClassCount == 0, m.Gender);
        }
        if (pick is null) return;
        Link(m, pick);
        if (generic) return;
        if (!pick.Roles.Contains(role)) pick.Roles.Add(role);
        pick.RoleClasses.Add(info.Class);
        if (m.Nationality is not null) pick.Nationalities.Add(m.Nationality);
    }

    /// <summary>Offices resolved only to a person the article gives them to.</summary>
    private static readonly HashSet<string> StrictOffices = new(StringComparer.Ordinal) { "premier", "minister" };

    /// <summary>
    /// A person with no role named shortly after an office mentioned alone ("Le ministre de l'Intérieur s'est rendu…
    /// Étienne Morvan a longé…"): the article introduces the holder. A name that may be a place's (no given name, no
    /// title) is not taken, nor one governed by a preposition.
    /// </summary>
    private EntityCluster? NewPersonSoonAfter(Mention m, int idx)
    {
        const int window = 250;
        for (var k = idx + 1; k < Mentions.Count; k++)
        {
            var o = Mentions[k];
            if (o.First > m.Last + window) break;
            if (o.Entity is not { Type: EntityType.Person } c || o.InQuote || o.Via != "name" && o.Via != "title") continue;
            // a known given name or a title makes it a person for sure (a place's name may pass for one)
            if (c.RoleClassCount > 0 || c.Gender == '\0' || !GenderFits(m.Gender, c.Gender)) continue;
            // (one named after a preposition is a complement, not the one introduced: "la mort de George Floyd")
            if (o.First > 0 && _t[o.First - 1].In(WordLists.Preposition)) continue;
            // (one named in the office's own sentence is someone else: "X n'a pas dit s'il garderait le Premier ministre")
            if (NamedInSentenceBefore(c, idx)) continue;
            return c;
        }
        return null;
    }

    private bool NamedInSentenceBefore(EntityCluster c, int idx)
    {
        var sentence = _t[Mentions[idx].First].Sentence;
        for (var k = idx - 1; k >= 0 && _t[Mentions[k].First].Sentence == sentence; k--)
            if (Mentions[k].Entity == c) return true;
        return false;
    }

    /// <summary>"l'ancien ministre", "l'ex-ministre": a former office, held by many.</summary>
    private bool IsFormerRole(Mention m)
    {
        for (var k = m.First; k < _t.Count && k <= m.Last; k++)
        {
            var w = _t[k].Lower;
            if (_r.FormerMarkers.Contains(w) || w.StartsWith("ex-", StringComparison.Ordinal)) return true;
            if (_r.Roles.MatchAt(_t, k, out _) > 0) break;
        }
        return false;
    }

    /// <summary>An office with no known holder: one cluster per office, keyed by its words ("le Premier ministre").</summary>
    private EntityCluster OfficeItself(Mention m, string role, RoleInfo info)
    {
        var key = TextFolding.Slug(role, _lang.KeyDropWords);
        if (_byKey.TryGetValue(("Office", key), out var c)) return c;
        c = new EntityCluster { Type = EntityType.Person, Name = role, Key = key, Gender = m.Gender };
        c.Roles.Add(role);
        c.RoleClasses.Add("descriptor");
        _byKey[("Office", key)] = c;
        Clusters.Add(c);
        return c;
    }

    /// <summary>Offices one person does not hold together: a minister is not the president.</summary>
    private static readonly HashSet<string> ExclusiveOffices = new(StringComparer.Ordinal) { "head", "premier", "minister", "spokes", "military", "diplomat", "justice" };

    private static bool HoldsOtherOffice(EntityCluster c, string roleClass)
    {
        if (!ExclusiveOffices.Contains(roleClass) || c.RoleClassCount == 0) return false;
        foreach (var r in c.RoleClasses)
            if (r != roleClass && ExclusiveOffices.Contains(r)) return true;
        return false;
    }

    /// <summary>Has the cluster a role with this <see cref="RoleHead"/>?</summary>
    private bool HasRoleWithHead(EntityCluster c, string head)
    {
        foreach (var r in c.Roles)
            if (RoleHead(r) == head) return true;
        return false;
    }

    /// <summary>A person the article names (not one it only describes).</summary>
    private static bool IsNamed(EntityCluster c) => !c.HasRoleClass("descriptor");

    /// <summary>The first word of a role phrase, folded and without a feminine or plural ending: "députée" and "député" meet.</summary>
    private readonly Dictionary<string, string> _roleHeads;
    private readonly Dictionary<string, string> _foldedRoles;

    /// <summary><see cref="HeadOf"/>, once per distinct role in the article (resolution compares roles many times).</summary>
    private string RoleHead(string role)
    {
        if (!_roleHeads.TryGetValue(role, out var head)) _roleHeads[role] = head = HeadOf(role);
        return head;
    }

    private string FoldedRole(string role)
    {
        if (!_foldedRoles.TryGetValue(role, out var folded)) _foldedRoles[role] = folded = TextFolding.Fold(role);
        return folded;
    }

    private static string HeadOf(string role)
    {
        var space = role.IndexOf(' ');
        var word = TextFolding.Fold(space < 0 ? role : role[..space]);
        if (word.StartsWith("ex-", StringComparison.Ordinal)) word = word[3..];
        if (word.Length > 4 && word[^1] == 's') word = word[..^1];
        if (word.Length > 4 && word[^1] == 'e') word = word[..^1];
        return word;
    }

    private static bool NationalityFits(Mention m, EntityCluster c) => m.Nationality is null || c.NationalityCount == 0 || c.HasNationality(m.Nationality);

    private void ResolvePronoun(Mention m, int idx)
    {
        var pick = LastPerson(idx, _ => true, m.Gender, subjectOnly: true) ?? LastPerson(idx, _ => true, m.Gender);
        if (pick is null) return;
        // a pronoun that attributes speech follows the paragraph's speaker chain (the quote stage checks it against the
        // quotation); any other resolves only when one person fits it within reach, else it stays unresolved
        if (!AttributesSpeech(m) && OtherFittingPersonInReach(m, idx, pick)) return;
        Link(m, pick);
    }

    /// <summary>"a-t-elle dit", "elle a déclaré", "selon elle": a pronoun that says whose words or claim these are.</summary>
    private bool AttributesSpeech(Mention m) =>
        _t[m.First].Is(WordFlags.Inverted) || IsSpeechSubject(m.Last) || m.First > 0 && _r.ClaimCues.MatchEndingAt(_t, m.First - 1, out _) > 0;

    /// <summary>Sentences before a pronoun's own that its antecedent may lie in.</summary>
    private const int PronounReach = 2;

    /// <summary>
    /// Is a person other than <paramref name="pick"/>, of a fitting gender, named within the pronoun's sentence or the
    /// <see cref="PronounReach"/> before it? Then the pronoun may be either of them.
    /// </summary>
    private bool OtherFittingPersonInReach(Mention m, int idx, EntityCluster pick)
    {
        var sentence = _t[m.First].Sentence;
        for (var k = idx - 1; k >= 0; k--)
        {
            var o = Mentions[k];
            if (_t[o.First].Sentence < sentence - PronounReach) break;
            if (o.InQuote || o.Number == 'p' || o.Entity is not { Type: EntityType.Person } c) continue;
            if (c != pick && GenderFits(m.Gender, c.Gender)) return true;
        }
        return false;
    }
}
