using Recoupe.Core.Digest;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;
using Recoupe.Ingest;

namespace Recoupe.Web.Api;

public sealed record SpanModel(int Start, int End);


/// <summary>
/// What became of one POSTed item: <c>stored</c> or <c>duplicate</c> with the article id (and a warning when the reader
/// had to guess, such as an encoding), or <c>error</c>.
/// </summary>
public sealed record IngestItemModel(string Status, string Source, long? Id, string? Error, string? Warning = null)
{
    public static IngestItemModel From(IngestItemResult result) => result.Status switch
    {
        IngestStatus.Stored => new("stored", result.Source, result.ArticleId, null, result.Warning),
        IngestStatus.Duplicate => new("duplicate", result.Source, result.ArticleId, null, result.Warning),
        _ => new("error", result.Source, null, result.Error ?? "failed"),
    };
}

/// <summary>
/// The answer to <c>POST /api/articles</c>: counts, then one entry per item in the order they were sent. With a work
/// queue (<c>serve --queue</c>) items are <c>published</c> (no id yet: a worker stores them) and the answer is 202.
/// </summary>
public sealed record IngestResponse(int Received, int Stored, int Duplicates, int Failed, IReadOnlyList<IngestItemModel> Items, int Published = 0)
{
    /// <summary>What was published to the work queue: each article read, and each item that could not be read.</summary>
    public static IngestResponse FromPublished(IReadOnlyList<ReadItem> items)
    {
        var models = items.Select(item => item is ReadArticle read
                ? new IngestItemModel("published", read.Source, null, null, read.Warning)
                : new IngestItemModel("error", item.Source, null, (item as ReadFailure)?.Error ?? "failed"))
            .ToList();
        var failed = models.Count(m => m.Status == "error");
        return new IngestResponse(models.Count, 0, 0, failed, models, models.Count - failed);
    }

    public static IngestResponse From(IReadOnlyList<IngestItemResult> results)
    {
        var items = results.Select(IngestItemModel.From).ToList();
        return new IngestResponse(items.Count,
            items.Count(i => i.Status == "stored"), items.Count(i => i.Status == "duplicate"), items.Count(i => i.Status == "error"),
            items);
    }
}

public sealed record SnippetModel(string Text, IReadOnlyList<SpanModel> Matches);

public sealed record ArticleHitModel(long Id, string? Title, DateTime? Published, string? Outlet, string Language, SnippetModel Snippet, double Score);

public sealed record QuoteHitModel(string Text, QuoteKind Kind, SpeakerView? Speaker, string? Outlet, DateTime? Published,
    string? Title, Evidence Evidence, double Score);

public sealed record HitsModel<T>(long Total, IReadOnlyList<T> Items);

/// <summary>The answer to <c>GET /api/search</c>: articles and quotations that match, each one page.</summary>
public sealed record SearchResponse(string Query, int Limit, int Offset, HitsModel<ArticleHitModel> Articles, HitsModel<QuoteHitModel> Quotes)
{
    public static SearchResponse From(SearchQuery query, SearchPage<ArticleSearchHit> articles, SearchPage<QuoteSearchHit> quotes) => new(
        query.Text, query.Limit, query.Offset,
        new HitsModel<ArticleHitModel>(articles.Total, articles.Hits.Select(h => new ArticleHitModel(
            h.Id, h.Title, h.Published, h.Outlet, h.Language,
            new SnippetModel(h.Snippet.Text, h.Snippet.Matches.Select(m => new SpanModel(m.Start, m.End)).ToList()),
            Math.Round(h.Score, 6))).ToList()),
        new HitsModel<QuoteHitModel>(quotes.Total, quotes.Hits.Select(h => new QuoteHitModel(
            h.Text, h.Kind, SpeakerView.Of(h.SpeakerName, h.SpeakerKey),
            h.Outlet, h.Published, h.Title, new Evidence(h.ArticleId, h.Start, h.End, h.Text), Math.Round(h.Score, 6))).ToList()));
}

/// <summary>The answer to <c>GET /api/quotes</c>.</summary>
public sealed record QuotesResponse(string? Speaker, long Total, int Limit, IReadOnlyList<StoredQuoteView> Items);
