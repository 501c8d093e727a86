using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>Organisations named by a common head noun and its complement ("le ministère de l'Intérieur").</summary>
public sealed partial class EntityFinder
{
    private void FindOrganisationPhrases()
    {
        for (var i = 1; i < _t.Count; i++)
        {
            if (ByToken[i] is not null || _t[i].Kind != TokKind.Word || !_t[i].In(WordLists.OrganisationHead)) continue;
            var det = _t[i - 1].Lower;
            if (!_r.Determiners.ContainsKey(det) && !_lang.IsBareOf(det)) continue;
            // "le groupe Bolloré" beside "Vincent Bolloré": after a lower-case body noun, a surname names the body
            if (!_t[i].IsCap && i + 1 < _t.Count && ByToken[i + 1] is { Type: EntityType.Person, Via: "surname" } surname && surname.First == i + 1 && surname.Last == i + 1
                && (i + 2 >= _t.Count || !_t[i + 2].IsCap))
            {
                surname.Entity!.Mentions--;
                surname.Type = EntityType.Organisation;
                surname.Via = "name";
                var bodyKey = TextFolding.Slug(surname.Text);
                if (!_byKey.TryGetValue(("Organisation", bodyKey), out var body))
                {
                    body = new EntityCluster { Type = EntityType.Organisation, Name = surname.Text, Key = bodyKey, Head = _t[i + 1].Lower };
                    _byKey[("Organisation", bodyKey)] = body;
                    Clusters.Add(body);
                }
                surname.Entity = null;
                Link(surname, body);
                continue;
            }
            var end = i;
            var k = i + 1;
            var lowercaseRun = 0;
            while (k < _t.Count && k - i < 10 && !_t[k].Is(WordFlags.LineStart))
            {
                var t = _t[k];
                if (ByToken[k] is { Type: EntityType.Organisation } named) { end = named.Last; k = named.Last + 1; lowercaseRun = 0; continue; }
                // (a punctuation ends the name: the acronym bracketed after it, "(CSA)", is a mention of its own)
                if (t.Kind != TokKind.Word) break;
                if (_lang.IsOf(t.Lower))
                {
                    var n = k + 1;
                    if (n < _t.Count && _lang.IsArticleAfterOf(_t[n].Lower)) n++;
                    // "un groupe de dix": a number after the noun counts members, it names no body
                    if (n < _t.Count && (_t[n].Number is not null || _t[n].Kind == TokKind.Number)) break;
                    // "le Conseil des ministres du mercredi": a day after the particle dates the meeting
                    if (n < _t.Count && (_own.IsWeekday(_t[n].Lower) || _t[n].In(WordLists.Month))) break;
                    if (n < _t.Count && _t[n].Kind == TokKind.Word && !_t[n].In(WordLists.Determiner) && !_t[n].In(WordLists.Auxiliary)
                        && (_t[n].IsCap || _t[n].Classes.Contains('n')) && ByToken[n] is not { Type: EntityType.Person })
                    { end = n; k = n + 1; lowercaseRun = 0; continue; }
                    break;
                }
                if (t.IsCap && ByToken[k] is null && !t.Is(WordFlags.SentenceInitial)) { end = k; k++; lowercaseRun = 0; continue; }
                if (t.In(WordLists.Nationality)) { end = k; k++; continue; }
                var cls = t.Classes;
                if (lowercaseRun == 0 && cls.Contains('a') && !cls.Contains('v') && t.Speech is null) { end = k; k++; lowercaseRun++; continue; }
                break;
            }
            // "l'Etat de New York", "la ville de Paris": a place noun before a known place names the place, not a body
            if (end > i && ByToken[end] is { Type: EntityType.Place } && _r.PlaceCues.TryGetValue(_t[i].Lower, out var cue) && cue == "noun") continue;
            // a name at the end of the phrase is the organisation itself ("l'agence de presse russe RIA Novosti")
            if (ByToken[end] is { Type: EntityType.Organisation } inner && inner.First > i) continue;
            // "la direction de la régie": the firm noun stands for the body named after it, found on its own
            if (end > i && _r.FirmNouns.Contains(_t[i].Lower) && i + 2 <= end && _lang.IsSingularOf(_t[i + 1].Lower)
                && (_t[i + 2].In(WordLists.OrganisationHead) || i + 3 <= end && _lang.IsArticleAfterOf(_t[i + 2].Lower) && _t[i + 3].In(WordLists.OrganisationHead)))
                continue;
            // "le groupe Bolloré", "l'institut Invamer": a lower-case head noun right before a name is the body's kind, the name alone names it
            if (end > i && !_t[i].IsCap && _t[i + 1].IsCap && !_t[i + 1].Is(WordFlags.AllCaps) && ByToken[i + 1] is null && !AnyParticle(i + 1, end))
            {
                AddNamed(i + 1, end, EntityType.Organisation, null);
                continue;
            }
            var m = AddMention(i, end, EntityType.Organisation, "name");
            var key = TextFolding.Slug(m.Text, _lang.KeyDropWords);
            if (end == i)
            {
                // "un groupe de dix avions": an indefinite noun brings in a body not named before, and names none
                if (_own.IsIndefinite(det))
                {
                    Mentions.RemoveAt(Mentions.Count - 1); // m, just added
                    ByToken[i] = null;
                    continue;
                }
                // "le ministère" alone: the last organisation with this head
                var last = LastCluster(c => c.Type == EntityType.Organisation && c.Head == _t[i].Lower, m.First);
                if (last is not null) { Link(m, last); m.Via = "role"; continue; }
                // "la compagnie", "la direction": the company the article is about, when it has named one before
                // none named before, or two named as often: "l'entreprise" names none (no claimer rather than a guess)
                if (_r.FirmNouns.Contains(_t[i].Lower))
                {
                    if (SalientFirm(i) is { } firm) { Link(m, firm); m.Via = "role"; continue; }
                    Mentions.RemoveAt(Mentions.Count - 1); // m, just added
                    ByToken[i] = null;
                    continue;
                }
                // "a indiqué le parquet", "selon la préfecture": a body that speaks, unnamed; it keeps its common noun
                if (SpeaksAround(i - 1, i))
                {
                    var anonymous = new EntityCluster { Type = EntityType.Organisation, Name = _t[i].Lower, Key = _t[i].Lower, Head = _t[i].Lower };
                    Clusters.Add(anonymous);
                    Link(m, anonymous);
                    continue;
                }
                // a bare common noun ("le groupe", "le site") names no organisation by itself
                Mentions.RemoveAt(Mentions.Count - 1); // m, just added (Remove would search the whole list)
                ByToken[i] = null;
                continue;
            }
            // "la police de la ville", "le site de rencontre": a body described in common words, not named
            if (!AnyCapitalised(i, end)) m.Via = "role";
            if (!_byKey.TryGetValue(("Organisation", key), out var c))
            {
                c = new EntityCluster { Type = EntityType.Organisation, Name = m.Text, Key = key, Head = _t[i].Lower };
                _byKey[("Organisation", key)] = c;
                Clusters.Add(c);
            }
            Link(m, c);
            // "le Syndicat des pilotes de ligne indépendants (SPLI)": the acronym bracketed after the name, and its
            // other mentions, are that body
            if (end + 3 < _t.Count && _t[end + 1].Lower == "(" && _t[end + 3].Lower == ")"
                && ByToken[end + 2] is { Type: EntityType.Organisation, Entity: { } shortForm } && shortForm != c)
            {
                foreach (var o in Mentions)
                    if (o.Entity == shortForm) Link(o, c);
                Clusters.Remove(shortForm);
                _byKey.Remove(("Organisation", shortForm.Key));
            }
        }
    }

