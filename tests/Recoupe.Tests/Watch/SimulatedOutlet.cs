using System.Globalization;
using System.Net;
using System.Text;

namespace Recoupe.Tests.Watch;

/// <summary>How an outlet lists its articles.</summary>
public enum OutletKind { Rss, Atom, JsonFeed, NewsSitemap, SitemapIndex, HomePageWithFeed, HomePageWithSitemap }

/// <summary>What goes wrong at an outlet (at most one fault each, so that each is seen on its own).</summary>
public enum OutletFault
{
    None, FeedServerErrors, FeedTimeout, SlowDripPage, RedirectLoop, MissingItems, WrongContentTypes, MalformedFeed,
    OversizedPage, SameArticleTwoUrls, RateLimited,
}

/// <summary>One article of the simulated web: where it lives, when it appears, whether and when it changes.</summary>
public sealed record SimArticle(int Outlet, int Number, string Path, DateTimeOffset Published, DateTimeOffset? Updated)
{
    public string Url(SimulatedOutlet outlet) => $"https://{outlet.Host}{Path}";
}

/// <summary>
/// One simulated outlet: a host with robots.txt, a listing (feed, JSON Feed, sitemap, or a home page leading to one),
/// and article pages, each telling one of the stories running when it is published (<see cref="SimulatedStory"/>) in
/// sentences drawn by a seed of its own, so that every article has a text of its own.
/// </summary>
public sealed class SimulatedOutlet
{
    public SimulatedOutlet(int index, OutletKind kind, OutletFault fault, DateTimeOffset start, TimeSpan end, TimeSpan interval)
    {
        Index = index;
        Kind = kind;
        Fault = fault;
        Host = $"outlet{index:D3}.test";
        Name = $"Outlet {index:D3}";
        _start = start;
        var articles = new List<SimArticle>();
        var first = start + TimeSpan.FromMinutes(index % 17);
        for (var k = 0; first + interval * k <= start + end; k++)
        {
            var published = first + interval * k;
            var folder = k % 11 == 10 ? "private" : k % 11 == 9 && ForbidsUs ? "members" : "news";
            articles.Add(new SimArticle(index, k, $"/{folder}/{k}-story-{index}", published,
                index % 4 == 0 && k % 5 == 0 ? published + TimeSpan.FromMinutes(90) : null));
        }
        Articles = articles;
    }

    private readonly DateTimeOffset _start;

    public int Index { get; }
    public OutletKind Kind { get; }
    public OutletFault Fault { get; }
    public string Host { get; }
    public string Name { get; }
    public IReadOnlyList<SimArticle> Articles { get; }

    /// <summary>Its robots.txt has a group for our user agent, which also shuts /members/.</summary>
    public bool ForbidsUs => Index % 3 == 0;

    /// <summary>Its feed carries the whole text while its page shows a teaser (a paywall): the feed's content is fuller.</summary>
    public bool FullTextInFeed => Kind is OutletKind.Rss && Index % 10 == 0;

    /// <summary>Pages in Windows-1252, said by the Content-Type's charset.</summary>
    public bool Legacy => Index % 6 == 5;

    public bool Gzip => Index % 13 == 11;
    public bool Brotli => Index % 13 == 12;

    public string SourceUrl => Kind switch
    {
        OutletKind.Rss => $"https://{Host}/feed.rss",
        OutletKind.Atom => $"https://{Host}/atom.xml",
        OutletKind.JsonFeed => $"https://{Host}/feed.json",
        OutletKind.NewsSitemap => $"https://{Host}/news-sitemap.xml",
        OutletKind.SitemapIndex => $"https://{Host}/sitemap-index.xml",
        _ => $"https://{Host}/",
    };

    /// <summary>Whether the page of this article can never be had: forbidden, missing, looping or too large.</summary>
    public bool PageUnreachable(SimArticle a) =>
        a.Path.StartsWith("/private/", StringComparison.Ordinal) || a.Path.StartsWith("/members/", StringComparison.Ordinal)
        || (Fault == OutletFault.MissingItems && a.Number % 8 == 5)
        || (Fault == OutletFault.RedirectLoop && a.Number % 9 == 4)
        || (Fault == OutletFault.OversizedPage && a.Number % 10 == 8);

    /// <summary>The listing gives the item's own text (feeds do; sitemaps do not).</summary>
    public bool ListingHasContent => Kind is OutletKind.Rss or OutletKind.Atom or OutletKind.JsonFeed or OutletKind.HomePageWithFeed;

    public bool IsUpdated(SimArticle a, DateTimeOffset now) => a.Updated is { } u && u <= now;

    /// <summary>The story an article tells.</summary>
    public SimulatedStory Story(SimArticle a) => SimulatedStory.For(_start, Index, a.Number, a.Published);

    public string Title(SimArticle a) => Story(a).Title(Index + a.Number);

    /// <summary>The article's paragraphs: sentences of its story drawn by a seed of its own, with its numbers in them.</summary>
    public IReadOnlyList<string> Paragraphs(SimArticle a, DateTimeOffset now)
    {
        var story = Story(a);
        var random = new Random(Index * 100_003 + a.Number);
        var report = string.Create(CultureInfo.InvariantCulture, $"report {Index}-{a.Number}");
        var paragraphs = new List<string>();
        for (var p = 0; p < 4; p++)
        {
            var sentences = new List<string>();
            for (var s = 0; s < 3; s++) sentences.Add(story.Sentence(random, report));
            if (p == 0) sentences[0] = string.Create(CultureInfo.InvariantCulture, $"{story.Sentence(new Random(story.Number), report)} The figures are in {report}.");
            if (p == 1 && Legacy) sentences.Add($"Residents met at the café in {story.Place} to discuss the décision.");
            paragraphs.Add(string.Join(' ', sentences));
        }
        if (IsUpdated(a, now))
            paragraphs.Add($"Update: {story.Person} later confirmed the figures for {report} in a written statement.");
        return paragraphs;
    }

    /// <summary>The article's page: navigation and footer around an &lt;article&gt;, its canonical URL, its date.</summary>
    public string Page(SimArticle a, DateTimeOffset now, string canonical, bool teaser = false)
    {
        var body = new StringBuilder();
        var paragraphs = Paragraphs(a, now);
        foreach (var p in teaser ? paragraphs.Take(1) : paragraphs) body.Append("<p>").Append(WebUtility.HtmlEncode(p)).Append("</p>\n");
        if (teaser) body.Append("<p class=\"paywall\">Subscribe to read the rest of this article.</p>\n");
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="{(Legacy ? "windows-1252" : "utf-8")}"><title>{WebUtility.HtmlEncode(Title(a))} | {Name}</title>
            <link rel="canonical" href="{canonical}">
            <meta property="og:site_name" content="{Name}">
            <meta property="article:published_time" content="{a.Published.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}">
            </head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <article><h1>{WebUtility.HtmlEncode(Title(a))}</h1>
            {body}</article>
            <footer>© {Name}. All rights reserved.</footer>
            </body></html>
            """;
    }
}
