using Recoupe.Web.Storage;
using Recoupe.Web.Stories;

namespace Recoupe.Web.Api;

/// <summary>What <c>/api/health</c> and <c>/api/ready</c> answer: alive, ready, and why not ready.</summary>
public sealed record HealthModel(bool Alive, bool Ready, string? Reason);

/// <summary>
/// Health and readiness for a supervisor or a load balancer, as the worker and the assigner have theirs (issue 19):
/// <c>GET /api/health</c> is 200 while the server runs; <c>GET /api/ready</c> is 200 when the store answers and the
/// stories are grouped (the story endpoints would answer), else 503 with the reason.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", () => Results.Ok(new HealthModel(true, true, null)))
            .WithName("Health")
            .WithSummary("200 while the server runs")
            .Produces<HealthModel>();
        app.MapGet("/api/ready", Ready)
            .WithName("Ready")
            .WithSummary("200 when the store answers and the stories are grouped; else 503 with the reason")
            .Produces<HealthModel>()
            .Produces<HealthModel>(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Ready(ReadStores readers, StoryCatalogService stories)
    {
        string? reason;
        try
        {
            readers.Read(store => store.Count());
            reason = stories.Current().Ready ? null : "the stories are being grouped";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reason = $"the store does not answer: {e.Message}";
        }
        return reason is null
            ? Results.Ok(new HealthModel(true, true, null))
            : Results.Json(new HealthModel(true, false, reason), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
