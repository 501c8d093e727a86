using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;
using Recoupe.Web.Ingest;

namespace Recoupe.Web.Watch;

/// <summary>
/// The article store as the server's watcher sees it: reads on a connection of its own, writes (new articles, a new
/// version of one) run on the server's one writer thread through <see cref="IngestQueue.OnWriterAsync{T}"/>, in turn
/// with the API's ingest requests.
/// </summary>
internal sealed class WriterArticleStore(IArticleStore reader, IArticleStore writer, IngestQueue queue) : IArticleStore
{
    private T OnWriter<T>(Func<T> work) => queue.OnWriterAsync(work).GetAwaiter().GetResult();

    public StoreResult Add(Document document) => OnWriter(() => writer.Add(document));
    public IReadOnlyList<StoreAttempt> AddBatch(IReadOnlyList<Document> documents) => OnWriter(() => writer.AddBatch(documents));
    public StoreResult Replace(long id, Document document) => OnWriter(() => writer.Replace(id, document));

    public StoredArticle? Get(long id) => reader.Get(id);
    public IReadOnlyList<ArticleSummary> List(int? limit = null) => reader.List(limit);
    public IEnumerable<StoredArticle> All() => reader.All();
    public long Count() => reader.Count();
    public IEnumerable<(long Id, StoryInput Input)> StoryInputsAfter(long id) => reader.StoryInputsAfter(id);
    public IReadOnlyList<StoredQuote> Quotes(QuoteQuery query) => reader.Quotes(query);
    public long CountQuotes(QuoteQuery query) => reader.CountQuotes(query);
    public IReadOnlyList<StoredFigure> Figures(FigureQuery query) => reader.Figures(query);
    public long CountFigures() => reader.CountFigures();
    public long CountToReprocess() => reader.CountToReprocess();
    public SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query) => reader.SearchArticles(query);
    public SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query) => reader.SearchQuotes(query);

    /// <summary>The stores are the watch service's, which disposes of them.</summary>
    public void Dispose() { }
}

/// <summary>The watched sources as the server's watcher sees them: reads on their own connection, every write on the writer thread.</summary>
internal sealed class WriterSourceStore(ISourceStore reader, ISourceStore writer, IngestQueue queue) : ISourceStore
{
    private T OnWriter<T>(Func<T> work) => queue.OnWriterAsync(work).GetAwaiter().GetResult();

    public bool Add(string url, string? name, TimeSpan every, DateTime now, out WatchedSource source)
    {
        var (added, found) = OnWriter(() => (writer.Add(url, name, every, now, out var s), s));
        source = found;
        return added;
    }

    public bool Remove(string idOrUrl) => OnWriter(() => writer.Remove(idOrUrl));
    public void SaveState(long sourceId, SourceState state) => OnWriter(() => { writer.SaveState(sourceId, state); return 0; });
    public void RecordItem(SeenItem item, DateTime now) => OnWriter(() => { writer.RecordItem(item, now); return 0; });
    public void AddVersion(StoredArticle former, DateTime now) => OnWriter(() => { writer.AddVersion(former, now); return 0; });
    public void SaveListing(string url, long sourceId, ListingValidators validators, DateTime now) =>
        OnWriter(() => { writer.SaveListing(url, sourceId, validators, now); return 0; });

    public IReadOnlyList<WatchedSource> List() => reader.List();
    public SeenItem? FindItem(string url) => reader.FindItem(url);
    public long? ArticleByUrl(string url) => reader.ArticleByUrl(url);
    public ListingValidators? FindListing(string url) => reader.FindListing(url);
    public int CountVersions(long articleId) => reader.CountVersions(articleId);

    public void Dispose() { }
}
