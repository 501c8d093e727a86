using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The searches for a person before or after a mention, kept linear in the article's length: each search walks an
/// index of the mentions that may answer it (not every mention), and stops after <see cref="MaxCandidates"/> people,
/// far more than any article names between a role and its holder. Without them, an article of 10 MB with a role
/// word every few lines took minutes (every role searched the whole article).
/// </summary>
public sealed partial class EntityFinder
{
    /// <summary>People looked at by one search before it gives up.</summary>
    internal const int MaxCandidates = 512;

    /// <summary>Indices of mentions linked to a person, outside quotations, singular; filled in order up to <see cref="_lastIndexedTo"/>.</summary>
    private readonly List<int> _personsBefore = [];
    private int _lastIndexedTo;

    /// <summary>Indices of people named by a name, title or surname, outside quotations (fixed once names are found).</summary>
    private List<int>? _namedPersons;

    /// <summary>For each surname key, runs of mentions of one person named with it, in the order they were added.</summary>
    private readonly Dictionary<string, List<SurnameRun>> _surnameRuns = new(StringComparer.Ordinal);
    private int _surnameIndexedTo;

    private sealed class SurnameRun(EntityCluster cluster, int first)
    {
        public EntityCluster Cluster { get; } = cluster;
        public int MinFirst { get; set; } = first;
        public int MaxFirst { get; set; } = first;
    }

    internal EntityCluster? LastPerson(int beforeIdx, Func<EntityCluster, bool> match, char gender, bool subjectOnly = false, int minTok = 0)
    {
        // Mentions before the one being resolved are final: index them once, in order.
        if (beforeIdx > _lastIndexedTo)
        {
            for (var k = _lastIndexedTo; k < beforeIdx; k++)
                if (Mentions[k] is { Entity.Type: EntityType.Person, InQuote: false } o && o.Number != 'p') _personsBefore.Add(k);
            _lastIndexedTo = beforeIdx;
        }
        var from = UpperBound(_personsBefore, beforeIdx) - 1;
        for (int i = from, seen = 0; i >= 0 && seen < MaxCandidates; i--, seen++)
        {
            var o = Mentions[_personsBefore[i]];
            if (o.First < minTok) break;
            var c = o.Entity!;
            if (subjectOnly && !o.SubjectLike) continue;
            if (!GenderFits(gender, c.Gender) || !match(c)) continue;
            return c;
        }
        return null;
    }

    private EntityCluster? NextPerson(int afterIdx, Func<EntityCluster, bool> match, char gender)
    {
        if (_namedPersons is null)
        {
            _namedPersons = [];
            for (var k = 0; k < Mentions.Count; k++)
                if (Mentions[k] is { Entity.Type: EntityType.Person, InQuote: false, Via: "name" or "title" or "surname" }) _namedPersons.Add(k);
        }
        var to = Math.Min(_namedPersons.Count, UpperBound(_namedPersons, afterIdx) + MaxCandidates);
        for (var i = UpperBound(_namedPersons, afterIdx); i < to; i++)
        {
            var c = Mentions[_namedPersons[i]].Entity!;
            if (!GenderFits(gender, c.Gender) || !match(c)) continue;
            return c;
        }
        return null;
    }

    /// <summary>The person a bare surname at <paramref name="tok"/> stands for: of the people with that family name, the one named last before it (else first after).</summary>
    private EntityCluster? ClusterForSurname(string key, int tok)
    {
        if (!_bySurnameKey.ContainsKey(key)) return null;
        // Mentions already indexed do not change while names are found; index the ones added since.
        for (; _surnameIndexedTo < Mentions.Count; _surnameIndexedTo++)
        {
            var m = Mentions[_surnameIndexedTo];
            if (m.Entity is not { Type: EntityType.Person, SurnameKey: { } surnameKey } c || m.Via is not ("name" or "title" or "surname")) continue;
            if (!_surnameRuns.TryGetValue(surnameKey, out var runs)) _surnameRuns[surnameKey] = runs = [];
            if (runs.Count > 0 && runs[^1].Cluster == c)
            {
                runs[^1].MinFirst = Math.Min(runs[^1].MinFirst, m.First);
                runs[^1].MaxFirst = Math.Max(runs[^1].MaxFirst, m.First);
            }
            else runs.Add(new SurnameRun(c, m.First));
        }
        if (!_surnameRuns.TryGetValue(key, out var found)) return null;
        // The last mention added before tok is in the last run holding one; the first after it in the first such run.
        for (var i = found.Count - 1; i >= 0; i--)
            if (found[i].MinFirst < tok) return found[i].Cluster;
        foreach (var run in found)
            if (run.MaxFirst >= tok) return run.Cluster;
        return null;
    }

    /// <summary>How many of the (ascending) indices are at most <paramref name="idx"/>.</summary>
    private static int UpperBound(List<int> indices, int idx)
    {
        int lo = 0, hi = indices.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (indices[mid] <= idx) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
