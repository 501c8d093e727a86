using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Recoupe.Web.Hosting;

/// <summary>
/// Writes per client (ASP.NET Core's rate limiter): a token bucket of <see cref="RecoupeWebOptions.WritesPerMinute"/>
/// per client, refilled every second (or a token at a time under one a second). A client is its API key when it gives this server's key, else its IP address
/// (a wrong key does not buy a fresh bucket). Over the limit: 429 with Retry-After.
/// </summary>
public static class WriteRateLimits
{
    public const string Policy = "writes";

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (rejected, cancellation) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var limit = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RecoupeWebOptions>>().Value.WritesPerMinute;
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many writes",
                    detail: $"this client made more than {limit} writes in a minute; retry in {seconds} s")
                .ExecuteAsync(rejected.HttpContext);
        };
        limiter.AddPolicy(Policy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<RecoupeWebOptions>>().Value;
            if (options.WritesPerMinute <= 0) return RateLimitPartition.GetNoLimiter("unlimited");
            return RateLimitPartition.GetTokenBucketLimiter(ClientOf(context, options), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.WritesPerMinute,
                // Every second, or one token at a time when the limit is under one a second.
                TokensPerPeriod = Math.Max(1, options.WritesPerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1.0, 60.0 / options.WritesPerMinute)),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    });

    private static string ClientOf(HttpContext context, RecoupeWebOptions options)
    {
        if (ApiKeyFilter.Matches(options.ApiKey, context.Request.Headers[ApiKeyFilter.Header].ToString())) return "key";
        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
