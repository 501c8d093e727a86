using System.Runtime.InteropServices;

namespace Recoupe.Core.Stories;

/// <summary>
/// Term ids and document frequencies, maintained incrementally as articles arrive. Entity features live in the same
/// table with a leading '@'.
/// <para>
/// IDF uses the document count of the current epoch: a new epoch starts each time the count has grown by 1 %. So an
/// IDF value is a function of the term's df and the epoch only, never of when it was computed — which keeps a saved
/// and reloaded clusterer exactly on the path of one that never stopped — and cached values stay valid for a while.
/// </para>
/// </summary>
internal sealed class TermStatistics
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<bool> _isEntity = [];
    private readonly List<string> _display = [];
    private readonly List<int> _concept = [];
    private int[] _df = new int[1024];
    private float[] _idfCache = new float[1024];
    private int _nextEpochAt = 1;

    /// <summary>Documents counted so far.</summary>
    public int Documents { get; private set; }

    /// <summary>The document count IDF is computed with (that of the start of the current epoch).</summary>
    public int EpochDocuments { get; private set; }

    /// <summary>Increases by one at each epoch: caches of IDF-weighted norms compare it.</summary>
    public int Epoch { get; private set; }

    public int Count => _terms.Count;

    /// <summary>
    /// The id of a term, created on first sight with <paramref name="display"/> as its readable form and
    /// <paramref name="concept"/> as its concept (itself when negative).
    /// </summary>
    public int IdOf(string term, string? display = null, int concept = -1)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, term, out var exists);
        if (exists)
        {
            // A name first seen in capitals (a dateline, a shouted heading) takes the first ordinary spelling that comes.
            if (display is not null && IsShouted(_display[id]) && !IsShouted(display)) _display[id] = display;
            return id;
        }
        id = _terms.Count;
        _terms.Add(term);
        _isEntity.Add(term.StartsWith('@'));
        _display.Add(display ?? term);
        _concept.Add(concept >= 0 ? concept : id);
        if (id >= _df.Length)
        {
            Array.Resize(ref _df, _df.Length * 2);
            Array.Resize(ref _idfCache, _df.Length);
        }
        return id;
    }

    public string TermOf(int id) => _terms[id];

    /// <summary>
    /// The concept a term stands for: features that are one thing said several ways (a name's full form, its last word
    /// and that word's stem) share one, so that evidence can be counted per thing and not per spelling.
    /// </summary>
    public int ConceptOf(int id) => _concept[id];

    /// <summary>Makes <paramref name="id"/> part of <paramref name="concept"/> unless it already belongs to another concept.</summary>
    public void Adopt(int id, int concept)
    {
        if (_concept[id] == id && concept != id) _concept[id] = concept;
    }

    // A loop, not text.Any(...): LINQ over a string allocates an enumerator, twice for every term an article brings
    // (with the one in SegmentStage.IsTerminator, 41 MB of CharEnumerators over fr-news's ingest).
    private static bool IsShouted(string text)
    {
        if (text.Length <= 4) return false;
        var letter = false;
        foreach (var c in text)
        {
            if (char.IsLower(c)) return false;
            letter |= char.IsLetter(c);
        }
        return letter;
    }

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
        if (Documents >= _nextEpochAt)
        {
            Epoch++;
            EpochDocuments = Documents;
            _nextEpochAt = Documents + Math.Max(1, Documents / 100);
            Array.Clear(_idfCache);
        }
    }

    /// <summary>Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, with N the epoch's document count.</summary>
    public float Idf(int id)
    {
        var cached = _idfCache[id];
        if (cached > 0) return cached;
        var value = (float)(Math.Log((EpochDocuments + 1.0) / (_df[id] + 1.0)) + 1.0);
        if (value <= 0) value = float.Epsilon;
        _idfCache[id] = value;
        return value;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_terms.Count);
        for (var i = 0; i < _terms.Count; i++)
        {
            writer.Write(_terms[i]);
            var display = _display[i];
            writer.Write(ReferenceEquals(display, _terms[i]) || display == _terms[i] ? "" : display);
            writer.Write(_df[i]);
            writer.Write(_concept[i]);
        }
        writer.Write(Documents);
        writer.Write(EpochDocuments);
        writer.Write(Epoch);
        writer.Write(_nextEpochAt);
    }

    public void Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var term = reader.ReadString();
            var display = reader.ReadString();
            var id = IdOf(term, display.Length == 0 ? term : display);
            _df[id] = reader.ReadInt32();
            _concept[id] = reader.ReadInt32();
        }
        Documents = reader.ReadInt32();
        EpochDocuments = reader.ReadInt32();
        Epoch = reader.ReadInt32();
        _nextEpochAt = reader.ReadInt32();
        Array.Clear(_idfCache);
    }
}
