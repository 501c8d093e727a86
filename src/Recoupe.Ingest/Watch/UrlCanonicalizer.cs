namespace Recoupe.Ingest.Watch;

/// <summary>
/// One spelling per item URL, so the same page reached by two links is fetched once: scheme and host in lower case,
/// no default port, no fragment, and no tracking parameters (campaign tags a link gains on its way, which do not
/// change the page it names).
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "xtor", "at_medium", "at_campaign",
    };

    /// <summary>The canonical form of an absolute http(s) URL; null for anything else.</summary>
    public static string? Canonical(string? url, Uri? relativeTo = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        Uri? uri;
        if (relativeTo is null ? !Uri.TryCreate(url.Trim(), UriKind.Absolute, out uri) : !Uri.TryCreate(relativeTo, url.Trim(), out uri))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;

        var query = uri.Query.TrimStart('?');
        var kept = query.Length == 0
            ? []
            : query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !IsTracking(p.Split('=', 2)[0])).ToArray();
        var builder = new UriBuilder(uri)
        {
            Scheme = uri.Scheme.ToLowerInvariant(),
            Host = uri.Host.ToLowerInvariant(),
            Fragment = "",
            Query = string.Join('&', kept),
        };
        if (uri.IsDefaultPort) builder.Port = -1;
        return builder.Uri.AbsoluteUri;
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
