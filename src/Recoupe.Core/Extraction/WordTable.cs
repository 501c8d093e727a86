using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// A read-only string → value table for the few thousand words the word lists name, asked once for every word of
/// every article: open addressing over an array of hashes kept a quarter full, so that the usual answer ("not
/// there") costs one hash and one read of a small array that stays in cache. Safe to read from several threads.
/// A found word's key, value and tag lie side by side (one read past the hashes, not one per array).
/// </summary>
internal sealed class WordTable<T> where T : class
{
    private readonly int[] _hashes;   // 0 = empty slot
    private readonly Entry[] _entries;
    private readonly int _mask;

    private struct Entry
    {
        public string Key;
        public T Value;
        /// <summary>What the table's maker keeps of the value beside it (for a caller that needs no more of it).</summary>
        public uint Tag;
    }

    public int Count { get; }

    public WordTable(IEnumerable<KeyValuePair<string, T>> entries, Func<T, uint>? tagOf = null)
    {
        var list = entries.ToList();
        var size = 16;
        while (size < list.Count * 4) size <<= 1;
        _hashes = new int[size];
        _entries = new Entry[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            var hash = Hash(key);
            var slot = hash & _mask;
            while (_hashes[slot] != 0)
            {
                if (_hashes[slot] == hash && _entries[slot].Key == key) throw new ArgumentException($"duplicate word {key}");
                slot = (slot + 1) & _mask;
            }
            _hashes[slot] = hash;
            _entries[slot] = new Entry { Key = key, Value = value, Tag = tagOf?.Invoke(value) ?? 0 };
            Count++;
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public T? Get(string key) => Get(key, Hash(key), out _);

    /// <summary>The value of <paramref name="key"/> whose <see cref="Hash"/> the caller has computed, or null; <paramref name="tag"/>: its tag (0 when none).</summary>
    public T? Get(string key, int hash, out uint tag)
    {
        var slot = hash & _mask;
        int h;
        while ((h = _hashes[slot]) != 0)
        {
            ref readonly var entry = ref _entries[slot];
            if (h == hash && string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                tag = entry.Tag;
                return entry.Value;
            }
            slot = (slot + 1) & _mask;
        }
        tag = 0;
        return null;
    }

    // StableHash.Fnv32, mixed, positive and never 0 (0 marks an empty slot); fixed across runs.
    internal static int Hash(string s) => HashEnd(StableHash.Fnv32(s));

    /// <summary>The table's hash of a form from its <see cref="StableHash.Fnv32(ReadOnlySpan{char})"/> (for a caller that reads the characters for more than the hash).</summary>
    internal static int HashEnd(uint fnv) => (int)(StableHash.Mix32(fnv) & 0x7FFFFFFFu) | 1;
}
