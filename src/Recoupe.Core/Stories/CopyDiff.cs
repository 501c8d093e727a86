using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>What a copy changed against its original, sentence by sentence.</summary>
/// <param name="Added">Sentences of the copy that the original does not have (offsets into the copy's text).</param>
/// <param name="Dropped">Sentences of the original that the copy does not have (offsets into the original's text).</param>
/// <param name="Kept">Sentences the two share.</param>
public sealed record CopyChanges(IReadOnlyList<TextRange> Added, IReadOnlyList<TextRange> Dropped, int Kept);

/// <summary>
/// Compares a copy with its original at sentence level: sentences match when their words are the same once case,
/// accents and punctuation are set aside (a rewrite that changes one word in a sentence shows it dropped and added).
/// </summary>
public static class CopyDiff
{
    /// <summary>
    /// Compares the two texts; the <paramref name="ignoreInOriginal"/> and <paramref name="ignoreInCopy"/> ranges (a
    /// title paragraph, a dateline) are left out of the comparison, offsets staying those of the full texts.
    /// </summary>
    public static CopyChanges Compare(string original, string copy,
        IEnumerable<TextRange>? ignoreInOriginal = null, IEnumerable<TextRange>? ignoreInCopy = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(copy);
        var originalSentences = Sentences(Mask(original, ignoreInOriginal));
        var copySentences = Sentences(Mask(copy, ignoreInCopy));
        var originalHashes = originalSentences.Select(s => s.Hash).ToHashSet();
        var copyHashes = copySentences.Select(s => s.Hash).ToHashSet();
        var added = copySentences.Where(s => !originalHashes.Contains(s.Hash)).Select(s => new TextRange(s.Start, s.End)).ToList();
        var dropped = originalSentences.Where(s => !copyHashes.Contains(s.Hash)).Select(s => new TextRange(s.Start, s.End)).ToList();
        return new CopyChanges(added, dropped, copySentences.Count - added.Count);
    }

    private static List<SentenceKey> Sentences(string text) => SentenceSplitter.Split(text, Tokenizer.Default.Tokenize(text));

    /// <summary>The text with the given ranges blanked out (spaces, line breaks kept), so offsets do not move.</summary>
    private static string Mask(string text, IEnumerable<TextRange>? ranges)
    {
        if (ranges is null) return text;
        var chars = text.ToCharArray();
        foreach (var range in ranges)
            for (var i = Math.Max(0, range.Start); i < Math.Min(chars.Length, range.End); i++)
                if (chars[i] is not ('\n' or '\r')) chars[i] = ' ';
        return new string(chars);
    }
}
