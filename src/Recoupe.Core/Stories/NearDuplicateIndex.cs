using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// MinHash signatures over word shingles, with our own stable hash family: signature position i keeps the
/// minimum of Mix(shingle ⊕ seed_i). Two signatures agree at a position with probability equal to the
/// Jaccard similarity of the shingle sets.
/// </summary>
public static class MinHash
{
    public const int Size = 64;

    private static readonly ulong[] Seeds = Enumerable.Range(1, Size)
        .Select(i => StableHash.Mix(0x9E3779B97F4A7C15UL * (ulong)i)).ToArray();

    public static ulong[] Signature(IReadOnlyCollection<ulong> shingles)
    {
        var signature = new ulong[Size];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < Size; i++)
            {
                var h = StableHash.Mix(shingle ^ Seeds[i]);
                if (h < signature[i]) signature[i] = h;
            }
        }
        return signature;
    }

    /// <summary>Share of agreeing positions: an estimate of the Jaccard similarity.</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        var same = 0;
        for (var i = 0; i < Size; i++)
            if (a[i] == b[i]) same++;
        return same / (double)Size;
    }

    /// <summary>Estimated share of the smaller set that the larger one contains, from Jaccard and the set sizes.</summary>
    public static double Containment(double jaccard, int sizeA, int sizeB)
    {
        if (sizeA == 0 || sizeB == 0) return 0;
        var intersection = jaccard * (sizeA + sizeB) / (1 + jaccard);
        return Math.Min(1.0, intersection / Math.Min(sizeA, sizeB));
    }
}

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: the signature is cut into bands and each band is a
/// bucket key, so near-duplicates meet in some bucket without comparing all pairs. Buckets hold copy-group
/// ids (one entry per group, not per copy) and keep only the most recent groups, so a lookup costs the same
/// whatever the number of stored articles.
/// </summary>
internal sealed class NearDuplicateIndex
{
    public const int Bands = 16;
    public const int Rows = MinHash.Size / Bands;
    /// <summary>How many of the most recent groups a bucket lookup returns.</summary>
    private const int BucketCapacity = 8;

    // band key → newest entry; entries chain to older ones (memory: ~30 bytes per band and group).
    private readonly Dictionary<uint, int> _heads = new();
    private readonly List<int> _entryGroup = [];
    private readonly List<int> _entryNext = [];

    /// <summary>Groups sharing at least one band with the signature, most recent first per band, without repeats.</summary>
    public List<int> Candidates(ulong[] signature)
    {
        var result = new List<int>();
        for (var band = 0; band < Bands; band++)
        {
            if (!_heads.TryGetValue(BandKey(signature, band), out var entry)) continue;
            for (var seen = 0; entry >= 0 && seen < BucketCapacity; seen++, entry = _entryNext[entry])
            {
                var group = _entryGroup[entry];
                if (!result.Contains(group)) result.Add(group);
            }
        }
        return result;
    }

    public void Add(ulong[] signature, int group)
    {
        for (var band = 0; band < Bands; band++)
        {
            var key = BandKey(signature, band);
            var head = _heads.TryGetValue(key, out var h) ? h : -1;
            if (head >= 0 && _entryGroup[head] == group) continue;
            _entryGroup.Add(group);
            _entryNext.Add(head);
            _heads[key] = _entryGroup.Count - 1;
        }
    }

    /// <summary>32-bit bucket key of one band; a rare collision only adds a candidate that verification drops.</summary>
    private static uint BandKey(ulong[] signature, int band)
    {
        var h = (ulong)(band + 1);
        for (var r = 0; r < Rows; r++) h = StableHash.Combine(h, signature[band * Rows + r]);
        return (uint)(h >> 32);
    }
}
