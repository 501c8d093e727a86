using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>Outcome of storing one article.</summary>
public enum StoreStatus { Stored, Duplicate }

public sealed record StoreResult(StoreStatus Status, long ArticleId);

/// <summary>One row of an article listing.</summary>
public sealed record ArticleSummary(long Id, DateTime? Published, string? Outlet, string Language, string? Title);

/// <summary>A stored article: its metadata, cleaned text, annotations and the raw input it came from.</summary>
public sealed record StoredArticle
{
    public required long Id { get; init; }
    public required string ContentHash { get; init; }
    public required string Text { get; init; }
    public required ArticleMetadata Metadata { get; init; }
    public required RawArticle Raw { get; init; }
    public IReadOnlyList<Paragraph> Paragraphs { get; init; } = [];
    public IReadOnlyList<Sentence> Sentences { get; init; } = [];
    public IReadOnlyList<EntityMention> Entities { get; init; } = [];
    public IReadOnlyList<Quotation> Quotes { get; init; } = [];
    public IReadOnlyList<Figure> Figures { get; init; } = [];
    public IReadOnlyList<DateMention> Dates { get; init; } = [];
    public Dateline? Dateline { get; init; }
    /// <summary>What cleaning dropped, with why.</summary>
    public IReadOnlyList<RemovedBlock> Removed { get; init; } = [];
    /// <summary>The <see cref="Pipeline.DefaultPipeline.Version"/> that produced this article.</summary>
    public int PipelineVersion { get; init; }
    /// <summary>When it was stored (UTC).</summary>
    public DateTime IngestedAt { get; init; }
}

/// <summary>
/// Where articles live. SQLite is the default; the interface is what lets PostgreSQL and several workers
/// come later without touching the pipeline. Each <see cref="Add"/> is one transaction: an article lands whole or not at all.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>Stores the document unless an article with the same cleaned text is already there.</summary>
    StoreResult Add(Document document);

    StoredArticle? Get(long id);

    /// <summary>Articles in id order; all of them when <paramref name="limit"/> is null.</summary>
    IReadOnlyList<ArticleSummary> List(int? limit = null);

    /// <summary>Every stored article in id order, read lazily (e.g. to run the pipeline again on the raw inputs).</summary>
    IEnumerable<StoredArticle> All();

    long Count();

    // Full-text search (additions; a store without a text index says so).

    /// <summary>Articles whose title or text match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query) =>
        throw new NotSupportedException($"{GetType().Name} has no full-text index");

    /// <summary>Quotations whose text or speaker match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query) =>
        throw new NotSupportedException($"{GetType().Name} has no full-text index");
}
