namespace Recoupe.Core.Model;

/// <summary>
/// The one place an article's outlet name is decided, so every command, the API, the page, the stories and the digest
/// show the same name. The metadata stage fills <see cref="ArticleMetadata.Outlet"/> in order of trust (the source's
/// field, a known host, the page's own furniture and handles, the wire's dateline, the site name); what it leaves open
/// is the agency its credits or dateline name, then the site's host. An article with none of them is
/// <see cref="Unknown"/>, never a number (two such articles are one column of the digest, since nothing tells them apart).
/// </summary>
public static class OutletNames
{
    public const string Unknown = "unknown outlet";

    /// <summary>The outlet of an article from its metadata: outlet, else agency, else the URL's host; null when none is known.</summary>
    public static string? Resolve(ArticleMetadata metadata) =>
        NonBlank(metadata.Outlet) ?? NonBlank(metadata.Agency) ?? Host(metadata.Url);

    /// <summary>The name to show for a stored outlet value (null or blank: <see cref="Unknown"/>).</summary>
    public static string Shown(string? outlet) => NonBlank(outlet) ?? Unknown;

    /// <summary>The name to show for an article.</summary>
    public static string Shown(ArticleMetadata metadata) => Resolve(metadata) ?? Unknown;

    /// <summary>"https://www.example.org/a" → "example.org"; null when the URL has no host.</summary>
    public static string? Host(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return null;
        return uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
    }

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
