using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Recoupe.App.Alerts;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Api;

/// <summary>One alert event as <c>recoupe alerts --json</c> gives it.</summary>
public sealed record AlertModel(long Seq, string Id, string Kind, string? StoryId, long? ArticleId, DateTime At, string Title, string Text,
    JsonElement Detail);

public static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        // A feed for feed readers, not part of the JSON API (its description lists /api only).
        app.MapGet("/feeds/stories.atom", Feed).ExcludeFromDescription();
        app.MapGet("/api/alerts", List)
            .WithName("Alerts")
            .WithSummary("The latest story alerts, newest first")
            .Produces<IReadOnlyList<AlertModel>>();
    }

    private static IResult Feed(HttpContext http, WriteStore writer)
    {
        using var alerts = writer.Factory.OpenAlerts();
        var latest = alerts.Latest(StoryAlertFeed.EventsRead);
        var etag = $"\"a{(latest.Count > 0 ? latest[0].Seq : 0).ToString(CultureInfo.InvariantCulture)}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        return Results.Text(StoryAlertFeed.Write(latest, baseUrl), "application/atom+xml; charset=utf-8");
    }

    private static IResult List(WriteStore writer, int? limit)
    {
        using var alerts = writer.Factory.OpenAlerts();
        return Results.Ok(alerts.Latest(Math.Clamp(limit ?? 50, 1, 500)).Select(e =>
        {
            using var detail = JsonDocument.Parse(e.Detail);
            return new AlertModel(e.Seq, e.Id, e.Kind, e.StoryId, e.ArticleId, e.At, e.Title, AlertText.Describe(e), detail.RootElement.Clone());
        }).ToList());
    }
}
