using Recoupe.Core.Model;
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
    public static CopyChanges Compare(string original, string copy)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(copy);
        var originalSentences = SentenceSplitter.Split(original);
        var copySentences = SentenceSplitter.Split(copy);
        var originalHashes = originalSentences.Select(s => s.Hash).ToHashSet();
        var copyHashes = copySentences.Select(s => s.Hash).ToHashSet();
        var added = copySentences.Where(s => !originalHashes.Contains(s.Hash)).Select(s => new TextRange(s.Start, s.End)).ToList();
        var dropped = originalSentences.Where(s => !copyHashes.Contains(s.Hash)).Select(s => new TextRange(s.Start, s.End)).ToList();
        return new CopyChanges(added, dropped, copySentences.Count - added.Count);
    }
}
