namespace Recoupe.Core.Digest;

/// <summary>A term-weight vector with term ids in increasing order, L2-normalised.</summary>
internal readonly record struct SparseVector(int[] Ids, float[] Weights)
{
    public static readonly SparseVector Empty = new([], []);

    public int Count => Ids.Length;

    public double Cosine(SparseVector other)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < Ids.Length && j < other.Ids.Length)
        {
            var a = Ids[i];
            var b = other.Ids[j];
            if (a == b) { sum += Weights[i] * other.Weights[j]; i++; j++; }
            else if (a < b) i++;
            else j++;
        }
        return sum;
    }

    public int Shared(SparseVector other)
    {
        int n = 0, i = 0, j = 0;
        while (i < Ids.Length && j < other.Ids.Length)
        {
            if (Ids[i] == other.Ids[j]) { n++; i++; j++; }
            else if (Ids[i] < other.Ids[j]) i++;
            else j++;
        }
        return n;
    }
}

/// <summary>The story's vocabulary with document frequencies over its sentences; builds TF-IDF vectors.</summary>
internal sealed class TermSpace
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<int> _df = [];
    private readonly int _documents;

    public TermSpace(IEnumerable<IReadOnlyList<string>> documents)
    {
        foreach (var doc in documents)
        {
            _documents++;
            foreach (var term in doc.Distinct(StringComparer.Ordinal))
            {
                if (!_ids.TryGetValue(term, out var id)) { id = _ids.Count; _ids[term] = id; _terms.Add(term); _df.Add(0); }
                _df[id]++;
            }
        }
    }

    /// <summary>The term of an id.</summary>
    public string Term(int id) => _terms[id];

    public double Idf(string term) =>
        Math.Log((_documents + 1.0) / ((_ids.TryGetValue(term, out var id) ? _df[id] : 0) + 1.0)) + 1.0;

    /// <summary>TF-IDF over the story; a term the story's sentences never hold is added with no document frequency.</summary>
    public SparseVector Vector(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return SparseVector.Empty;
        var counts = new Dictionary<int, int>();
        foreach (var term in terms)
        {
            if (!_ids.TryGetValue(term, out var id)) { id = _ids.Count; _ids[term] = id; _terms.Add(term); _df.Add(0); }
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        var ids = counts.Keys.Order().ToArray();
        var weights = new float[ids.Length];
        double norm = 0;
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            var df = id < _df.Count ? _df[id] : 0;
            var idf = Math.Log((_documents + 1.0) / (df + 1.0)) + 1.0;
            var w = (1.0 + Math.Log(counts[id])) * idf;
            weights[k] = (float)w;
            norm += w * w;
        }
        norm = Math.Sqrt(norm);
        for (var k = 0; k < weights.Length; k++) weights[k] = (float)(weights[k] / norm);
        return new SparseVector(ids, weights);
    }
}

/// <summary>
/// Which sentences of the story are alike: for each sentence, the others whose TF-IDF cosine reaches
/// <see cref="MinCosine"/>. Found through an inverted index of terms, leaving out the terms so common in the story
/// that listing their sentences would compare nearly every pair (a pair that only shares such words is not alike),
/// so the cost grows with the story's size times that cap, not with its square. In a story of up to 64 sentences
/// no term is left out and the graph is exact.
/// </summary>
internal sealed class SimilarityGraph
{
    public const double MinCosine = 0.1;

    private SimilarityGraph(List<(int Index, double Cosine)>[] neighbours) => Neighbours = neighbours;

    /// <summary>For each sentence (story index), its alike sentences with their cosine, in increasing index order.</summary>
    public IReadOnlyList<List<(int Index, double Cosine)>> Neighbours { get; }

    public static SimilarityGraph Build(IReadOnlyList<SentenceText> sentences)
    {
        var n = sentences.Count;
        var neighbours = new List<(int, double)>[n];
        for (var i = 0; i < n; i++) neighbours[i] = [];
        // a term in more sentences than this is not used to find pairs (every pair still gets its exact cosine)
        var cap = Math.Max(64, (int)(4 * Math.Sqrt(n)));
        var postings = new Dictionary<int, List<(int Sentence, float Weight)>>();
        for (var i = 0; i < n; i++)
        {
            var vector = sentences[i].Vector;
            for (var k = 0; k < vector.Ids.Length; k++)
            {
                if (!postings.TryGetValue(vector.Ids[k], out var list)) postings[vector.Ids[k]] = list = [];
                list.Add((i, vector.Weights[k]));
            }
        }

        // the dot product over the listed terms is summed first; only pairs it brings near the threshold get the
        // exact cosine, which adds the common terms
        var partial = new double[n];
        var touched = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var vector = sentences[i].Vector;
            for (var k = 0; k < vector.Ids.Length; k++)
            {
                var list = postings[vector.Ids[k]];
                if (list.Count > cap) continue;
                foreach (var (j, weight) in list)
                {
                    if (j <= i) continue;
                    if (partial[j] == 0) touched.Add(j);
                    partial[j] += vector.Weights[k] * weight;
                }
            }
            touched.Sort();
            foreach (var j in touched)
            {
                var near = partial[j] >= MinCosine / 2;
                partial[j] = 0;
                if (!near) continue;
                var cosine = vector.Cosine(sentences[j].Vector);
                if (cosine < MinCosine) continue;
                neighbours[i].Add((j, cosine));
                neighbours[j].Add((i, cosine));
            }
            touched.Clear();
        }
        foreach (var list in neighbours) list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return new SimilarityGraph(neighbours);
    }
}
