namespace Recoupe.Core.Model;

/// <summary>Input formats Recoupe reads.</summary>
public enum InputFormat { Text, Html, JsonLines, Rss, Atom }

/// <summary>
/// One article as a reader found it, before any cleaning. <see cref="Raw"/> is the exact original input
/// for this article (the file, the JSON line, the feed item) so the pipeline can run again on it later.
/// </summary>
public sealed record RawArticle
{
    /// <summary>Where it came from: a path, a path plus ":line N" or "#item N", a URL, or "-" for stdin.</summary>
    public required string Source { get; init; }
    public required InputFormat Format { get; init; }
    /// <summary>The original input for this one article, as text.</summary>
    public required string Raw { get; init; }
    /// <summary>What the source's own fields say (JSON keys, feed elements). Readers fill what they can.</summary>
    public SourceFields Fields { get; init; } = new();
}

/// <summary>Article fields given by the source. All optional; the pipeline checks them rather than trusts them.</summary>
public sealed record SourceFields
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    /// <summary>Lead or heading paragraph, when the source keeps it apart from the body.</summary>
    public string? Lead { get; init; }
    /// <summary>Body text (plain) or body markup (HTML, e.g. RSS content:encoded) — see <see cref="BodyIsHtml"/>.</summary>
    public string? Body { get; init; }
    public bool BodyIsHtml { get; init; }
    public string? Url { get; init; }
    public string? Date { get; init; }
    public string? Outlet { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>Any other field (e.g. "category", "story") kept for evaluation and display.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}
