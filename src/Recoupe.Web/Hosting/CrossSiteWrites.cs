using System.Net;

namespace Recoupe.Web.Hosting;

/// <summary>
/// Refuses writes a browser sends on behalf of another site. A page elsewhere can POST here without asking (a text/plain
/// form, a no-cors fetch): the browser then says where the request comes from in <c>Sec-Fetch-Site</c> and <c>Origin</c>,
/// so any write (a method other than GET, HEAD, OPTIONS, TRACE) whose headers name another origin gets a 403 problem.
/// Clients that are not browsers send neither header and are let through (the API key, when set, still applies).
/// Without an API key, a write must also be addressed to a loopback host name: a page that rebinds its own domain to
/// 127.0.0.1 sends its own name in <c>Host</c> and <c>Origin</c>, which then agree with each other but not with loopback.
/// </summary>
public static class CrossSiteWrites
{
    public static IApplicationBuilder UseCrossSiteWriteGuard(this IApplicationBuilder app, RecoupeWebOptions options)
    {
        var allowed = options.AllowedOrigins.Select(o => Normalize(o) ?? throw new InvalidOperationException(
            $"Recoupe:AllowedOrigins: '{o}' is not an origin (scheme://host[:port])")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var keyless = string.IsNullOrEmpty(options.ApiKey);
        return app.Use(async (context, next) =>
        {
            if (IsWrite(context.Request.Method) && Refusal(context.Request, allowed, keyless) is { } why)
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site write refused", detail: why)
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Why the write is refused, or null when it may go on.</summary>
    internal static string? Refusal(HttpRequest request, IReadOnlySet<string> allowedOrigins, bool keyless)
    {
        var own = Normalize($"{request.Scheme}://{request.Host.Value}");
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !fetchSite.Equals("same-origin", StringComparison.OrdinalIgnoreCase)
                                 && !fetchSite.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            // "same-site" too: another port of this host is another origin (a local dev server, say) but the same site.
            var origin = request.Headers.Origin.ToString();
            if (!(origin.Length > 0 && Normalize(origin) is { } named && allowedOrigins.Contains(named)))
                return $"the browser says this request comes from another site (Sec-Fetch-Site: {Cut(fetchSite)}); " +
                       "writes are taken from this server's own page or from clients that are not browsers";
        }
        var origins = request.Headers.Origin;
        if (origins.Count > 0)
        {
            if (origins.Count > 1) return "the request names more than one Origin";
            var origin = origins.ToString();
            var normalized = Normalize(origin);
            if (normalized is null)
                return $"the request comes from an opaque origin (Origin: {Cut(origin)}), e.g. a sandboxed page or a file";
            if (!string.Equals(normalized, own, StringComparison.OrdinalIgnoreCase) && !allowedOrigins.Contains(normalized))
                return $"the request comes from {Cut(origin)}, not from this server's origin ({own}); " +
                       "add it to Recoupe:AllowedOrigins to let that page write";
        }
        if (keyless && !IsLoopbackHost(request.Host.Host))
            return $"without an API key, writes are taken only when addressed to a loopback name, not '{Cut(request.Host.Host)}' " +
                   "(a page may point its own domain name at this machine); set an API key to serve other names";
        return null;
    }

    /// <summary>scheme://host:port in lower case with the port spelled out, or null when the text is not an http(s) origin.</summary>
    internal static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return null;
        return $"{uri.Scheme}://{uri.Host.ToLowerInvariant()}:{uri.Port}";
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Cut(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
