using Recoupe.Core.Model;
using Recoupe.Core.Stories;

namespace Recoupe.Core.Storage;

/// <summary>Outcome of storing one article.</summary>
public enum StoreStatus { Stored, Duplicate }

public sealed record StoreResult(StoreStatus Status, long ArticleId);

/// <summary>One document of <see cref="IArticleWriteStore.AddBatch"/>: its result, or why it could not be stored.</summary>
public sealed record StoreAttempt(StoreResult? Result, Exception? Error)
{
    /// <summary>The result, or the error thrown again as it was (what a one-document <see cref="IArticleWriteStore.Add"/> gives).</summary>
    public StoreResult ResultOrThrow()
    {
        if (Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Error);
        return Result!;
    }
}

/// <summary>One row of an article listing.</summary>
public sealed record ArticleSummary(long Id, DateTime? Published, string? Outlet, string Language, string? Title);

// The store in three roles, so that each part of the program asks only for what it uses (the ingest runner writes,
// the story indexer and the listings read, the web's search box searches) and a second store (PostgreSQL, issue 19)
// implements the same roles. No member has a default body: a store answers each from its own indexes, or says it cannot.

/// <summary>
/// Writes articles. Each <see cref="Add"/> is one transaction: an article lands whole or not at all.
/// </summary>
public interface IArticleWriteStore
{
    /// <summary>Stores the document unless an article with the same cleaned text is already there.</summary>
    StoreResult Add(Document document);

    /// <summary>
    /// Stores several documents, each as if by <see cref="Add"/>: every document lands whole or not at all, and one
    /// that fails is reported in its slot without stopping the others. A store may write them in one transaction,
    /// which costs far less than one per article; documents earlier in the batch count for duplicate detection.
    /// </summary>
    IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents);

    /// <summary>
    /// Runs again what the pipeline derived for a stored article: <paramref name="document"/> (from the stored raw input)
    /// replaces its text, metadata, annotations and rows in one transaction, under the same id. When the new cleaned
    /// text is that of another stored article, nothing changes and the result is <see cref="StoreStatus.Duplicate"/>
    /// with that article's id.
    /// </summary>
    StoreResult Replace(long id, Document document);
}

/// <summary>Reads articles, their quotations and figures, and what the story clusterer needs of them.</summary>
public interface IArticleReadStore
{
    StoredArticle? Get(long id);

    /// <summary>Articles in id order; all of them when <paramref name="limit"/> is null.</summary>
    IReadOnlyList<ArticleSummary> List(int? limit = null);

    /// <summary>Every stored article in id order, read lazily (e.g. to run the pipeline again on the raw inputs).</summary>
    IEnumerable<StoredArticle> All();

    long Count();

    /// <summary>The clusterer's input for each article stored after <paramref name="id"/>, in id (arrival) order, read lazily.</summary>
    IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id);

    /// <summary>Those of <see cref="StoryInputsAfter(long)"/> that <paramref name="partition"/> groups.</summary>
    IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id, StoryPartition partition) =>
        partition.IsAll ? StoryInputsAfter(id) : StoryInputsAfter(id).Where(a => partition.Holds(a.Input.Language));

    /// <summary>Quotations across the store, in article then text order, optionally of one speaker only.</summary>
    IReadOnlyList<StoredQuote> Quotes(QuoteQuery query);

    /// <summary>How many quotations <see cref="Quotes"/> would return without a limit.</summary>
    long CountQuotes(QuoteQuery query);

    /// <summary>Figures across the store, in article then text order.</summary>
    IReadOnlyList<StoredFigure> Figures(FigureQuery query);

    long CountFigures();

    /// <summary>Articles whose derived rows are missing or stale (e.g. stored before a schema change) until re-processed.</summary>
    long CountToReprocess();
}

/// <summary>Full-text search over articles and quotations.</summary>
public interface IArticleSearchStore
{
    /// <summary>Articles whose title or text match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query);

    /// <summary>Quotations whose text or speaker match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query);
}

/// <summary>
/// Where articles live, in every role. SQLite is the default; the roles are what lets PostgreSQL and several workers
/// come later without touching the pipeline.
/// </summary>
public interface IArticleStore : IArticleWriteStore, IArticleReadStore, IArticleSearchStore, IDisposable;
