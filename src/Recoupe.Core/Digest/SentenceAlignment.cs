namespace Recoupe.Core.Digest;

/// <summary>
/// Whether two sentences of different articles state the same thing, tolerant of rewording: enough shared content
/// terms (stems, concepts, entity and place keys, numbers) weighted by how rare they are in the story.
/// When both give numbers and none agree, they state it differently.
/// </summary>
internal static class SentenceAlignment
{
    /// <summary>TF-IDF cosine at which two sentences with at least <see cref="MinShared"/> shared terms align.</summary>
    public const double Threshold = 0.28;
    /// <summary>Cosine at which two sentences align on two shared terms only (short sentences).</summary>
    public const double StrongThreshold = 0.5;
    public const int MinShared = 3;

    public static bool Aligns(SentenceText a, SentenceText b, out double similarity)
    {
        similarity = a.Vector.Cosine(b.Vector);
        if (similarity < Threshold) return false;
        var shared = a.Vector.Shared(b.Vector);
        return shared >= MinShared || (shared >= 2 && similarity >= StrongThreshold);
    }

    public static SupportRelation Relation(SentenceText a, SentenceText b) =>
        a.Numbers.Count > 0 && b.Numbers.Count > 0 && !a.Numbers.Overlaps(b.Numbers)
            ? SupportRelation.Differently
            : SupportRelation.Same;

    /// <summary>For each other article, its sentence that best states what <paramref name="sentence"/> says (titles included).</summary>
    public static List<(SentenceText Sentence, double Similarity)> BestPerArticle(StoryText story, SentenceText sentence)
    {
        var best = new Dictionary<ArticleText, (SentenceText Sentence, double Similarity)>();
        foreach (var (index, _) in story.Graph.Neighbours[sentence.StoryIndex])
        {
            var other = story.Sentences[index];
            if (other.Article == sentence.Article || !Aligns(sentence, other, out var sim)) continue;
            // a body sentence is better evidence than a headline that says the same
            if (other.Ordinal < 0) sim *= 0.9;
            if (!best.TryGetValue(other.Article, out var found) || sim > found.Similarity) best[other.Article] = (other, sim);
        }
        return best.Values.OrderBy(x => x.Sentence.Article.Index).ToList();
    }
}
