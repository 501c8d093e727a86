using System.Globalization;
using Recoupe.App;
using Recoupe.Core.Digest;
using Recoupe.Core.Extraction;
using Recoupe.Core.Text;
using Recoupe.Web.Storage;
using Recoupe.Web.Stories;

namespace Recoupe.Web.Api;

/// <summary>A story in the list and on its page (DESIGN.md's story shape, plus what the page shows).</summary>
public sealed record StoryModel(string Id, string Label, string Headline, int Size, IReadOnlyList<string> Outlets,
    IReadOnlyList<string> Languages, DateOnly? FirstDate, DateOnly? LastDate, IReadOnlyList<long> Articles,
    IReadOnlyList<string> KeyEntities, IReadOnlyList<string> KeyWords, bool Closed)
{
    public static StoryModel From(StoryEntry entry)
    {
        var story = entry.Story;
        return new StoryModel(story.Id, story.Label, story.Headline, story.Size, story.Outlets, entry.Languages,
            story.FirstDate, story.LastDate, entry.ArticleIds, story.KeyEntities, story.KeyWords, story.Closed);
    }
}

/// <summary>The answer to <c>GET /api/stories</c>: one page, newest then largest first.</summary>
public sealed record StoriesResponse(long Total, int Limit, int Offset, IReadOnlyList<StoryModel> Items);

/// <summary>The answer to <c>GET /api/stories/{id}</c>: the story and its digest (null, with the reason, when it could not be built).</summary>
public sealed record StoryResponse(StoryModel Story, StoryDigest? Digest, string? DigestError = null);

public static class StoryEndpoints
{
    public const int MaxLimit = 200;

    public static void MapStories(this RouteGroupBuilder api)
    {
        api.MapGet("/stories", List)
            .WithName("Stories")
            .WithSummary("Stories, newest and largest first, one page")
            .WithDescription(
                "from, to (YYYY-MM-DD): stories with an article in that range; outlet: one of its outlets contains this " +
                "(case and accents ignored); language: one of its articles is in this language (fr, en); q: every word " +
                "is in its label, key words or entities or an article title; limit (1-200, default 20), offset.")
            .Produces<StoriesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/stories/{id}", Get)
            .WithName("Story")
            .WithSummary("One story with its articles (a former id of a merged story finds the story it became part of)")
            .Produces<StoryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult List(string? from, string? to, string? outlet, string? language, string? q, int? limit, int? offset,
        StoryCatalogService catalog)
    {
        var take = limit ?? 20;
        var skip = offset ?? 0;
        if (take is < 1 or > MaxLimit) return ApiEndpoints.BadRequest("Bad limit", $"limit must be between 1 and {MaxLimit}");
        if (skip < 0) return ApiEndpoints.BadRequest("Bad offset", "offset must not be negative");
        if (!TryDate(from, "from", out var fromDate, out var problem) || !TryDate(to, "to", out var toDate, out problem)) return problem;
        if (fromDate > toDate) return ApiEndpoints.BadRequest("Bad dates", $"from ({from}) is after to ({to})");
        if (language is not null && (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower)))
            return ApiEndpoints.BadRequest("Bad language", "language is an ISO 639 code in lower case (fr, en)");

        var snapshot = catalog.Current();
        if (!snapshot.Ready) return NotReady();
        var outletText = string.IsNullOrWhiteSpace(outlet) ? null : TextFolding.Fold(outlet.Trim());
        var words = string.IsNullOrWhiteSpace(q) ? [] : TextFolding.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var matching = snapshot.Stories.Where(s =>
            (fromDate is null || s.Story.LastDate >= fromDate) &&
            (toDate is null || s.Story.FirstDate <= toDate) &&
            (outletText is null || s.Story.Outlets.Any(o => TextFolding.Fold(o).Contains(outletText, StringComparison.Ordinal))) &&
            (language is null || s.Languages.Contains(language)) &&
            words.All(w => s.FoldedText.Contains(w, StringComparison.Ordinal))).ToList();
        return Results.Ok(new StoriesResponse(matching.Count, take, skip, matching.Skip(skip).Take(take).Select(StoryModel.From).ToList()));
    }

    private static IResult Get(string id, StoryCatalogService catalog, ReadStores stores, StoryDigests digests)
    {
        var snapshot = catalog.Current();
        if (!snapshot.Ready) return NotReady();
        // The story store resolves former ids (merged stories) and unique prefixes; members come in story order.
        var (story, members) = stores.ReadStories(s => s.Get(id) is { } found ? (found, s.Members(found.Id)) : (null, []));
        if (story is null) return ApiEndpoints.NotFound($"no story with id '{(id.Length <= 80 ? id : id[..80] + "…")}'");
        var entry = new StoryEntry(story, members.Select(m => m.ArticleId).ToList(),
            snapshot.ById.TryGetValue(story.Id, out var listed) ? listed.Languages : [], "");
        var (digest, error) = digests.For(entry);
        return Results.Ok(new StoryResponse(StoryModel.From(entry), digest, error));
    }

    private static bool TryDate(string? text, string name, out DateOnly? date, out IResult problem)
    {
        date = null;
        problem = Results.Empty;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        problem = ApiEndpoints.BadRequest("Bad date", $"{name} must be a date as YYYY-MM-DD, not '{(text.Length <= 40 ? text : text[..40] + "…")}'");
        return false;
    }

    private static IResult NotReady() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Stories not ready", detail: "the server is still grouping the stored articles into stories; try again shortly");
}