    /// <summary>Does a particle ("de", "of") sit between these tokens (the name is then the head's complement: "lycée Janson de Sailly")?</summary>
    private bool AnyParticle(int first, int last)
    {
        for (var k = first; k <= last; k++)
            if (_lang.IsOf(_t[k].Lower)) return true;
        return false;
    }

    /// <summary>
    /// The company an article is about, for a firm's common noun written alone at <paramref name="at"/>: of the
    /// organisations named by a proper name (not by a common noun nor an acronym) before it, as the noun refers back,
    /// the one the article names most; none when two are named as often.
    /// </summary>
    private EntityCluster? SalientFirm(int at)
    {
        EntityCluster? best = null;
        var ambiguous = false;
        foreach (var c in Clusters)
        {
            if (c.Type != EntityType.Organisation || c.Head is null || _r.OrganisationHeads.Contains(c.Head) || c.Name.Length == 0
                || c.Name.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) || !MentionedBefore(c, at)) continue;
            if (best is null || c.Mentions > best.Mentions) (best, ambiguous) = (c, false);
            else if (c.Mentions == best.Mentions) ambiguous = true;
        }
        return ambiguous ? null : best;
    }

    // Walking every mention for each candidate made the 3 MB names-and-roles fuzz case cubic (13.8 s against its 7.5 s bound).
    private static bool MentionedBefore(EntityCluster c, int at) => c.FirstAt < at;

    /// <summary>Is the noun phrase <paramref name="first"/>..<paramref name="last"/> the subject of a speech verb (before or after it) or the source after "selon"?</summary>
    private bool SpeaksAround(int first, int last)
    {
        if (IsSpeechSubject(last)) return true;
        var k = first - 1;
        while (k >= 0 && _t[k].In(WordLists.Filler)) k--;
        return k >= 0 && (_t[k].Speech is { IsSupport: false } f && (f.IsFinite || f.IsParticiple) || _r.ClaimCues.MatchEndingAt(_t, k, out _) > 0);
    }

    private EntityCluster? LastCluster(Func<EntityCluster, bool> match, int beforeTok)
    {
        for (var k = Mentions.Count - 1; k >= 0; k--)
        {
            var m = Mentions[k];
            if (m.First < beforeTok && m.Entity is not null && match(m.Entity)) return m.Entity;
        }
        return null;
    }
}
