using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Recoupe.Core.Text;

namespace Recoupe.Core.Html;

/// <summary>The article fields of a JSON-LD block (schema.org Article and kin).</summary>
internal sealed class JsonLdArticle
{
    public string? Headline { get; set; }
    public string? Name { get; set; }
    public string? Body { get; set; }
    public string? DatePublished { get; set; }
    public string? DateModified { get; set; }
    public string? Image { get; set; }
    public List<string> Authors { get; } = [];
    public string? Publisher { get; set; }
    public string? Language { get; set; }
    public string? Url { get; set; }
    public string? Description { get; set; }
}

/// <summary>Page metadata as the markup states it: meta tags, Open Graph, JSON-LD, microdata, html lang.</summary>
internal sealed partial class HtmlMetadataReader
{
    private readonly Dictionary<string, string> _meta = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<string>> _authorMetas = new(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] AuthorKeys =
        ["dc:creator", "dcterm:creator", "dcterms:creator", "dc.creator", "author", "article:author", "sailthru.author", "parsely-author"];

    private readonly HtmlPageIndex _index;

    public HtmlMetadataReader(IHtmlDocument document, HtmlPageIndex index, IReadOnlyList<string> jsonLd)
    {
        Document = document;
        _index = index;
        foreach (var meta in index.Metas)
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop")
                ?? meta.GetAttribute("http-equiv");
            var content = meta.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(key) || string.IsNullOrWhiteSpace(content)) continue;
            // property="og:title twitter:title" declares both.
            foreach (var one in key.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _meta.TryAdd(one, content.Trim());
                // A page with several authors may repeat the author tag, one name each.
                if (AuthorKeys.Contains(one, StringComparer.OrdinalIgnoreCase))
                {
                    if (!_authorMetas.TryGetValue(one, out var list)) _authorMetas[one] = list = [];
                    list.Add(content.Trim());
                }
            }
        }
        JsonLd = ReadJsonLd(jsonLd);
    }

    public IHtmlDocument Document { get; }
    public JsonLdArticle? JsonLd { get; }

    public string? Meta(params string[] keys)
    {
        foreach (var key in keys)
            if (_meta.TryGetValue(key, out var value)) return value;
        return null;
    }

    public string? PageTitle => Clean(_index.Title?.TextContent);

    public string? Description => Clean(Meta("description", "og:description", "twitter:description") ?? JsonLd?.Description);

    /// <summary>
    /// The title the page declares for sharing and indexing, in order of trust: JSON-LD headline, Dublin Core title,
    /// Open Graph, other meta titles, Twitter, Parse.ly. Null when none: the headline shown or the &lt;title&gt; serves.
    /// </summary>
    public string? DeclaredTitle => JsonLdTitle ?? Clean(Meta(
        "dc:title", "dcterm:title", "dcterms:title", "dc.title", "og:title", "weibo:article:title", "weibo:webpage:title", "title",
        "twitter:title", "parsely-title"));

    /// <summary>
    /// The JSON-LD title: its headline, unless the object's name differs and covers more of the page's &lt;title&gt;
    /// (some sites put a tagline or a category in headline and the title in name, others the site's name in name).
    /// </summary>
    public string? JsonLdTitle
    {
        get
        {
            var headline = Clean(JsonLd?.Headline);
            var name = Clean(JsonLd?.Name);
            if (headline is null || name is null || name == headline || PageTitle is not { } pageTitle) return headline;
            var titleWords = Words(pageTitle);
            return Coverage(titleWords, Words(name)) > Coverage(titleWords, Words(headline)) ? name : headline;
        }
    }

    private static HashSet<string> Words(string text) =>
        new(TextFolding.Key(text).Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>The share of <paramref name="words"/> that <paramref name="candidate"/> also has.</summary>
    private static double Coverage(HashSet<string> words, HashSet<string> candidate) =>
        words.Count == 0 ? 0 : (double)words.Count(candidate.Contains) / words.Count;

    /// <summary>The outlet, in order of trust: JSON-LD publisher, Open Graph site name, application name, meta publisher.</summary>
    public string? Outlet => Clean(JsonLd?.Publisher) ?? Clean(Meta("og:site_name", "application-name", "publisher"));

    public string? Url
    {
        get
        {
            var canonical = _index.Canonical?.GetAttribute("href");
            return Clean(canonical ?? Meta("og:url", "twitter:url") ?? JsonLd?.Url);
        }
    }

    public string? Language
    {
        get
        {
            var lang = Document.DocumentElement?.GetAttribute("lang") ?? Document.DocumentElement?.GetAttribute("xml:lang")
                ?? Meta("content-language", "language", "dc.language") ?? JsonLd?.Language ?? Meta("og:locale");
            if (string.IsNullOrWhiteSpace(lang)) return null;
            var primary = lang.Trim().Split('-', '_', ',', ' ')[0].ToLowerInvariant();
            return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
        }
    }

    /// <summary>
    /// Publication time, in order of trust: JSON-LD <c>datePublished</c> and <c>article:published_time</c> (the earlier of
    /// the two when both are given: JSON-LD keeps published and modified apart, while sites often refresh the meta tag on
    /// each update; on a tie JSON-LD's, which may be finer), then other meta tags, then microdata and &lt;time&gt; elements.
    /// </summary>
    public DateTime? Published(IElement? articleRoot)
    {
        var structured = ParseDate(JsonLd?.DatePublished);
        var meta = ParseDate(Meta("article:published_time"));
        if (structured is { } s && meta is { } m) return Earlier(s, m);
        if ((structured ?? meta) is { } first) return first;
        var candidates = new List<string?>
        {
            Meta("datePublished", "og:published_time", "published_time", "pubdate", "publishdate", "publish-date",
                "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date"),
        };
        var microdata = _index.DatePublished;
        if (microdata is not null) candidates.Add(microdata.GetAttribute("content") ?? microdata.GetAttribute("datetime"));
        var time = _index.Times.FirstOrDefault(t => articleRoot is not null && IsInside(t, articleRoot)) ?? _index.Times.FirstOrDefault();
        candidates.Add(time?.GetAttribute("datetime"));
        foreach (var candidate in candidates)
            if (ParseDate(candidate) is { } date) return date;
        return null;
    }

    /// <summary>
    /// The earlier of JSON-LD's time and the meta tag's; JSON-LD's when they agree to the second. A time without an offset
    /// is the page's clock time and one with an offset is UTC: they are compared as written.
    /// </summary>
    private static DateTime Earlier(DateTime structured, DateTime meta)
    {
        var gap = structured.Ticks - meta.Ticks;
        return gap < TimeSpan.TicksPerSecond ? structured : meta;
    }

    /// <summary>Last modification: article:modified_time, JSON-LD dateModified, og:updated_time, microdata.</summary>
    public DateTime? Modified() =>
        ParseDate(Meta("article:modified_time")) ?? ParseDate(JsonLd?.DateModified) ??
        ParseDate(Meta("og:updated_time", "dateModified", "last-modified", "dcterms.modified"));

    /// <summary>The lead image: og:image, JSON-LD image, twitter:image.</summary>
    public string? Image => Clean(Meta("og:image", "og:image:url", "og:image:secure_url") ?? JsonLd?.Image ?? Meta("twitter:image", "twitter:image:src"));

    /// <summary>
    /// The article's author names, and in <paramref name="byline"/> the credit as the page writes it (Readability's
    /// "byline"): the declared author values joined by ", ", or the whole text of the author element the names came from
    /// ("By Ann Lee March 3, 2015"); null when the page declares no author and no author element names one.
    /// </summary>
    public List<string> Authors(out string? byline)
    {
        byline = null;
        var names = new List<string>();
        if (JsonLd is not null) names.AddRange(JsonLd.Authors);
        if (names.Count == 0)
        {
            // The first author tag that names someone (article:author is often a profile link), every time it is repeated.
            foreach (var key in AuthorKeys)
            {
                if (!_authorMetas.TryGetValue(key, out var values)) continue;
                var named = values.SelectMany(v => v.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries))
                    .Where(v => CleanAuthor(v) is not null).ToList();
                if (named.Count == 0) continue;
                names.AddRange(named);
                break;
            }
        }
        if (names.Count > 0) byline = string.Join(", ", names.Select(n => Clean(n)).OfType<string>());
        // In the markup, the first author element (microdata, rel=author, then a byline class) that names someone is the
        // article's: later ones belong to related articles, comments or author boxes. A link to a profile names no one.
        if (names.Count == 0)
            foreach (var element in _index.Authors.Concat(_index.Bylines))
            {
                var name = element.QuerySelector("[itemprop=name]") is { } inner
                    ? inner.GetAttribute("content") ?? inner.TextContent
                    : element.GetAttribute("content") ?? element.TextContent;
                if (CleanAuthor(name) is not { } cleaned) continue;
                // "<a>Ann Lee</a> Monday, February 29": the names are the element's links when its line opens with the
                // first of them and goes on past them to a date (digits), whose words before the digits (a weekday)
                // no cut at a digit removes.
                var anchors = element.QuerySelectorAll("a");
                var links = anchors.Select(a => CleanAuthor(a.TextContent)).OfType<string>().Distinct().ToList();
                if (links.Count is >= 1 and <= 4 && cleaned.Length > links[0].Length && cleaned.StartsWith(links[0], StringComparison.Ordinal) &&
                    TextAfter(element, anchors[^1]).AsSpan().ContainsAnyInRange('0', '9'))
                    names.AddRange(links);
                else names.Add(name);
                byline = BylineShown(element, name);
                break;
            }

        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = CleanAuthor(raw);
            if (name is null || result.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
            result.Add(name);
        }
        return result;
    }

    /// <summary>
    /// The credit line a reader shows for an author element (Readability's convention): the element's schema.org name
    /// when it has one; else the short line of an enclosing byline element (met first in reading order), else its own
    /// short line, else the name alone. Short is under 100 characters with the markup's white space, Readability's test.
    /// </summary>
    private static string? BylineShown(IElement element, string name)
    {
        if (element.QuerySelectorAll("[itemprop]").FirstOrDefault(e => HasToken(e.GetAttribute("itemprop"), "name")) is { } named &&
            Clean(named.TextContent) is { } schemaName)
            return schemaName;
        var shown = element;
        var up = element.ParentElement;
        for (var level = 0; level < 3 && up is not null; level++, up = up.ParentElement)
            if (HtmlPageIndex.NamesByline(up.GetAttribute("class")) || HtmlPageIndex.NamesByline(up.Id))
            {
                if (ShortLine(up)) shown = up;
                break;
            }
        return ShortLine(shown) ? Clean(shown.TextContent) : Clean(name);
    }

    /// <summary>A credit line, not a block: under 100 characters as written, inner white space counted as a reader counts it.</summary>
    private static bool ShortLine(IElement element) => element.TextContent.Trim().Length is > 0 and < 100;

    private static bool HasToken(string? list, string token) =>
        list is not null && list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(token, StringComparer.OrdinalIgnoreCase);

    /// <summary>The text of <paramref name="element"/> that comes after <paramref name="inner"/>, one of its descendants.</summary>
    private static string TextAfter(IElement element, IElement inner)
    {
        var text = element.TextContent;
        var innerText = inner.TextContent;
        var at = innerText.Length == 0 ? -1 : text.LastIndexOf(innerText, StringComparison.Ordinal);
        return at < 0 ? "" : text[(at + innerText.Length)..];
    }

    private static bool IsInside(IElement element, IElement ancestor)
    {
        for (var e = element.ParentElement; e is not null; e = e.ParentElement)
            if (ReferenceEquals(e, ancestor)) return true;
        return false;
    }

    private static string? CleanAuthor(string? raw)
    {
        // A byline line goes on with a date or a separator: "By Ann Lee | March 3", "Ann Lee 4 hours ago".
        raw = Clean(raw);
        var cutAtDigit = false;
        if (raw is not null && raw.IndexOfAny(['|', '•', '·', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) is > 0 and var cut)
        {
            cutAtDigit = char.IsAsciiDigit(raw[cut]);
            raw = raw[..cut];
        }
        var name = Clean(raw);
        // "Ann Lee March 25, 2015" cut at the digit: the month word left before it belongs to the date.
        while (cutAtDigit && name is not null && name.LastIndexOf(' ') is > 0 and var space &&
               HtmlCues.MonthNames.Contains(name[(space + 1)..].TrimEnd('.', ',').ToLowerInvariant()))
            name = Clean(name[..space].TrimEnd(','));
        if (name is null || name.Contains("://") || name.StartsWith('/') || name.StartsWith('@')) return null;
        foreach (var opener in HtmlCues.BylineOpeners)
            if (name.StartsWith(opener + " ", StringComparison.OrdinalIgnoreCase) && opener.Length <= 3)
                name = name[(opener.Length + 1)..].Trim();
        return name.Length is >= 2 and <= 80 ? name : null;
    }

    /// <summary>An ISO-8601-like date; UTC when it carries an offset, the page's clock time otherwise.</summary>
    public static DateTime? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (!IsoDate().IsMatch(text)) return null;
        if (HasOffset().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return withOffset.UtcDateTime;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return null;
    }

    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = Whitespace().Replace(text, " ").Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "TechArticle", "ScholarlyArticle", "Report",
    };

    /// <summary>The first article object of the page's JSON-LD blocks (inside @graph or arrays too); malformed blocks are skipped.</summary>
    private static JsonLdArticle? ReadJsonLd(IReadOnlyList<string> blocks)
    {
        foreach (var block in blocks)
        {
            var json = Unwrap(block);
            try
            {
                using var document = JsonDocument.Parse(json, JsonOptions);
                var article = FindArticle(document.RootElement);
                if (article is { } found) return ReadArticle(found);
            }
            catch (JsonException)
            {
            }
        }
        return null;
    }

    /// <summary>The JSON inside a script's text: HTML comment and CDATA wrappers (XHTML-serialised pages) removed.</summary>
    internal static string Unwrap(string block)
    {
        var json = block.Trim();
        foreach (var (open, close) in new[] { ("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>") })
        {
            if (json.StartsWith(open, StringComparison.Ordinal)) json = json[open.Length..].TrimStart();
            if (json.EndsWith(close, StringComparison.Ordinal)) json = json[..^close.Length].TrimEnd();
        }
        return json;
    }

    private static JsonElement? FindArticle(JsonElement root)
    {
        var pending = new Stack<(JsonElement Element, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (element, depth) = pending.Pop();
            if (depth > 6) continue;
            if (element.ValueKind == JsonValueKind.Array)
            {
                for (var i = element.GetArrayLength() - 1; i >= 0; i--) pending.Push((element[i], depth + 1));
                continue;
            }
            if (element.ValueKind != JsonValueKind.Object) continue;
            if (IsArticleType(element)) return element;
            if (element.TryGetProperty("@graph", out var graph)) pending.Push((graph, depth + 1));
            if (element.TryGetProperty("mainEntity", out var main)) pending.Push((main, depth + 1));
        }
        return null;
    }

    private static bool IsArticleType(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type)) return false;
        if (type.ValueKind == JsonValueKind.String) return ArticleTypes.Contains(type.GetString()!);
        if (type.ValueKind == JsonValueKind.Array)
            foreach (var item in type.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String && ArticleTypes.Contains(item.GetString()!)) return true;
        return false;
    }

    private static JsonLdArticle ReadArticle(JsonElement element)
    {
        var article = new JsonLdArticle
        {
            Headline = Text(element, "headline") ?? Text(element, "name"),
            Name = Text(element, "name"),
            Body = element.TryGetProperty("articleBody", out var body) && body.ValueKind == JsonValueKind.String
                ? System.Net.WebUtility.HtmlDecode(body.GetString())
                : null,
            DatePublished = Text(element, "datePublished") ?? Text(element, "dateCreated"),
            DateModified = Text(element, "dateModified"),
            Image = Text(element, "image", "url") ?? Text(element, "image"),
            Language = Text(element, "inLanguage"),
            Url = Text(element, "url") ?? Text(element, "mainEntityOfPage", "@id") ?? Text(element, "mainEntityOfPage"),
            Description = Text(element, "description"),
            Publisher = Text(element, "publisher", "name") ?? Text(element, "publisher"),
        };
        if (element.TryGetProperty("author", out var author))
        {
            var authors = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToList() : [author];
            foreach (var one in authors.Take(10))
            {
                var name = one.ValueKind == JsonValueKind.String ? one.GetString()
                    : one.ValueKind == JsonValueKind.Object ? Text(one, "name") : null;
                if (!string.IsNullOrWhiteSpace(name)) article.Authors.Add(name);
            }
        }
        return article;
    }

    private static string? Text(JsonElement element, string property, string? inner = null)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0) value = value[0];
        if (inner is not null) return value.ValueKind == JsonValueKind.Object ? Text(value, inner) : null;
        return value.ValueKind == JsonValueKind.String ? Clean(System.Net.WebUtility.HtmlDecode(value.GetString())) : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();
}
