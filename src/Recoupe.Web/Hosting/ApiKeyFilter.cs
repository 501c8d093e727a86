using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Recoupe.Web.Hosting;

/// <summary>
/// Guards write endpoints: when an API key is configured (<c>Recoupe:ApiKey</c> or <c>RECOUPE_API_KEY</c>), the request
/// must carry it in <c>X-Api-Key</c>; without one configured, writes are open (the server listens on loopback by default).
/// </summary>
public sealed class ApiKeyFilter(IOptions<RecoupeWebOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : Digest(options.Value.ApiKey);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null) return next(context);
        var given = context.HttpContext.Request.Headers[Header];
        if (given.Count == 0 || string.IsNullOrEmpty(given[0]))
            return ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required", detail: $"this server requires an API key in the {Header} header for writes"));
        // Compare digests in constant time: neither the key's length nor its prefix leaks through timing.
        if (given.Count != 1 || !CryptographicOperations.FixedTimeEquals(Digest(given[0]!), _expected))
            return ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Wrong API key", detail: $"the {Header} header does not hold this server's API key"));
        return next(context);
    }

    /// <summary>True when a key is configured and <paramref name="given"/> is it (compared in constant time).</summary>
    internal static bool Matches(string? configured, string given) =>
        !string.IsNullOrEmpty(configured) && given.Length > 0 && CryptographicOperations.FixedTimeEquals(Digest(given), Digest(configured));

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
