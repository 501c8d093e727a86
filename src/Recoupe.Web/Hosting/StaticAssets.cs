using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Recoupe.Web.Hosting;

/// <summary>One file of the page, embedded in the assembly.</summary>
public sealed record StaticAsset(string Name, string ContentType, byte[] Content, string ETag);

/// <summary>
/// The page's files (wwwroot/, embedded at build time). Each is mapped to its own fixed route, so no request path is
/// ever joined to a folder: there is nothing to traverse, and a fresh machine needs no build step beyond dotnet's.
/// </summary>
public static class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".txt"] = "text/plain; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
    };

    /// <summary>Every embedded file by its name under wwwroot/ ("app.js", "story.html").</summary>
    public static IReadOnlyDictionary<string, StaticAsset> All { get; } = Load();

    private static Dictionary<string, StaticAsset> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var assets = new Dictionary<string, StaticAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var name = resource[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets[name] = new StaticAsset(name, type, content, etag);
        }
        return assets;
    }

    /// <summary>Maps each file at /NAME, and the given pages at their routes (the page reads its id from the address).</summary>
    public static void MapStaticAssets(this IEndpointRouteBuilder app, IReadOnlyDictionary<string, string> pages)
    {
        foreach (var asset in All.Values)
            app.MapGet("/" + asset.Name, (HttpContext context) => Serve(context, asset)).ExcludeFromDescription();
        foreach (var (route, name) in pages)
        {
            var asset = All.TryGetValue(name, out var found) ? found : throw new InvalidOperationException($"no embedded page {name}");
            app.MapGet(route, (HttpContext context) => Serve(context, asset)).ExcludeFromDescription();
        }
    }

    private static IResult Serve(HttpContext context, StaticAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidate every time: an upgraded server serves its new page at once, unchanged files cost a 304.
        headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
