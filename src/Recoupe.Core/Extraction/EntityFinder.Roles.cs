using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>Role phrases: before or after a name ("le ministre … X", "X, porte-parole de …"), and on their own.</summary>
public sealed partial class EntityFinder
{
    private bool IsDeterminerAfterDe(int k) => k > 0 && _lang.IsBareOf(_t[k - 1].Lower) && _lang.IsArticleAfterOf(_t[k].Lower);

    /// <summary>The role phrase right before a name ("le président russe Vladimir Poutine", "le ministre …, X").</summary>
    private string? RoleBefore(int nameFirst, out int roleFirst, out RoleInfo? info)
    {
        roleFirst = -1;
        info = null;
        var k = nameFirst - 1;
        if (k >= 0 && _t[k].Lower == ",") k--;
        // "chef de l'État", "président de la République": the capitalised word completes the role, it is no name
        if (k < 0 || _t[k].Kind != TokKind.Word || _t[k].In(WordLists.Determiner) || _t[k].In(WordLists.Preposition)) return null;
        var lowest = -1;
        var steps = 0;
        while (k >= 0 && steps < 12 && !_t[k + 1].Is(WordFlags.LineStart))
        {
            var t = _t[k];
            if (t.Kind != TokKind.Word) break;
            if (t.In(WordLists.Determiner) && !IsDeterminerAfterDe(k) && !_lang.IsOf(t.Lower)) break;
            if (t.In(WordLists.Auxiliary) || (t.Speech is not null && !t.IsCap && _r.Roles.MatchAt(_t, k, out _) == 0)) break;
            if (t.In(WordLists.Preposition) && !_lang.IsOf(t.Lower)) break;
            if (ByToken[k] is { Type: EntityType.Person }) break;
            lowest = k;
            k--;
            steps++;
        }
        if (lowest < 0) return null;
        for (var s = lowest; s < nameFirst; s++)
        {
            var len = MatchRole(s, out var ri);
            if (len == 0) continue;
            var end = nameFirst - 1;
            if (_t[end].Lower == ",") end--;
            if (end < s) return null;
            roleFirst = s;
            info = ri;
            return _a.Span(s, end);
        }
        return null;
    }

    /// <summary>An apposition after a name: "Dmitri Peskov, porte-parole du Kremlin,".</summary>
    private bool RoleAfter(int nameLast, out string? role, out RoleInfo? info)
    {
        role = null;
        info = null;
        var k = nameLast + 1;
        if (k >= _t.Count || _t[k].Lower != ",") return false;
        k++;
        if (k < _t.Count && _t[k].In(WordLists.Determiner) && _lang.IsDefiniteArticle(_t[k].Lower)) k++;
        var len = MatchRole(k, out var ri);
        if (len == 0) return false;
        var end = k + len - 1;
        while (end + 1 < _t.Count && _t[end + 1].Kind == TokKind.Word && end - k < 8 && !_t[end + 1].In(WordLists.Auxiliary) && _t[end + 1].Speech is null
               && !(_t[end + 1].In(WordLists.Preposition) && !_lang.IsOf(_t[end + 1].Lower)) && !_lang.IsPhraseBreaker(_t[end + 1].Lower))
            end++;
        role = _a.Span(k, end);
        info = ri;
        return true;
    }

    private int MatchRole(int k, out RoleInfo info)
    {
        info = null!;
        if (k < 0 || k >= _t.Count || _t[k].Kind != TokKind.Word) return 0;
        var len = _r.Roles.MatchAt(_t, k, out info);
        if (len > 0) return len;
        // "ex-chef de l'Etat", "ex-ministre"
        var lower = _t[k].Lower;
        if (_t[k].Hyphenated && lower.Length >= 3 && lower[0] == 'e' && lower[1] == 'x' && lower[2] == '-') // "ex-" (read only in hyphenated words)
        {
            var saved = _t[k];
            var probe = saved;
            probe.Lower = lower[3..];
            probe.Describe(_r.Vocab);
            _t[k] = probe;
            len = _r.Roles.MatchAt(_t, k, out info);
            _t[k] = saved;
        }
        return len;
    }

