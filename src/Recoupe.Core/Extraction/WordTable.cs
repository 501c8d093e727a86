namespace Recoupe.Core.Extraction;

/// <summary>
/// A read-only string → value table for the few thousand words the word lists name, asked once for every word of
/// every article: open addressing over an array of hashes kept a quarter full, so that the usual answer ("not
/// there") costs one hash and one read of a small array that stays in cache. Safe to read from several threads.
/// </summary>
internal sealed class WordTable<T> where T : class
{
    private readonly int[] _hashes;   // 0 = empty slot
    private readonly string[] _keys;
    private readonly T[] _values;
    private readonly int _mask;

    public int Count { get; }

    public WordTable(IEnumerable<KeyValuePair<string, T>> entries)
    {
        var list = entries.ToList();
        var size = 16;
        while (size < list.Count * 4) size <<= 1;
        _hashes = new int[size];
        _keys = new string[size];
        _values = new T[size];
        _mask = size - 1;
        foreach (var (key, value) in list)
        {
            var hash = Hash(key);
            var slot = hash & _mask;
            while (_hashes[slot] != 0)
            {
                if (_hashes[slot] == hash && _keys[slot] == key) throw new ArgumentException($"duplicate word {key}");
                slot = (slot + 1) & _mask;
            }
            _hashes[slot] = hash;
            _keys[slot] = key;
            _values[slot] = value;
            Count++;
        }
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public T? Get(string key) => Get(key, Hash(key));

    /// <summary>The value of <paramref name="key"/> whose <see cref="Hash"/> the caller has computed, or null.</summary>
    public T? Get(string key, int hash)
    {
        var slot = hash & _mask;
        int h;
        while ((h = _hashes[slot]) != 0)
        {
            if (h == hash && string.Equals(_keys[slot], key, StringComparison.Ordinal)) return _values[slot];
            slot = (slot + 1) & _mask;
        }
        return null;
    }

    // FNV-1a over UTF-16 code units, mixed at the end, positive and never 0 (0 marks an empty slot); fixed across runs.
    internal static int Hash(string s)
    {
        var h = HashStart;
        foreach (var c in s) h = HashNext(h, c);
        return HashEnd(h);
    }

    // (in steps, for a caller that reads the characters for more than the hash)
    internal const uint HashStart = 2166136261u;

    internal static uint HashNext(uint h, char c) => (h ^ c) * 16777619u;

    internal static int HashEnd(uint h)
    {
        h ^= h >> 15;
        h *= 0x2c1b3c6du;
        h ^= h >> 12;
        return (int)(h & 0x7FFFFFFFu) | 1;
    }
}
