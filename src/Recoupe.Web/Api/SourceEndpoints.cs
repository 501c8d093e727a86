using Recoupe.Web.Storage;

namespace Recoupe.Web.Api;

/// <summary>One watched source and its health, as <c>recoupe sources list --json</c> gives it.</summary>
public sealed record SourceModel(long Id, string Url, string? Name, long EverySeconds, DateTime AddedAt, string? Kind, string? FeedUrl,
    DateTime? LastPoll, DateTime? LastSuccess, DateTime NextDue, int Errors, int TotalErrors, string? LastError, long Items, double ItemsPerDay);

public static class SourceEndpoints
{
    public static void MapSources(this RouteGroupBuilder api) =>
        api.MapGet("/sources", List)
            .WithName("Sources")
            .WithSummary("The sources `recoupe watch` polls, with their health")
            .WithDescription("Each source with its kind, what it led to (a home page's feed), its last poll and success, next poll, " +
                             "errors in a row and in all with the last one, articles stored and articles a day.")
            .Produces<IReadOnlyList<SourceModel>>();

    private static IResult List(WriteStore writer)
    {
        // Its own short-lived connection: a rare read that the pooled readers need not carry.
        using var sources = writer.Factory.OpenSources();
        var now = DateTime.UtcNow;
        return Results.Ok(sources.List().Select(s => new SourceModel(s.Id, s.Url, s.Name, (long)s.Every.TotalSeconds, s.AddedAt,
            s.State.Kind, s.State.FeedUrl, s.State.LastPoll, s.State.LastSuccess, s.State.NextDue, s.State.Errors, s.State.TotalErrors,
            s.State.LastError, s.State.Items, Math.Round(s.ItemsPerDay(now), 2))).ToList());
    }
}
