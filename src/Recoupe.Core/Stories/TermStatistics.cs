using System.Runtime.InteropServices;

namespace Recoupe.Core.Stories;

/// <summary>
/// Term ids and document frequencies, maintained incrementally as articles arrive. IDF is read at query
/// time, so weights always reflect everything seen so far. Entity features live in the same table with a
/// leading '@'.
/// </summary>
internal sealed class TermStatistics
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<bool> _isEntity = [];
    private readonly List<string> _display = [];
    private int[] _df = new int[1024];
    private float[] _idfCache = new float[1024];
    private long _idfCacheDocs = -1;

    public int Documents { get; private set; }
    public int Count => _terms.Count;

    /// <summary>The id of a term, created on first sight with <paramref name="display"/> as its readable form.</summary>
    public int IdOf(string term, string? display = null)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, term, out var exists);
        if (exists) return id;
        id = _terms.Count;
        _terms.Add(term);
        _isEntity.Add(term.StartsWith('@'));
        _display.Add(display ?? term);
        if (id >= _df.Length)
        {
            Array.Resize(ref _df, _df.Length * 2);
            Array.Resize(ref _idfCache, _df.Length);
            _idfCacheDocs = -1;
        }
        return id;
    }

    public bool TryGetId(string term, out int id) => _ids.TryGetValue(term, out id);

    public string TermOf(int id) => _terms[id];

    /// <summary>A readable form of the term: the first surface form seen (lower-case for words, as written for entities).</summary>
    public string DisplayOf(int id) => _display[id];

    /// <summary>Entity features start with '@'; the others are word stems.</summary>
    public bool IsEntity(int id) => _isEntity[id];

    public int DocumentFrequency(int id) => _df[id];

    /// <summary>Counts one more document containing each of <paramref name="ids"/> (distinct).</summary>
    public void AddDocument(ReadOnlySpan<int> ids)
    {
        Documents++;
        foreach (var id in ids)
        {
            _df[id]++;
            _idfCache[id] = 0; // its df changed: recompute on next use
        }
    }

    /// <summary>Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1.</summary>
    public float Idf(int id)
    {
        // A term's cached value is dropped when its df changes; all are dropped when N has grown by 1 %.
        if (_idfCacheDocs < 0 || Documents > _idfCacheDocs * 101 / 100 + 1)
        {
            Array.Clear(_idfCache);
            _idfCacheDocs = Documents;
        }
        var cached = _idfCache[id];
        if (cached > 0) return cached;
        var value = (float)(Math.Log((Documents + 1.0) / (_df[id] + 1.0)) + 1.0);
        _idfCache[id] = value;
        return value;
    }

    /// <summary>Forgets cached IDF values (after df changes that matter, e.g. a rebuild).</summary>
    public void InvalidateIdf() => _idfCacheDocs = -1;
}
