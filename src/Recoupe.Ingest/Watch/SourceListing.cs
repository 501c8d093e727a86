using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Recoupe.Core.Html;
using Recoupe.Core.Model;

namespace Recoupe.Ingest.Watch;

public enum ListingKind { Feed, JsonFeed, Sitemap, SitemapIndex, Page, Unknown }

/// <summary>
/// One item a source lists: the link to its page, a signature of what the listing says of it (changes when the item is
/// updated), and, from a feed, the item as an article of its own (used when the page fails or is shorter).
/// </summary>
public sealed record ListedItem(string Link, string Signature, RawArticle? FeedArticle);

/// <summary>What a polled URL turned out to be, and what it lists.</summary>
public sealed record Listing(ListingKind Kind, IReadOnlyList<ListedItem> Items, IReadOnlyList<string> Links, string? Error)
{
    /// <summary>For a sitemap index: the child sitemaps, newest first. For a page: its feeds (link rel=alternate), best first.</summary>
    public IReadOnlyList<string> Links { get; init; } = Links;
}

/// <summary>
/// Reads a fetched body as a source listing, by its content rather than its Content-Type (which is often wrong):
/// RSS/Atom through the ingest feed reader (the one kept: see README), JSON Feed 1.x, sitemaps and news sitemaps, sitemap
/// indexes, or an HTML home page whose alternate links name its feeds.
/// </summary>
public static partial class SourceListing
{
    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    public static Listing Read(Uri url, byte[] body, string? contentType, ReadLimits limits)
    {
        var charset = FormatDetector.FromContentType(contentType, out _).Charset;
        var kind = FormatDetector.Sniff(body.AsSpan(0, Math.Min(body.Length, 4096)));
        try
        {
            return kind switch
            {
                SourceKind.JsonLines => ReadJsonFeed(url, body),
                SourceKind.Html => ReadPage(url, HtmlCharset.Decode(body, charset)),
                SourceKind.Feed => ReadXml(url, body, charset, limits),
                _ => new Listing(ListingKind.Unknown, [], [], "neither a feed, a sitemap nor an HTML page"),
            };
        }
        catch (Exception e) when (e is XmlException or JsonException or InvalidOperationException)
        {
            return new Listing(ListingKind.Unknown, [], [], $"malformed listing: {e.Message}");
        }
    }

    private static Listing ReadXml(Uri url, byte[] body, string? charset, ReadLimits limits)
    {
        var root = RootName(body);
        if (root is "urlset" or "sitemapindex") return ReadSitemap(url, body, root == "sitemapindex");
        var items = new List<ListedItem>();
        string? error = null;
        var encoding = TextEncodings.TryResolve(charset, out var resolved, out _) ? resolved : null;
        using var stream = new MemoryStream(body, writable: false);
        foreach (var item in FeedReader.Read(url.AbsoluteUri, stream, limits, encoding))
        {
            switch (item)
            {
                case ReadArticle { Article: var article } when UrlCanonicalizer.Canonical(article.Fields.Url, url) is { } link:
                    items.Add(new ListedItem(link, Signature(article.Raw), article));
                    break;
                case ReadFailure failure:
                    error ??= failure.Error;
                    break;
            }
        }
        // A feed that broke part way still lists the items before the break.
        return new Listing(ListingKind.Feed, items, [], items.Count == 0 ? error : null);
    }

    private static string? RootName(byte[] body)
    {
        using var reader = XmlReader.Create(new MemoryStream(body, writable: false), XmlSettings);
        return reader.MoveToContent() == XmlNodeType.Element ? reader.LocalName : null;
    }

