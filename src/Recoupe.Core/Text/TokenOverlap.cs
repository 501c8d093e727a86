namespace Recoupe.Core.Text;

/// <summary>Precision, recall and F1 of one extraction against its gold text.</summary>
public readonly record struct TokenScore(double Precision, double Recall, double F1)
{
    public static TokenScore Perfect => new(1, 1, 1);
}

/// <summary>
/// Token overlap as main-text extraction benchmarks report it: the extracted text and the gold text are each taken as a
/// bag (multiset) of lower-cased word tokens (runs of letters and digits); precision is the share of extracted tokens
/// found in the gold bag, recall the share of gold tokens found in the extracted bag, counting repeats.
/// </summary>
public static class TokenOverlap
{
    public static TokenScore Score(string? extracted, string? gold)
    {
        var got = Bag(extracted ?? "", out var gotCount);
        var want = Bag(gold ?? "", out var wantCount);
        if (gotCount == 0 && wantCount == 0) return TokenScore.Perfect;
        if (gotCount == 0 || wantCount == 0) return new TokenScore(gotCount == 0 ? 1 : 0, wantCount == 0 ? 1 : 0, 0);

        var common = 0;
        foreach (var (token, count) in got)
            if (want.TryGetValue(token, out var other)) common += Math.Min(count, other);
        var precision = (double)common / gotCount;
        var recall = (double)common / wantCount;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new TokenScore(precision, recall, f1);
    }

    /// <summary>The lower-cased word tokens of <paramref name="text"/>, in order.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (i > start) tokens.Add(text.Substring(start, i - start).ToLowerInvariant());
        }
        return tokens;
    }

    public static Dictionary<string, int> Bag(string text, out int count)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        count = 0;
        foreach (var token in Tokens(text))
        {
            bag[token] = bag.GetValueOrDefault(token) + 1;
            count++;
        }
        return bag;
    }

    /// <summary>Share of <paramref name="part"/>'s tokens (with repeats) that <paramref name="whole"/> also holds.</summary>
    public static double Containment(string part, string whole)
    {
        var partBag = Bag(part, out var partCount);
        if (partCount == 0) return 0;
        var wholeBag = Bag(whole, out _);
        var common = 0;
        foreach (var (token, count) in partBag)
            if (wholeBag.TryGetValue(token, out var other)) common += Math.Min(count, other);
        return (double)common / partCount;
    }
}
