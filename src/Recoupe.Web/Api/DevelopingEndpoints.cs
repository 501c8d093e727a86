using Recoupe.App;
using Recoupe.Core.Storage;
using Recoupe.Web.Storage;
using Recoupe.Web.Stories;

namespace Recoupe.Web.Api;

/// <summary>One story of the front page (see <see cref="DevelopingStories"/>).</summary>
public sealed record DevelopingModel(string Id, string Headline, string Label, int Size, int Outlets, int RecentArticles,
    IReadOnlyList<string> NewOutlets, IReadOnlyList<OutletCoverage> Coverage, DevelopingArticle First, DevelopingArticle Latest);

public sealed record DevelopingPageModel(DateTime? Reference, double WindowHours, IReadOnlyList<DevelopingModel> Items);

public static class DevelopingEndpoints
{
    public static void MapDeveloping(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/developing", Developing)
            .WithName("Developing")
            .WithSummary("Stories ranked by growth in the last hours: outlets gained, then articles gained, then outlets")
            .WithDescription("The window (hours, 24 by default) ends at the newest dated article. Each story comes with its coverage " +
                             "by outlet (articles, and how many are in the window) and its first and latest article.")
            .Produces<DevelopingPageModel>();

    private static IResult Developing(StoryCatalogService stories, DevelopingArticles listing, double? hours, int? limit)
    {
        var snapshot = stories.Current();
        if (!snapshot.Ready) return Results.Problem("the stories are being grouped; try again in a moment", statusCode: StatusCodes.Status503ServiceUnavailable);
        var articles = listing.For(snapshot);
        var window = TimeSpan.FromHours(Math.Clamp(hours ?? 24, 1, 24 * 30));
        var page = DevelopingStories.Rank(snapshot, articles, window, Math.Clamp(limit ?? 10, 1, 100));
        return Results.Ok(new DevelopingPageModel(page.Reference, window.TotalHours, page.Stories.Select(d => new DevelopingModel(
            d.Entry.Story.Id, d.Entry.Story.Headline, d.Entry.Story.Label, d.Entry.Story.Size, d.Outlets, d.RecentArticles, d.NewOutlets,
            d.Coverage, d.First, d.Latest)).ToList()));
    }
}

/// <summary>The article listing the front page ranks with, kept for the story snapshot it was read with (one read per store change).</summary>
public sealed class DevelopingArticles(ReadStores readers)
{
    private readonly object _gate = new();
    private (StorySnapshot Snapshot, IReadOnlyDictionary<long, ArticleSummary> Articles)? _cached;

    public IReadOnlyDictionary<long, ArticleSummary> For(StorySnapshot snapshot)
    {
        lock (_gate)
        {
            if (_cached is { } c && ReferenceEquals(c.Snapshot, snapshot)) return c.Articles;
            var articles = readers.Read(store => store.List()).ToDictionary(a => a.Id);
            _cached = (snapshot, articles);
            return articles;
        }
    }
}