    /// <summary>A sitemap (loc + lastmod per URL; news:title kept in the signature) or a sitemap index (its child sitemaps, newest first).</summary>
    private static Listing ReadSitemap(Uri url, byte[] body, bool index)
    {
        var entries = new List<(string Loc, string? LastMod, string? Title)>();
        using var reader = XmlReader.Create(new MemoryStream(body, writable: false), XmlSettings);
        string? loc = null, lastMod = null, title = null;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                // Reading an element's content moves past it: the loop must not read again before looking.
                switch (reader.LocalName)
                {
                    case "loc": loc = reader.ReadElementContentAsString().Trim(); continue;
                    case "lastmod": lastMod = reader.ReadElementContentAsString().Trim(); continue;
                    case "title": title = reader.ReadElementContentAsString().Trim(); continue;
                    case "url" or "sitemap": loc = lastMod = title = null; break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "url" or "sitemap" && loc is not null)
            {
                entries.Add((loc, lastMod, title));
                loc = null;
            }
            reader.Read();
        }
        if (index)
        {
            var children = entries.OrderByDescending(e => e.LastMod ?? "", StringComparer.Ordinal)
                .Select(e => UrlCanonicalizer.Canonical(e.Loc, url)).OfType<string>().ToList();
            return new Listing(ListingKind.SitemapIndex, [], children, null);
        }
        var items = entries.Select(e => (Link: UrlCanonicalizer.Canonical(e.Loc, url), e.LastMod, e.Title))
            .Where(e => e.Link is not null)
            .Select(e => new ListedItem(e.Link!, e.LastMod ?? e.Title ?? "", null)).ToList();
        return new Listing(ListingKind.Sitemap, items, [], null);
    }

    /// <summary>JSON Feed 1.0/1.1: each item with a url (or external_url) and its content as an article of its own.</summary>
    private static Listing ReadJsonFeed(Uri url, byte[] body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
            || version.ValueKind != JsonValueKind.String || !version.GetString()!.Contains("jsonfeed.org", StringComparison.Ordinal))
            return new Listing(ListingKind.Unknown, [], [], "JSON without a JSON Feed version");
        var outlet = Text(root, "title");
        var language = Text(root, "language");
        var items = new List<ListedItem>();
        if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var n = 0;
            foreach (var item in list.EnumerateArray())
            {
                n++;
                if (item.ValueKind != JsonValueKind.Object) continue;
                var link = UrlCanonicalizer.Canonical(Text(item, "url") ?? Text(item, "external_url"), url);
                if (link is null) continue;
                var html = Text(item, "content_html");
                var body2 = html ?? Text(item, "content_text") ?? Text(item, "summary");
                var raw = item.GetRawText();
                var authors = item.TryGetProperty("authors", out var a) && a.ValueKind == JsonValueKind.Array
                    ? a.EnumerateArray().Select(x => Text(x, "name")).OfType<string>().ToList()
                    : [];
                var article = body2 is null ? null : new RawArticle
                {
                    Source = $"{url.AbsoluteUri}#item {n}",
                    Format = InputFormat.JsonLines,
                    Raw = raw,
                    Fields = new SourceFields
                    {
                        Id = Text(item, "id"), Title = Text(item, "title"), Body = body2, BodyIsHtml = html is not null, Url = link,
                        Date = Text(item, "date_published"), Outlet = outlet, Language = Text(item, "language") ?? language, Authors = authors,
                    },
                };
                items.Add(new ListedItem(link, Signature(raw), article));
            }
        }
        return new Listing(ListingKind.JsonFeed, items, [], null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>An HTML page: its feeds from &lt;link rel="alternate"&gt; (RSS, Atom, JSON Feed), in the page's order.</summary>
    private static Listing ReadPage(Uri url, string html)
    {
        var feeds = new List<string>();
        foreach (Match tag in LinkTag().Matches(html))
        {
            var attributes = Attributes(tag.Value);
            if (!attributes.TryGetValue("rel", out var rel) || !rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase))
                continue;
            if (!attributes.TryGetValue("type", out var type) || !IsFeedType(type)) continue;
            if (attributes.TryGetValue("href", out var href) && UrlCanonicalizer.Canonical(WebUtilityDecode(href), url) is { } feed && !feeds.Contains(feed))
                feeds.Add(feed);
        }
        return new Listing(ListingKind.Page, [], feeds, null);
    }

    private static bool IsFeedType(string type) => type.Trim().ToLowerInvariant() is
        "application/rss+xml" or "application/atom+xml" or "application/feed+json" or "application/json" or "application/rdf+xml";

    private static string WebUtilityDecode(string value) => System.Net.WebUtility.HtmlDecode(value);

    private static Dictionary<string, string> Attributes(string tag)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Attribute().Matches(tag))
            found.TryAdd(m.Groups["name"].Value, m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value);
        return found;
    }

    [GeneratedRegex(@"<link\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"(?<name>[a-zA-Z-]+)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s>]+))")]
    private static partial Regex Attribute();

    /// <summary>A short hash of what the listing says of an item: changes when the item does.</summary>
    public static string Signature(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
