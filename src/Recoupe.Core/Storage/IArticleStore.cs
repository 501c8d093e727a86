using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>Outcome of storing one article.</summary>
public enum StoreStatus { Stored, Duplicate }

public sealed record StoreResult(StoreStatus Status, long ArticleId);

/// <summary>One document of <see cref="IArticleStore.AddBatch"/>: its result, or why it could not be stored.</summary>
public sealed record StoreAttempt(StoreResult? Result, Exception? Error);

/// <summary>One row of an article listing.</summary>
public sealed record ArticleSummary(long Id, DateTime? Published, string? Outlet, string Language, string? Title);

/// <summary>
/// Where articles live. SQLite is the default; the interface is what lets PostgreSQL and several workers
/// come later without touching the pipeline. Each <see cref="Add"/> is one transaction: an article lands whole or not at all.
/// </summary>
public interface IArticleStore : IDisposable
{
    /// <summary>Stores the document unless an article with the same cleaned text is already there.</summary>
    StoreResult Add(Document document);

    /// <summary>
    /// Stores several documents, each as if by <see cref="Add"/>: every document lands whole or not at all, and one
    /// that fails is reported in its slot without stopping the others. A store may write them in one transaction,
    /// which costs far less than one per article; documents earlier in the batch count for duplicate detection.
    /// </summary>
    IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents)
    {
        var attempts = new StoreAttempt[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            try { attempts[i] = new StoreAttempt(Add(documents[i]), null); }
            catch (Exception e) { attempts[i] = new StoreAttempt(null, e); }
        }
        return attempts;
    }

    StoredArticle? Get(long id);

    /// <summary>Articles in id order; all of them when <paramref name="limit"/> is null.</summary>
    IReadOnlyList<ArticleSummary> List(int? limit = null);

    /// <summary>Every stored article in id order, read lazily (e.g. to run the pipeline again on the raw inputs).</summary>
    IEnumerable<StoredArticle> All();

    long Count();

    // Additions for entities, quotations and figures. The default bodies read every article (correct, slow);
    // a store with an index of these rows (SQLite: tables written in Add's transaction) answers from it.

    /// <summary>Quotations across the store, in article then text order, optionally of one speaker only.</summary>
    IReadOnlyList<StoredQuote> Quotes(QuoteQuery query)
    {
        var filter = query.Speaker is null ? null : new SpeakerFilter(query.Speaker);
        return All()
            .SelectMany(a => a.Quotes.OrderBy(q => q.Start).ThenBy(q => q.End).Select(q => (Article: a, Quote: q)))
            .Where(x => filter is null || filter.Matches(x.Quote.SpeakerName, x.Quote.SpeakerKey))
            .Take(query.Limit ?? int.MaxValue)
            .Select(x => new StoredQuote(RefOf(x.Article), x.Quote, x.Article.Text[x.Quote.Start..x.Quote.End]))
            .ToList();
    }

    /// <summary>How many quotations <see cref="Quotes"/> would return without a limit.</summary>
    long CountQuotes(QuoteQuery query) => Quotes(query with { Limit = null }).Count;

    /// <summary>Figures across the store, in article then text order.</summary>
    IReadOnlyList<StoredFigure> Figures(FigureQuery query) => All()
        .SelectMany(a => a.Figures.OrderBy(f => f.Start).ThenBy(f => f.End)
            .Select(f => new StoredFigure(RefOf(a), f, a.Text[f.Start..f.End])))
        .Take(query.Limit ?? int.MaxValue)
        .ToList();

    long CountFigures() => All().Sum(a => (long)a.Figures.Count);

    /// <summary>
    /// Runs again what the pipeline derived for a stored article: <paramref name="document"/> (from the stored raw input)
    /// replaces its text, metadata, annotations and rows in one transaction, under the same id. When the new cleaned
    /// text is that of another stored article, nothing changes and the result is <see cref="StoreStatus.Duplicate"/>
    /// with that article's id.
    /// </summary>
    StoreResult Replace(long id, Document document) =>
        throw new NotSupportedException($"{GetType().Name} cannot replace a stored article");

    /// <summary>Articles whose derived rows are missing or stale (e.g. stored before a schema change) until re-processed.</summary>
    long CountToReprocess() => 0;

    private static ArticleRef RefOf(StoredArticle article) =>
        new(article.Id, article.Metadata.Published, article.Metadata.Outlet, article.Metadata.Title);

    // Full-text search (additions; a store without a text index says so).

    /// <summary>Articles whose title or text match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query) =>
        throw new NotSupportedException($"{GetType().Name} has no full-text index");

    /// <summary>Quotations whose text or speaker match every term of <paramref name="query"/>, best first, one page.</summary>
    SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query) =>
        throw new NotSupportedException($"{GetType().Name} has no full-text index");
}
