using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// MinHash signatures over word shingles with our own stable hash, computed by one-permutation hashing: each shingle is
/// hashed once; the top bits choose one of <see cref="Size"/> bins and the bin keeps the smallest remaining bits. Empty
/// bins borrow from the next non-empty bin (rotation densification), so two signatures agree at a position with
/// probability close to the Jaccard similarity of the shingle sets — at the cost of one hash per shingle instead of 64.
/// </summary>
public static class MinHash
{
    public const int Size = 64;
    private const int BinBits = 6; // 2^6 = Size

    public static uint[] Signature(IReadOnlyCollection<ulong> shingles)
    {
        var signature = new uint[Size];
        Array.Fill(signature, uint.MaxValue);
        var filled = new bool[Size];
        foreach (var shingle in shingles)
        {
            var h = StableHash.Mix(shingle ^ 0x6A09E667F3BCC909UL);
            var bin = (int)(h >> (64 - BinBits));
            var value = (uint)h;
            filled[bin] = true;
            if (value < signature[bin]) signature[bin] = value;
        }
        if (shingles.Count == 0) return signature;
        for (var i = 0; i < Size; i++)
        {
            if (filled[i]) continue;
            // Borrow from the next filled bin to the right (circular), marked by the distance so that borrowed values
            // agree between two signatures only when the same bin was borrowed from the same distance.
            var step = 1;
            while (!filled[(i + step) % Size]) step++;
            signature[i] = (uint)StableHash.Mix(((ulong)signature[(i + step) % Size] << 8) | (uint)step);
        }
        return signature;
    }

    /// <summary>Share of agreeing positions: an estimate of the Jaccard similarity.</summary>
    public static double Similarity(uint[] a, uint[] b)
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

    /// <summary>Entries held (one per band and group until compacted).</summary>
    public int EntryCount => _entryGroup.Count;

    /// <summary>
    /// Live groups sharing at least one band with the signature, most recent first per band, without repeats. Groups
    /// that are no longer live are passed over without counting, so a lookup gives the same before and after
    /// <see cref="Compact"/>.
    /// </summary>
    public List<int> Candidates(uint[] signature, Func<int, bool> live)
    {
        var result = new List<int>();
        for (var band = 0; band < Bands; band++)
        {
            if (!_heads.TryGetValue(BandKey(signature, band), out var entry)) continue;
            for (var seen = 0; entry >= 0 && seen < BucketCapacity; entry = _entryNext[entry])
            {
                var group = _entryGroup[entry];
                if (!live(group)) continue;
                seen++;
                if (!result.Contains(group)) result.Add(group);
            }
        }
        return result;
    }

    /// <summary>Keeps only the entries of live groups, in the same order in every bucket; empty buckets go.</summary>
    public void Compact(Func<int, bool> live)
    {
        var groups = new List<int>();
        var next = new List<int>();
        foreach (var key in _heads.Keys.ToList())
        {
            var chain = new List<int>();
            for (var entry = _heads[key]; entry >= 0; entry = _entryNext[entry])
                if (live(_entryGroup[entry])) chain.Add(_entryGroup[entry]);
            if (chain.Count == 0)
            {
                _heads.Remove(key);
                continue;
            }
            var head = -1;
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                groups.Add(chain[i]);
                next.Add(head);
                head = groups.Count - 1;
            }
            _heads[key] = head;
        }
        _entryGroup.Clear();
        _entryGroup.AddRange(groups);
        _entryNext.Clear();
        _entryNext.AddRange(next);
        _entryGroup.TrimExcess();
        _entryNext.TrimExcess();
        _heads.TrimExcess();
    }

    public void Add(uint[] signature, int group)
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

    public void Write(BinaryWriter writer)
    {
        writer.Write(_heads.Count);
        foreach (var (key, head) in _heads)
        {
            writer.Write(key);
            writer.Write(head);
        }
        writer.Write(_entryGroup.Count);
        for (var i = 0; i < _entryGroup.Count; i++)
        {
            writer.Write(_entryGroup[i]);
            writer.Write(_entryNext[i]);
        }
    }

    public void Read(BinaryReader reader)
    {
        var heads = reader.ReadInt32();
        _heads.EnsureCapacity(heads);
        for (var i = 0; i < heads; i++) _heads[reader.ReadUInt32()] = reader.ReadInt32();
        var entries = reader.ReadInt32();
        _entryGroup.Capacity = entries;
        _entryNext.Capacity = entries;
        for (var i = 0; i < entries; i++)
        {
            _entryGroup.Add(reader.ReadInt32());
            _entryNext.Add(reader.ReadInt32());
        }
    }

    /// <summary>32-bit bucket key of one band; a rare collision only adds a candidate that verification drops.</summary>
    private static uint BandKey(uint[] signature, int band)
    {
        var h = (ulong)(band + 1);
        for (var r = 0; r < Rows; r++) h = StableHash.Combine(h, signature[band * Rows + r]);
        return (uint)(h >> 32);
    }
}