    private void FindRoleMentions()
    {
        for (var i = 0; i < _t.Count; i++)
        {
            if (ByToken[i] is not null || RoleOwner[i] is not null || _t[i].Kind != TokKind.Word) continue;
            var len = MatchRole(i, out var info);
            if (len == 0) continue;
            // a determiner (possibly with an adjective: "l'ancien président") must open the phrase
            var d = i - 1;
            // "a Foreign Office source", "a government spokesman": an organisation named before the role noun qualifies it
            if (d >= 1 && ByToken[d] is { Type: EntityType.Organisation } qualifier && qualifier.First > 0 && _t[qualifier.First - 1].In(WordLists.Determiner)
                && _r.Roles.MatchAt(_t, i, out var qualified) > 0 && qualified.Class is "descriptor" or "source" or "spokes")
                d = qualifier.First - 1;
            if (d >= 0 && _t[d].Kind == TokKind.Word && !_t[d].In(WordLists.Determiner) && _t[d].Classes.Contains('a')) d--;
            // "Aldmere's fishermen", "Britain's prime minister": a name in the possessive determines the role
            var possessive = d >= 1 && _lang.IsPossessiveMarker(_t[d].Lower) && _t[d - 1].IsCap;
            if (possessive) d = At(d - 1) is { } owner ? Math.Min(owner.First, owner.RoleFirst >= 0 ? owner.RoleFirst : owner.First) : d - 1;
            // "Deux autres journalistes", "3 témoins": a number counts the people a plural role describes
            var counted = d >= 0 && (_t[d].Kind == TokKind.Number || _t[d].Number is { Value: > 1 }) && _t[i].Lower.EndsWith('s') && info.Class is "descriptor" or "source";
            if (d < 0 || !_t[d].In(WordLists.Determiner) && !counted && !possessive) continue;
            // (a count is a plural determiner of its own)
            var det = counted ? "" : _t[d].Lower;
            var end = i + len - 1;
            // modifiers: nationality, "de la Défense", "du Kremlin", "des Républicains"
            var k = end + 1;
            while (k < _t.Count && k - end < 7 && !_t[k].Is(WordFlags.LineStart))
            {
                var t = _t[k];
                if (t.Kind != TokKind.Word) break;
                if (t.In(WordLists.Nationality)) { end = k; k++; continue; }
                if (_lang.IsOf(t.Lower))
                {
                    var n = k + 1;
                    if (n < _t.Count && _lang.IsArticleAfterOf(_t[n].Lower)) n++;
                    if (n < _t.Count && _t[n].Kind == TokKind.Word && (_t[n].IsCap || _t[n].Classes.Contains('n')) && !_t[n].In(WordLists.Auxiliary)
                        && ByToken[n] is not { Type: EntityType.Person })
                    {
                        end = ByToken[n] is { } named ? named.Last : n;
                        k = end + 1;
                        continue;
                    }
                }
                break;
            }
            // followed by a name: the role belongs to that name (handled with the name)
            var after = end + 1;
            if (after < _t.Count && _t[after].Lower == ",") after++;
            if (after < _t.Count && ByToken[after] is { Type: EntityType.Person }) { i = end; continue; }
            // "son fils, le réalisateur Pierre-François Lebrun": a role in apposition to a role and a name is that
            // person's too ("son fils" later is him)
            if (after > end + 1 && after < _t.Count && RoleOwner[after] is { Type: EntityType.Person, Entity: { } apposed })
            {
                AddRoleOf(apposed, d, i, end, info);
                i = end;
                continue;
            }
            var plural = counted || _lang.IsPluralDeterminer(det) || _t[i].Lower.EndsWith('s') && info.Class is "source";
            var m = AddMention(d, end, EntityType.Person, "role");
            // "au médecin", "aux enquêteurs": the one spoken to, never a subject
            if (_lang.IsToDeterminer(det)) m.SubjectLike = false;
            m.RoleInfo = info;
            m.Role = _a.Span(i, end);
            m.Number = plural ? 'p' : 's';
            m.Gender = _lang.GenderOfDeterminer(det) is var byDeterminer and not '\0' ? byDeterminer : info.Gender;
            if (m.Gender == '\0') m.Gender = info.Gender;
            foreach (var w in m.Role.AsSpan().Split(' '))
                if (_r.NationalityOf(m.Role.AsSpan(w)) is { } nat) m.Nationality = nat;
            i = end;
        }
    }

    /// <summary>A role phrase <paramref name="d"/>..<paramref name="end"/> that names <paramref name="person"/> (kept out of the role loop, which stays small).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void AddRoleOf(EntityCluster person, int d, int roleFirst, int end, RoleInfo info)
    {
        var role = _a.Span(roleFirst, end);
        var owned = AddMention(d, end, EntityType.Person, "role");
        owned.RoleInfo = info;
        owned.Role = role;
        AttachRole(person, role, info, roleFirst, end);
        Link(owned, person);
    }
}
