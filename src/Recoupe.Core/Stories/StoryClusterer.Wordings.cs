using Recoupe.Core.Digest;
using Recoupe.Core.Text;

namespace Recoupe.Core.Stories;

/// <summary>
/// Levers for one event told in other words, each off unless its option is set (measured on gold/story-pairs.jsonl
/// and stories-dev; see StoryClusteringOptions):
/// <list type="bullet">
/// <item>the digest's concepts (Languages/{code}/digest-concepts.txt): words it gives one concept ("tués",
/// "éliminés" → kill) are one feature;</item>
/// <item>name variants: a name the language's name variants (name-variants.txt) know is its key, so that its short
/// form, official name and initials meet ("RDC", "République démocratique du Congo" → congo);</item>
/// <item>the digest's thesaurus (thesaurus.txt) in headlines: a headline word that the thesaurus relates to a word of
/// the other headline counts as shared ("attentat" / "attaque");</item>
/// <item>a second chance: an article turned down by a story's centroid is compared with the story's best-matching
/// recent article, under the same similarity and checks.</item>
/// </list>
/// </summary>
public sealed partial class StoryClusterer
{
    /// <summary>Language of the article being added: the thesaurus relates stems of one language.</summary>
    private string? _addingLanguage;

    /// <summary>The feature of a word stem: its digest concept ("~kill") when the option is on and the language has one.</summary>
    private string WordFeature(string? language, string stem) =>
        _options.ThesaurusConcepts && DigestLanguage.For(language).Concept(stem) is { } concept ? "~" + concept : stem;

    /// <summary>The feature of a name ("@" + folded name): its place key when the option is on and the name is a known place.</summary>
    private string NameFeature(string? language, string key) =>
        (_options.FoldNameVariants || _options.FoldPlaceNames) && key.Length > 1
        && NameVariants.For(language, _options.FoldPlaceNames).KeyOf(key[1..]) is { } usual ? "@" + usual : key;

    /// <summary>
    /// True when the option is on and the thesaurus of the article's language relates the two headline concepts: two
    /// outlets call one happening by neighbouring words in their headlines ("attaque" / "attentat"). Each word must list
    /// the other: one-way entries of the thesaurus reach far ("attentat" lists "guet-apens", "report" reaches "arrêter"),
    /// and with them three dev pairs of another event joined (dev precision 0.823 -> 0.788).
    /// </summary>
    private bool HeadlineWordsRelated(int a, int b)
    {
        if (!_options.HeadlineThesaurus || a == b) return false;
        var language = DigestLanguage.For(_addingLanguage);
        return WordStem(language, a) is { } x && WordStem(language, b) is { } y && x != y
               && MeaningLanguage.For(language).Thesaurus is var thesaurus && thesaurus.Related(x).Contains(y) && thesaurus.Related(y).Contains(x);
    }

    /// <summary>
    /// The word stem of a headline concept: the term itself for a word, the stem of a one-word name (a capitalised
    /// "Attentat" in the body makes the word's concept a name's); null for a name of several words.
    /// </summary>
    private string? WordStem(DigestLanguage language, int concept)
    {
        var term = _terms.TermOf(concept);
        if (term.Length == 0 || term[0] != '@') return term;
        return term.Contains(' ') ? null : language.Stem(term[1..]);
    }

    /// <summary>
    /// The recent article of <paramref name="story"/> most like <paramref name="article"/> (cosine × time factor of
    /// their days) when it reaches the join threshold with support beyond its top concept, their headlines meet and
    /// the article belongs to the story; else null.
    /// </summary>
    private ArticleRecord? BestMatchingMember(ArticleRecord article, StoryRecord story)
    {
        ArticleRecord? best = null;
        var bestScore = 0.0;
        foreach (var m in Recent(story))
        {
            var other = _articles[m];
            var score = ArticleCosine(article, other) * TimeFactor(Math.Abs(article.Day - other.Day));
            if (score <= bestScore) continue;
            bestScore = score;
            best = other;
        }
        if (best is null || bestScore < _options.JoinThreshold) return null;
        var share = TopConceptShare(article.Terms!, article.Weights!, best.Terms!, best.Weights!);
        return Supported(bestScore, share) && HeadlinesMeet([article.Seq], [best.Seq]) && Belongs(article, story) ? best : null;
    }

    /// <summary>The first of the best few candidates whose best-matching article takes the article (see <see cref="BestMatchingMember"/>).</summary>
    private StoryRecord? SecondChance(ArticleRecord article, List<CandidateScore> ranked)
    {
        if (!_options.SecondChance) return null;
        foreach (var candidate in ranked.Take(SecondChanceCandidates))
        {
            var story = _stories[_storyById[candidate.StoryId]];
            if (story.Members.Count > 1 && BestMatchingMember(article, story) is not null) return story;
        }
        return null;
    }

    /// <summary>How many of the best-scored candidates get a second chance.</summary>
    private const int SecondChanceCandidates = 3;
}
