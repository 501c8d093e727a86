namespace Recoupe.Core.Stories;

/// <summary>Sorted sparse vectors (ascending term ids, parallel weights): the story centroids and their arithmetic.</summary>
internal static class SparseVector
{
    /// <summary>a·sa + b·sb, with entries whose magnitude falls below <paramref name="epsilon"/> dropped.</summary>
    public static (int[] Terms, float[] Values) Add(int[] aTerms, float[] aValues, float aScale, int[] bTerms, float[] bValues, float bScale, float epsilon = 0)
    {
        var terms = new int[aTerms.Length + bTerms.Length];
        var values = new float[terms.Length];
        int i = 0, j = 0, n = 0;
        while (i < aTerms.Length || j < bTerms.Length)
        {
            int term;
            float value;
            if (j >= bTerms.Length || (i < aTerms.Length && aTerms[i] < bTerms[j]))
            {
                term = aTerms[i];
                value = aValues[i++] * aScale;
            }
            else if (i >= aTerms.Length || bTerms[j] < aTerms[i])
            {
                term = bTerms[j];
                value = bValues[j++] * bScale;
            }
            else
            {
                term = aTerms[i];
                value = aValues[i++] * aScale + bValues[j++] * bScale;
            }
            if (Math.Abs(value) <= epsilon) continue;
            terms[n] = term;
            values[n++] = value;
        }
        Array.Resize(ref terms, n);
        Array.Resize(ref values, n);
        return (terms, values);
    }

    /// <summary>Keeps the <paramref name="keep"/> entries of largest value (ties: lower term id), in term order.</summary>
    public static (int[] Terms, float[] Values) Prune(int[] terms, float[] values, int keep)
    {
        if (terms.Length <= keep) return (terms, values);
        var order = Enumerable.Range(0, terms.Length).OrderByDescending(k => values[k]).ThenBy(k => terms[k]).Take(keep).Order().ToArray();
        return (order.Select(k => terms[k]).ToArray(), order.Select(k => values[k]).ToArray());
    }

    /// <summary>Index of <paramref name="term"/> in the sorted <paramref name="terms"/> from <paramref name="from"/> on, or the bitwise complement of where it would go.</summary>
    public static int Find(int[] terms, int from, int term) => Array.BinarySearch(terms, from, terms.Length - from, term);
}
