using Recoupe.App;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Ingest.Watch;

/// <summary>What one poll did with the items its source listed.</summary>
public sealed record HarvestCounts
{
    public int Listed { get; init; }
    /// <summary>Items seen before and unchanged: nothing fetched.</summary>
    public int Known { get; init; }
    public int PagesFetched { get; init; }
    public int Stored { get; init; }
    /// <summary>Articles whose page changed: the former text kept as a version, the new one in its place.</summary>
    public int Versions { get; init; }
    public int Duplicates { get; init; }
    /// <summary>Articles stored from the feed's own content (fuller than the page, or the page failed).</summary>
    public int FromFeed { get; init; }
    public int Failed { get; init; }
    /// <summary>Articles sent to the work queue instead of the store (<c>watch --queue</c>); workers store them.</summary>
    public int Published { get; init; }
}

/// <summary>
/// Turns listed items into stored articles: each new item URL's page is fetched once and extracted, the feed's own
/// content used instead only when it is fuller or the page fails; an item the listing says has changed is fetched
/// again (conditionally) and a changed text becomes a new version of the same article. Every item URL is recorded as
/// pending before its page is fetched, so a watcher killed on the way finds what it stored by URL and fetches nothing twice.
/// With a <paramref name="publisher"/> (a work queue), the chosen raw articles are published instead of stored, and
/// their items recorded as published: workers store them, a second delivery being a duplicate by its text.
/// </summary>
internal sealed class ItemHarvester(ISourceStore sources, IArticleStore articles, PoliteFetcher fetcher, Pipeline pipeline, TimeProvider clock,
    IArticlePublisher? publisher = null)
{
    private sealed class Tally
    {
        public int Known, Fetched, Stored, Versions, Duplicates, FromFeed, Failed, Published;
    }

    /// <summary>One item's page and feed content on their way to the store.</summary>
    private sealed record Pending(ListedItem Item, Task<Chosen?> Work, FetchResult? Page);

    private sealed record Chosen(Document Document, bool FromFeed);

    public async Task<HarvestCounts> HarvestAsync(WatchedSource source, IReadOnlyList<ListedItem> items, CancellationToken cancellation)
    {
        var tally = new Tally();
        var pending = new List<Pending>();
        var seenThisPoll = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!seenThisPoll.Add(item.Link)) continue;
            var seen = sources.FindItem(item.Link);
            if (seen is { Outcome: SeenOutcome.Pending } && sources.ArticleByUrl(item.Link) is long stored)
            {
                // Stored by a watcher killed before it could record it.
                sources.RecordItem(seen with { ArticleId = stored, Signature = item.Signature, Outcome = SeenOutcome.Stored }, Now);
                tally.Known++;
                continue;
            }
            if (seen is not null && seen.Outcome != SeenOutcome.Pending && seen.Signature == item.Signature)
            {
                tally.Known++;
                continue;
            }
            // Only an item stored as its own article is updated in place; a copy of another article (same text, or a
            // page naming another as canonical) that changes is read as a new item, so it never overwrites that article.
            if (seen is { ArticleId: long articleId, Outcome: SeenOutcome.Stored })
            {
                await UpdateAsync(seen, item, articleId, tally, cancellation).ConfigureAwait(false);
                continue;
            }
            sources.RecordItem(new SeenItem(item.Link, source.Id, null, item.Signature, null, null, SeenOutcome.Pending), Now);
            var page = await fetcher.FetchAsync(new Uri(item.Link), cancellation: cancellation).ConfigureAwait(false);
            if (page.Status == FetchStatus.Ok) tally.Fetched++;
            if (page.Status != FetchStatus.Ok && item.FeedArticle is null)
            {
                // A transient failure stays pending and is tried again at the next poll; a lasting one is not.
                if (!page.Transient) Record(item, source.Id, null, page, SeenOutcome.Failed);
                tally.Failed++;
                continue;
            }
            var outlet = source.Name;
            pending.Add(new Pending(item, Task.Run(() => Choose(item, page, outlet), cancellation), page));
            if (pending.Count >= StoreBatch)
            {
                await StoreAsync(source, pending, tally).ConfigureAwait(false);
                pending.Clear();
            }
        }
        await StoreAsync(source, pending, tally).ConfigureAwait(false);

        return new HarvestCounts
        {
            Listed = items.Count, Known = tally.Known, PagesFetched = tally.Fetched, Stored = tally.Stored, Versions = tally.Versions,
            Duplicates = tally.Duplicates, FromFeed = tally.FromFeed, Failed = tally.Failed, Published = tally.Published,
        };
    }

    /// <summary>
    /// Articles stored per transaction while a listing is harvested: a long listing is stored as it goes, so a stopped
    /// watcher has to fetch again only the pages of its last unfinished batch.
    /// </summary>
    private const int StoreBatch = 16;

    /// <summary>Waits for the pages in work, then stores them as one batch (copies of one page as one article) and records every item.</summary>
    private async Task StoreAsync(WatchedSource source, List<Pending> pending, Tally tally)
    {
        var documents = new List<(Pending Item, Chosen Chosen)>();
        foreach (var p in pending)
        {
            var chosen = await p.Work.ConfigureAwait(false);
            if (chosen is null)
            {
                Record(p.Item, source.Id, null, p.Page, SeenOutcome.Failed);
                tally.Failed++;
                continue;
            }
            // The page names itself elsewhere (rel=canonical) and that page is already stored: the same article.
            if (OtherCanonical(chosen, p.Item) is { } canonical && sources.FindItem(canonical) is { ArticleId: long same })
            {
                Record(p.Item, source.Id, same, p.Page, SeenOutcome.Duplicate);
                tally.Duplicates++;
                continue;
            }
            documents.Add((p, chosen));
        }
        // Two links of one poll that name the same page (a tracking copy, an AMP copy) are one article: the fuller text is kept.
        var copies = new List<(Pending Item, string Canonical)>();
        documents = documents.GroupBy(d => d.Chosen.Document.Metadata.Url ?? d.Item.Item.Link, StringComparer.Ordinal)
            .Select(g =>
            {
                var kept = g.OrderByDescending(d => d.Chosen.Document.Text.Length).First();
                copies.AddRange(g.Where(d => d.Item != kept.Item).Select(d => (d.Item, g.Key)));
                return kept;
            })
            .ToList();
        if (documents.Count > 0 && publisher is not null) await PublishAsync(source, documents, tally).ConfigureAwait(false);
        else if (documents.Count > 0) Store(source, documents, tally);
        foreach (var (copy, canonical) in copies)
        {
            Record(copy.Item, source.Id, sources.FindItem(canonical)?.ArticleId, copy.Page, SeenOutcome.Duplicate);
            tally.Duplicates++;
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void Store(WatchedSource source, List<(Pending Item, Chosen Chosen)> documents, Tally tally)
    {
        var attempts = articles.AddBatch(documents.Select(d => d.Chosen.Document).ToList());
        for (var i = 0; i < documents.Count; i++)
        {
            var (p, chosen) = documents[i];
            if (attempts[i].Result is not { } result)
            {
                Record(p.Item, source.Id, null, p.Page, SeenOutcome.Failed);
                tally.Failed++;
                continue;
            }
            var outcome = result.Status == StoreStatus.Stored ? SeenOutcome.Stored : SeenOutcome.Duplicate;
            Record(p.Item, source.Id, result.ArticleId, p.Page, outcome);
            if (OtherCanonical(chosen, p.Item) is { } canonical && sources.FindItem(canonical) is null)
                sources.RecordItem(new SeenItem(canonical, source.Id, result.ArticleId, p.Item.Signature, null, null, outcome), Now);
            if (outcome == SeenOutcome.Stored)
            {
                tally.Stored++;
                if (chosen.FromFeed) tally.FromFeed++;
            }
            else tally.Duplicates++;
        }
    }

    /// <summary>
    /// Sends the chosen articles to the work queue, each as the raw article it was read from with the URL chosen here
    /// (the page's canonical one), then records their items as published. The pipeline ran here to choose between
    /// page and feed text; the workers run it again to store. A watcher killed between the two publishes again at its
    /// next poll, and the worker finds the second copy a duplicate.
    /// </summary>
    private async Task PublishAsync(WatchedSource source, List<(Pending Item, Chosen Chosen)> documents, Tally tally)
    {
        var raws = documents.Select(d => d.Chosen.Document.Source is var raw && d.Chosen.Document.Metadata.Url is { } url
            ? raw with { Fields = raw.Fields with { Url = url } }
            : d.Chosen.Document.Source).ToList();
        await publisher!.PublishAsync(raws).ConfigureAwait(false);
        foreach (var (p, chosen) in documents)
        {
            Record(p.Item, source.Id, null, p.Page, SeenOutcome.Published);
            tally.Published++;
            if (chosen.FromFeed) tally.FromFeed++;
        }
    }

    /// <summary>The listing says an item changed: its page is fetched again (conditionally) and a new text replaces the old, which is kept.</summary>
    private async Task UpdateAsync(SeenItem seen, ListedItem item, long articleId, Tally tally, CancellationToken cancellation)
    {
        var page = await fetcher.FetchAsync(new Uri(item.Link), seen.ETag, seen.LastModified, cancellation).ConfigureAwait(false);
        if (page.Status == FetchStatus.Ok) tally.Fetched++;
        var current = articles.Get(articleId);
        Chosen? chosen = null;
        if (current is not null && page.Status == FetchStatus.Ok)
            chosen = await Task.Run(() => Choose(item, page, null), cancellation).ConfigureAwait(false);
        else if (current is not null && item.FeedArticle is { } feed)
        {
            // The page did not change (304) or did not answer: the feed's new content replaces the stored text when
            // that text came from the feed, or when it is now fuller than the page's.
            var fromFeed = await Task.Run(() => Process(feed, new Uri(item.Link)), cancellation).ConfigureAwait(false);
            var storedFromFeed = current.Raw.Format is not (InputFormat.Html or InputFormat.Text);
            if (fromFeed is not null && (storedFromFeed || fromFeed.Text.Length > current.Text.Length)) chosen = new Chosen(fromFeed, true);
        }
        if (chosen is null || current is null || chosen.Document.Text == current.Text)
        {
            // A page that failed for now is asked again at the next poll; otherwise the item is up to date.
            if (!page.Transient) sources.RecordItem(Validators(seen with { Signature = item.Signature }, page), Now);
            tally.Known++;
            return;
        }
        // Kept first: a kill between the two leaves the former text kept and the row not yet replaced, which the next poll redoes.
        sources.AddVersion(current, Now);
        var result = articles.Replace(articleId, chosen.Document);
        if (result.Status == StoreStatus.Stored) tally.Versions++;
        else tally.Duplicates++;
        sources.RecordItem(Validators(seen with { Signature = item.Signature }, page), Now);
    }

    /// <summary>The URL the page names as its own when it is not the item link.</summary>
    private static string? OtherCanonical(Chosen chosen, ListedItem item) =>
        chosen.Document.Metadata.Url is { } canonical && canonical != item.Link ? canonical : null;

    private void Record(ListedItem item, long sourceId, long? articleId, FetchResult? page, SeenOutcome outcome) =>
        sources.RecordItem(Validators(new SeenItem(item.Link, sourceId, articleId, item.Signature, null, null, outcome), page), Now);

    private static SeenItem Validators(SeenItem item, FetchResult? page) =>
        page is { Status: FetchStatus.Ok } ? item with { ETag = page.ETag, LastModified = page.LastModified } : item;

    /// <summary>
    /// The page's article, or the feed's own when that is fuller or the page failed; null when neither gives one.
    /// The stored URL is the page's canonical one (rel=canonical, tracking parameters removed), else the item link.
    /// </summary>
    private Chosen? Choose(ListedItem item, FetchResult page, string? outlet)
    {
        Document? fromPage = null;
        if (page is { Status: FetchStatus.Ok, Body: { } body })
        {
            var charset = FormatDetector.FromContentType(page.ContentType, out _).Charset;
            var kind = FormatDetector.Sniff(body.AsSpan(0, Math.Min(body.Length, 4096)));
            var raw = kind == SourceKind.Html
                ? HtmlCharset.Decode(body, charset)
                : TextEncodings.TryResolve(charset, out var encoding, out _) && encoding is not null ? encoding.GetString(body) : System.Text.Encoding.UTF8.GetString(body);
            fromPage = Process(new RawArticle
            {
                Source = item.Link,
                Format = kind == SourceKind.Html ? InputFormat.Html : InputFormat.Text,
                Raw = ContentChecks.NormaliseNewlines(ContentChecks.StripBom(raw)),
                Fields = new SourceFields
                {
                    Url = item.Link, Outlet = outlet ?? item.FeedArticle?.Fields.Outlet, Title = item.FeedArticle?.Fields.Title,
                    Date = item.FeedArticle?.Fields.Date, Language = item.FeedArticle?.Fields.Language,
                },
            }, page.Url);
        }
        Document? fromFeed = null;
        if (item.FeedArticle is { } feed && (fromPage is null || PlainLength(feed.Fields) > fromPage.Text.Length))
            fromFeed = Process(feed, new Uri(item.Link));
        if (fromFeed is not null && (fromPage is null || fromFeed.Text.Length > fromPage.Text.Length)) return new Chosen(fromFeed, true);
        return fromPage is null ? null : new Chosen(fromPage, false);
    }

    private Document? Process(RawArticle raw, Uri pageUrl)
    {
        try
        {
            var document = pipeline.Process(raw);
            // A canonical pointing at the site's home page (a common misconfiguration) names no article: the item link stands.
            var canonical = UrlCanonicalizer.Canonical(document.Metadata.Url, pageUrl);
            document.Metadata.Url = canonical is not null && new Uri(canonical).AbsolutePath.Length > 1 ? canonical : UrlCanonicalizer.Canonical(raw.Fields.Url);
            return document;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A page the pipeline refuses (no article text) is a failed item, as in ingest.
            return null;
        }
    }

    /// <summary>About how many characters of text a feed item's body holds (markup left out): whether it could be fuller than the page.</summary>
    private static int PlainLength(SourceFields fields)
    {
        if (fields.Body is not { } body) return fields.Title?.Length ?? 0;
        if (!fields.BodyIsHtml) return body.Length;
        var length = 0;
        var inTag = false;
        foreach (var c in body)
        {
            if (c == '<') inTag = true;
            else if (c == '>') inTag = false;
            else if (!inTag) length++;
        }
        return length;
    }
}
