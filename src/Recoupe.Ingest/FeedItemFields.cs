using System.Text.RegularExpressions;
using System.Xml.Linq;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>Namespaces of the feed vocabularies we read.</summary>
internal static class FeedNames
{
    public const string Atom = "http://www.w3.org/2005/Atom";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rss1 = "http://purl.org/rss/1.0/";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>RSS 2.0 elements have no namespace; RSS 1.0 ones live in the RSS 1.0 namespace.</summary>
    public static bool IsRssCore(string ns) => ns.Length == 0 || ns == Rss1;
}

/// <summary>Turns one RSS item or Atom entry into <see cref="SourceFields"/>. Bodies are HTML (BodyIsHtml) except Atom type="text".</summary>
internal static partial class FeedItemFields
{
    private static readonly XNamespace Atom = FeedNames.Atom;
    private static readonly XNamespace Dc = FeedNames.Dc;
    private static readonly XNamespace Content = FeedNames.Content;

    public static SourceFields FromRss(XElement item)
    {
        string? Core(string name) => NonEmpty(item.Elements().FirstOrDefault(e => e.Name.LocalName == name && FeedNames.IsRssCore(e.Name.NamespaceName))?.Value);
        string? Other(XNamespace ns, string name) => NonEmpty(item.Element(ns + name)?.Value);

        var guid = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid" && FeedNames.IsRssCore(e.Name.NamespaceName));
        var guidIsLink = guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
                         && IsHttpUrl(guid.Value.Trim());
        var body = Other(Content, "encoded") ?? Core("description");

        var authors = new List<string>();
        foreach (var e in item.Elements())
            if ((e.Name.LocalName == "author" && FeedNames.IsRssCore(e.Name.NamespaceName)) || e.Name == Dc + "creator")
                AddAuthor(authors, PersonName(e.Value));

        return new SourceFields
        {
            Id = NonEmpty(guid?.Value) ?? NonEmpty((string?)item.Attribute(XName.Get("about", FeedNames.Rdf))),
            Title = Core("title") ?? Other(Dc, "title"),
            Body = body,
            BodyIsHtml = body is not null,
            Url = Core("link") ?? (guidIsLink ? guid!.Value.Trim() : null),
            Date = Core("pubDate") ?? Other(Dc, "date") ?? Core("published") ?? Core("updated"),
            Language = Other(Dc, "language"),
            Authors = authors,
            Extra = Categories(item.Elements().Where(e => e.Name.LocalName == "category" && FeedNames.IsRssCore(e.Name.NamespaceName))
                                    .Select(e => e.Value).Concat(item.Elements(Dc + "subject").Select(e => e.Value))),
        };
    }

    public static SourceFields FromAtom(XElement entry)
    {
        string? Text(string name) => NonEmpty(TextOf(entry.Element(Atom + name)));

        var content = entry.Element(Atom + "content");
        var useContent = content is not null && content.Attribute("src") is null && NonEmpty(content.Value) is not null;
        var bodyElement = useContent ? content : entry.Element(Atom + "summary");
        var body = bodyElement is null ? null : NonEmpty(Markup(bodyElement));
        var bodyType = ((string?)bodyElement?.Attribute("type"))?.Trim().ToLowerInvariant();

        var links = entry.Elements(Atom + "link").ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();

        var authors = new List<string>();
        foreach (var author in entry.Elements(Atom + "author"))
            AddAuthor(authors, NonEmpty(author.Element(Atom + "name")?.Value) ?? NonEmpty(author.Value));

        return new SourceFields
        {
            Id = Text("id"),
            Title = Text("title"),
            Body = body,
            BodyIsHtml = body is not null && bodyType is not "text",
            Url = NonEmpty((string?)link?.Attribute("href")),
            Date = Text("published") ?? Text("updated") ?? NonEmpty(entry.Element(Dc + "date")?.Value),
            Authors = authors,
            Extra = Categories(entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("label") ?? (string?)c.Attribute("term") ?? "")),
        };
    }

    /// <summary>Atom text constructs: type="html" is escaped markup, shown here as its text; others as they read.</summary>
    private static string? TextOf(XElement? element)
    {
        if (element is null) return null;
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        if (type == "html") return System.Net.WebUtility.HtmlDecode(Tag().Replace(element.Value, ""));
        return element.Value;
    }

    /// <summary>The body as HTML: escaped HTML and text as they are, XHTML as the serialised children of its div.</summary>
    private static string Markup(XElement element)
    {
        var type = ((string?)element.Attribute("type"))?.Trim().ToLowerInvariant();
        if (type != "xhtml") return element.Value;
        var container = element.Elements().FirstOrDefault(e => e.Name.LocalName == "div") ?? element;
        return string.Concat(container.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
    }

    /// <summary>RSS author is often "mail@example.org (Name)": keep the name.</summary>
    private static string? PersonName(string value)
    {
        var trimmed = value.Trim();
        var match = MailWithName().Match(trimmed);
        return NonEmpty(match.Success ? match.Groups[1].Value : trimmed);
    }

    private static void AddAuthor(List<string> authors, string? name)
    {
        if (name is not null && !authors.Contains(name)) authors.Add(name);
    }

    private static IReadOnlyDictionary<string, string> Categories(IEnumerable<string> values)
    {
        var distinct = new List<string>();
        foreach (var value in values)
            if (NonEmpty(value) is { } v && !distinct.Contains(v)) distinct.Add(v);
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (distinct.Count > 0) extra["category"] = string.Join("; ", distinct);
        return extra;
    }

    private static bool IsHttpUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value)
    {
        if (value is null) return null;
        var trimmed = value.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    [GeneratedRegex(@"^\S+@\S+\s*\((.+)\)$")]
    private static partial Regex MailWithName();

    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();
}
