namespace Recoupe.Core.Digest;

/// <summary>
/// Whether two sentences of different articles state the same fact, by meaning rather than by shared words: the
/// content terms they share (stems, concepts, numbers) and those that meet through the language's thesaurus
/// ("opération" / "campagne"), the entities and places they both name, and their polarity (a sentence that says no
/// never states the same fact as one that says yes; when both assert, that is a contradiction). Terms are weighted
/// by how rare they are in the story, so two sentences do not align on the story's own subject alone.
/// When both give numbers and none agree, they state it differently.
/// </summary>
internal static class SentenceAlignment
{
    /// <summary>Meaning similarity (TF-IDF cosine plus thesaurus matches) at which two sentences may align.</summary>
    public const double Threshold = 0.35;
    /// <summary>Similarity at which two sentences align on fewer shared terms (short sentences).</summary>
    public const double StrongThreshold = 0.5;
    /// <summary>A thesaurus match counts for this share of an exact one.</summary>
    private const double ThesaurusWeight = 0.5;
    /// <summary>Similarity at which two asserted sentences of opposite polarity contradict each other.</summary>
    private const double ContradictionThreshold = 0.4;

    /// <summary>What two sentences share: weighted similarity, content terms (exact and through the thesaurus) and entities.</summary>
    /// <param name="Coverage">The larger of the two shares of a sentence's term weight that the other matches: how much
    /// of the shorter statement the longer one says (exact terms count whole, thesaurus matches half).</param>
    /// <param name="LeastCoverage">The smaller share: how much of the longer statement the shorter one says.</param>
    internal readonly record struct Overlap(double Similarity, double Coverage, double LeastCoverage, int Content, int Thesaurus, int Entities)
    {
        public int Terms => Content + Thesaurus + Entities;
    }

    /// <summary>Share of the shorter sentence's weight that must be matched.</summary>
    public const double MinCoverage = 0.55;
    /// <summary>Share of the longer sentence's weight that must be matched: a headline or a short sentence that says one
    /// of its points is not the same fact as a sentence whose main point is another.</summary>
    public const double MinLeastCoverage = 0.3;

    public static bool Aligns(SentenceText a, SentenceText b, out double similarity)
    {
        var overlap = Compare(a, b);
        similarity = overlap.Similarity;
        if (a.Negated != b.Negated) return false;
        return SameFact(overlap);
    }

    /// <summary>
    /// The predicate must meet (two exact content terms: stems, concepts or numbers, not names alone) and the longer
    /// sentence must say most of the shorter one (<see cref="MinCoverage"/>); a strong similarity lets a short sentence
    /// align on two terms of which one is content.
    /// </summary>
    private static bool SameFact(Overlap o) =>
        (o.Content >= 2 && o.Coverage >= MinCoverage && o.LeastCoverage >= MinLeastCoverage && o.Similarity >= Threshold)
        || (o.Content >= 1 && o.Similarity >= StrongThreshold && o.Terms >= 2);

    /// <summary>Sentences that give figures of one claim state the same thing only when their predicates meet too.</summary>
    public static bool SharesPredicate(SentenceText a, SentenceText b) =>
        a.Negated == b.Negated && Compare(a, b) is { Content: >= 2, Coverage: >= MinCoverage, LeastCoverage: >= MinLeastCoverage, Similarity: >= 0.25 };

    /// <summary>
    /// For two sentences the summary already takes as one fact (<see cref="Summarizer"/>'s redundancy test): whether the
    /// other outlet's sentence may be credited as stating it. Long sentences that report several things each cover
    /// less of the other, so a lower coverage is accepted when three exact content terms meet and the polarity agrees.
    /// </summary>
    public static bool Restates(SentenceText a, SentenceText b) =>
        a.Negated == b.Negated && Relation(a, b) == SupportRelation.Same
        && Compare(a, b) is { Content: >= 3, Coverage: >= 0.35, LeastCoverage: >= 0.2 } o
        // two sentences that both say no share a rare feature: a lower similarity is enough then
        && o.Similarity >= (a.Negated ? 0.25 : Threshold)
        // the same fact has the same actors or numbers: three words in common and no name or number are the story's
        // subject ("le ministre s'est rendu à Sainte-Aulde, l'une des communes les plus touchées" / "250 maisons de la
        // commune ont été touchées, dont une quarantaine rendues inhabitables")
        && (o.Entities > 0 || a.Numbers.Overlaps(b.Numbers) || o.Content >= MinContentWithoutActors);

