using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;
using Recoupe.Web.Hosting;
using Recoupe.Web.Ingest;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Api;

/// <summary>The JSON API. Every error is an RFC 7807 problem (application/problem+json) with a message naming the input.</summary>
public static class ApiEndpoints
{
    /// <summary>Names of the POSTed items: "api", "api#item 3" (JSON array), "api:line 7" (JSON Lines), "api#item 2" (feed).</summary>
    public const string DefaultSource = "api";
    private const int MaxSourceLength = 200;

    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/articles", PostArticles)
            .RequireRateLimiting(WriteRateLimits.Policy)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithName("PostArticles")
            .WithSummary("Store one article or a batch")
            .WithDescription(
                "The body is read by its Content-Type: text/plain or text/html (one article), application/json (one object " +
                "or an array of objects), application/x-ndjson or application/jsonl (JSON Lines), application/rss+xml or " +
                "application/atom+xml (a feed). Each item is cleaned, annotated and stored unless the same cleaned text is " +
                "already stored; the answer lists each item in order: stored or duplicate with the article id, or error with " +
                "the reason. One bad item does not stop the others; when every item fails the answer is 422.")
            // The body is read by hand (415 with the list of accepted types, not a routing miss), so describe it here.
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(RecoupeWebApp.ApiKeyScheme, context.Document)] = [] }];
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One article or a batch; the Content-Type says which format.",
                    Content = ArticleBody.MediaTypes.Keys.ToDictionary(type => type,
                        _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
                };
                return Task.CompletedTask;
            })
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/articles/{id}", GetArticle)
            .WithName("GetArticle")
            .WithSummary("One stored article: metadata, clean text, and its paragraphs, entities, quotations, figures and dates as spans")
            .Produces<ArticleView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/search", Search)
            .WithName("Search")
            .WithSummary("Full-text search over articles and quotations")
            .WithDescription(
                "q: words (all must match), \"exact phrases\", prefix*. Case and accents do not count (etat finds État). " +
                "limit (1-200, default 20) and offset page both lists.")
            .Produces<SearchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapStories();
        api.MapSources();

        api.MapGet("/quotes", Quotes)
            .WithName("Quotes")
            .WithSummary("Quotations across the store, in article then text order; speaker= keeps one speaker's")
            .WithDescription(
                "speaker: a name or key as a reader types it (case, accents and transliteration do not count: poutine, " +
                "Vladimir Poutine and putin find the same speaker; Jean Dupont does not find Marie Dupont). " +
                "limit: 1-500, default 100.")
            .Produces<QuotesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/status", Status)
            .WithName("Status")
            .WithSummary("Counts: articles stored, what the writer did since the server started, and the memory write requests hold")
            .Produces<StatusResponse>();

        // Anything else under /api is a 404 problem, not the page.
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "no such API endpoint; see /openapi/v1.json")).ExcludeFromDescription();
    }

    private static async Task<IResult> PostArticles(HttpContext http, IngestQueue queue, WriteBudget budget,
        IOptions<RecoupeWebOptions> options, QueuePublishing publishing, string? source)
    {
        var settings = options.Value;
        WriteBudget.Lease? lease = null;
        try
        {
            var name = SourceName(source);
            var contentType = http.Request.ContentType;
            var format = ArticleBody.FormatOf(contentType);
            // Room in the server's memory first, then the body, then its articles one by one (RequestCosts says what each holds).
            lease = await RequestCosts.ReserveBodyAsync(http.Request, budget, settings, http.RequestAborted);
            var body = await ReadBodyInTime(http, settings);
            var items = RequestCosts.Take(ArticleBody.Items(name, body, format, contentType!), body.Length, lease, settings);
            if (publishing.Enabled) return await Publish(publishing, items, settings, http);
            // Accepted items are stored even if the client goes away; the reservation is held until they are.
            var results = await queue.IngestAsync(items, CancellationToken.None);
            var response = IngestResponse.From(results);
            if (results.Any(StoreBusyException.IsCause))
            {
                // Nothing is wrong with the articles: the store was locked by another process. Stored ones come back as duplicates.
                http.Response.Headers.RetryAfter = RequestCosts.RetryAfter(settings).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store busy",
                    detail: $"the store was locked by another writer; {response.Failed} of {response.Received} items were not stored: send them again",
                    extensions: new Dictionary<string, object?> { ["items"] = response.Items });
            }
            if (response.Failed > 0 && response.Failed == response.Received)
            {
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No article could be stored",
                    detail: response.Received == 1 ? $"{response.Items[0].Source}: {response.Items[0].Error}" : $"all {response.Received} items failed",
                    extensions: new Dictionary<string, object?> { ["items"] = response.Items });
            }
            return Results.Ok(response);
        }
        catch (BodyException e)
        {
            return Results.Problem(statusCode: e.Status, title: e.Title, detail: e.Message);
        }
        catch (ServerBusyException e)
        {
            http.Response.Headers.RetryAfter = e.RetryAfter;
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server busy", detail: e.Message);
        }
        catch (IngestClosedException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Shutting down", detail: e.Message);
        }
        finally
        {
            lease?.Dispose();
        }
    }

    /// <summary>
    /// A work queue is configured: the raw articles go there instead of the store (202, each item <c>published</c>), after
    /// waiting while the queue is too long (back-pressure; the request's memory stays reserved meanwhile). A queue that
    /// cannot be reached is a 503: nothing was published.
    /// </summary>
    private static async Task<IResult> Publish(QueuePublishing publishing, IReadOnlyList<Recoupe.Ingest.ReadItem> items,
        RecoupeWebOptions settings, HttpContext http)
    {
        var response = IngestResponse.FromPublished(items);
        if (response.Published == 0)
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No article could be read",
                detail: response.Received == 1 ? $"{response.Items[0].Source}: {response.Items[0].Error}" : $"all {response.Received} items failed",
                extensions: new Dictionary<string, object?> { ["items"] = response.Items });
        try
        {
            var publisher = await publishing.PublisherAsync(http.RequestAborted);
            // Once started, a batch is published whole even if the client goes away (as a stored batch is stored).
            await publisher.PublishAsync(items.OfType<Recoupe.Ingest.ReadArticle>().Select(r => r.Article).ToList(), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            http.Response.Headers.RetryAfter = RequestCosts.RetryAfter(settings).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Queue unavailable",
                detail: $"the work queue could not take the articles ({e.Message}); nothing was published: send them again");
        }
        return Results.Accepted(value: response);
    }

    /// <summary>The body within <see cref="RecoupeWebOptions.BodyTimeoutSeconds"/>: a slow drip does not hold its room for ever (408).</summary>
    private static async Task<byte[]> ReadBodyInTime(HttpContext http, RecoupeWebOptions settings)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.BodyTimeoutSeconds));
        try
        {
            return await ArticleBody.ReadAsync(http.Request, settings.MaxRequestBytes, deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            throw new BodyException(StatusCodes.Status408RequestTimeout, "Body too slow",
                $"the body did not arrive within {settings.BodyTimeoutSeconds:0.#} s");
        }
    }

    private static IResult GetArticle(string id, ReadStores stores)
    {
        if (!TryParseId(id, out var articleId, out var problem)) return problem;
        var article = stores.Read(store => store.Get(articleId));
        return article is null
            ? NotFound($"no article with id {articleId}")
            : Results.Ok(ArticleView.From(article));
    }

    private static IResult Search(string? q, int? limit, int? offset, ReadStores stores)
    {
        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(q).Page(limit ?? 20, offset ?? 0);
        }
        catch (ArgumentException e)
        {
            return BadRequest("Bad search query", e.Message);
        }
        var (articles, quotes) = stores.Read(store => (store.SearchArticles(query), store.SearchQuotes(query)));
        return Results.Ok(SearchResponse.From(query, articles, quotes));
    }

    public const int MaxQuotes = 500;

    private static IResult Quotes(string? speaker, int? limit, ReadStores stores)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxQuotes) return BadRequest("Bad limit", $"limit must be between 1 and {MaxQuotes}");
        if (speaker is not null)
        {
            speaker = speaker.Trim();
            try
            {
                _ = new SpeakerFilter(speaker);
            }
            catch (ArgumentException e)
            {
                // SpeakerFilter names its parameter in the message; the reader only needs the reason.
                return BadRequest("Bad speaker", $"speaker: {e.Message.Split(" (Parameter")[0]}");
            }
        }
        var query = new QuoteQuery { Speaker = speaker, Limit = take };
        var (rows, total) = stores.Read(store => (store.Quotes(query), store.CountQuotes(query with { Limit = null })));
        return Results.Ok(new QuotesResponse(speaker, total, take, rows.Select(StoredQuoteView.Of).ToList()));
    }

    private static async Task<IResult> Status(ReadStores stores, IngestQueue queue, WriteBudget budget, QueueMonitor workQueue,
        CancellationToken cancellation) =>
        Results.Ok(new StatusResponse(stores.Read(store => store.Count()),
            new IngestCountsModel(queue.Counts.Stored, queue.Counts.Duplicates, queue.Counts.Failed),
            new WriteMemoryModel(budget.InUse, budget.Peak, budget.Capacity),
            await workQueue.ReadAsync(cancellation)));

    /// <summary>Ids are positive integers; anything else is a 400 that says so (not a 404 that hides the typo).</summary>
    internal static bool TryParseId(string text, out long id, out IResult problem)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            problem = Results.Empty;
            return true;
        }
        problem = BadRequest("Bad id", $"'{Cut(text)}' is not an id: ids are positive integers");
        return false;
    }

    private static string SourceName(string? source)
    {
        if (source is null) return DefaultSource;
        if (source.Length is 0 or > MaxSourceLength || source.Any(char.IsControl))
            throw new BodyException(StatusCodes.Status400BadRequest, "Bad source name",
                $"source must be 1 to {MaxSourceLength} characters without control characters");
        return source;
    }

    internal static IResult BadRequest(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    internal static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

public sealed record IngestCountsModel(long Stored, long Duplicates, long Failed);

/// <summary>Bytes write requests hold now, the most they held at once since start, and what they may hold.</summary>
public sealed record WriteMemoryModel(long InUse, long Peak, long Capacity);

/// <summary>The answer to <c>GET /api/status</c>; its <c>queue</c> only when the server is given a work queue (<c>serve --queue</c>).</summary>
public sealed record StatusResponse(long Articles, IngestCountsModel SinceStart, WriteMemoryModel WriteMemory, QueueStatusModel? Queue = null);
