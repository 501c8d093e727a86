using Recoupe.Core.Model;

namespace Recoupe.Core.Digest;

/// <summary>
/// Builds the digest of a story given as its stored articles: summary, who said what, figures by source, coverage
/// matrix and timeline, every item pointing to the stretch of clean text it comes from. No I/O; the articles are
/// taken in id order, so the same articles always give the same digest.
/// </summary>
public static class DigestBuilder
{
    public static StoryDigest Build(IReadOnlyList<StoredArticle> articles, DigestOptions? options = null)
    {
        options ??= new DigestOptions();
        if (articles.Count == 0) throw new ArgumentException("a story needs at least one article", nameof(articles));
        if (options.Sentences is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"summary length must be at least 1 sentence (got {options.Sentences})");

        var ordered = articles.DistinctBy(a => a.Id).OrderBy(a => a.Id).ToList();
        var story = new StoryText(ordered, OutletName);

        var figures = FigureAligner.Align(story, out var figureLinks);
        var candidates = Summarizer.Score(story, figureLinks);
        var summary = Summarizer.Summarize(story, candidates, options.Sentences);
        var speakers = QuoteGrouper.Group(story);
        var timeline = TimelineBuilder.Build(story);
        var coverage = CoverageBuilder.Build(story, summary, speakers, figures, options.Groups);

        var days = story.Articles.Select(a => a.Day).Where(d => d is not null).Select(d => d!.Value).ToList();
        return new StoryDigest
        {
            Story = new DigestStory
            {
                Id = options.StoryId,
                Label = options.StoryLabel,
                Articles = story.Articles.Select(a => new DigestArticle(a.Id, a.Outlet, a.Article.Metadata.Agency,
                    a.Article.Metadata.Title, a.Article.Metadata.Published, a.Article.Metadata.Language)).ToList(),
                Outlets = story.Articles.GroupBy(a => a.Outlet, StringComparer.Ordinal)
                    .Select(g => new DigestOutlet(g.Key, g.Select(a => a.Id).ToList())).ToList(),
                FirstDate = days.Count > 0 ? days.Min() : null,
                LastDate = days.Count > 0 ? days.Max() : null,
            },
            Summary = summary,
            Speakers = speakers,
            Figures = figures,
            Coverage = coverage,
            Timeline = timeline,
            Exclusives = CrossCheck.Exclusives(story, candidates, summary),
            Contradictions = CrossCheck.Contradictions(story),
        };
    }

    /// <summary>The name an article's outlet is shown by (<see cref="OutletNames"/>: the same in every command and view).</summary>
    public static string OutletName(StoredArticle article) => OutletNames.Shown(article.Metadata);
}