    /// <summary>Exact content terms two sentences must share to restate one fact when they name no one and no number in common.</summary>
    private const int MinContentWithoutActors = 4;

    /// <summary>
    /// Two assertions in the outlets' own words (neither a possibility nor a rumour, nor mostly a quotation: a speaker's
    /// opinion is not the outlet's fact) about the same thing, one saying no: an entity and three exact content terms in
    /// common, each sentence mostly said by the other, so that two sentences merely on the same subject do not clash.
    /// </summary>
    public static bool Contradicts(SentenceText a, SentenceText b, out double similarity)
    {
        similarity = 0;
        if (a.Negated == b.Negated || a.Hedged || b.Hedged || a.Article == b.Article) return false;
        if (a.QuoteShare >= 0.3 || b.QuoteShare >= 0.3) return false;
        var o = Compare(a, b);
        similarity = o.Similarity;
        return o.Similarity >= ContradictionThreshold && o.Content >= 3 && o.Entities >= 1 && o.LeastCoverage >= 0.5;
    }

    public static SupportRelation Relation(SentenceText a, SentenceText b) =>
        a.Numbers.Count > 0 && b.Numbers.Count > 0 && !a.Numbers.Overlaps(b.Numbers)
            ? SupportRelation.Differently
            : SupportRelation.Same;

    internal static Overlap Compare(SentenceText a, SentenceText b)
    {
        var space = a.Space;
        var (va, vb) = (a.Vector, b.Vector);
        double similarity = 0, matchedA = 0, matchedB = 0;
        int content = 0, entities = 0;
        List<(string Stem, float Weight)>? onlyA = null, onlyB = null;
        int i = 0, j = 0;
        while (i < va.Ids.Length || j < vb.Ids.Length)
        {
            var idA = i < va.Ids.Length ? va.Ids[i] : int.MaxValue;
            var idB = j < vb.Ids.Length ? vb.Ids[j] : int.MaxValue;
            if (idA == idB)
            {
                similarity += va.Weights[i] * vb.Weights[j];
                matchedA += va.Weights[i];
                matchedB += vb.Weights[j];
                var term = space.Term(idA);
                if (term[0] == '@') entities++;
                else content++;
                i++; j++;
            }
            else if (idA < idB)
            {
                if (IsStem(space.Term(idA))) (onlyA ??= []).Add((space.Term(idA), va.Weights[i]));
                i++;
            }
            else
            {
                if (IsStem(space.Term(idB))) (onlyB ??= []).Add((space.Term(idB), vb.Weights[j]));
                j++;
            }
        }

        var thesaurusMatches = 0;
        if (onlyA is not null && onlyB is not null && a.Article.Language == b.Article.Language)
        {
            var thesaurus = MeaningLanguage.For(a.Article.Language).Thesaurus;
            var used = new bool[onlyB.Count];
            foreach (var (stem, weight) in onlyA)
                for (var k = 0; k < onlyB.Count; k++)
                {
                    if (used[k] || !thesaurus.AreRelated(stem, onlyB[k].Stem)) continue;
                    used[k] = true;
                    similarity += ThesaurusWeight * weight * onlyB[k].Weight;
                    matchedA += ThesaurusWeight * weight;
                    matchedB += ThesaurusWeight * onlyB[k].Weight;
                    thesaurusMatches++;
                    break;
                }
        }
        var (shareA, shareB) = (Share(matchedA, va), Share(matchedB, vb));
        return new Overlap(similarity, Math.Max(shareA, shareB), Math.Min(shareA, shareB), content, thesaurusMatches, entities);
    }

    private static double Share(double matched, SparseVector v)
    {
        double total = 0;
        foreach (var w in v.Weights) total += w;
        return total > 0 ? matched / total : 0;
    }

    /// <summary>A plain stem (not an entity, number or concept), long enough to be worth a thesaurus look-up.</summary>
    private static bool IsStem(string term) => term.Length >= 3 && char.IsLetter(term[0]);

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
