using System.Globalization;
using Recoupe.Ingest;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Ingest;

/// <summary>
/// What one write request holds in memory, reserved in the <see cref="WriteBudget"/> before it is held: the body (read
/// into a buffer, then copied once), then the articles read from it (their strings, UTF-16) and what the pipeline builds
/// from them until they are stored. The articles are counted one by one as they are read, so a small body that
/// inflates (a gzipped feed) is stopped at the request's limit instead of after it filled the memory.
/// </summary>
public static class RequestCosts
{
    /// <summary>What a read article holds until it is stored, per byte of its strings: the strings and the cleaned copy.</summary>
    public const int HeldFactor = 2;

    /// <summary>
    /// What the pipeline holds per character of the article it works on (tokens, spans, annotations, rows): one article
    /// of 4.2 million characters raised the CLI's peak working set from about 100 MB to 378 MB (66 bytes a character).
    /// The queue works on at most <see cref="Environment.ProcessorCount"/> articles at once, so only the largest ones count.
    /// </summary>
    public const int PipelineBytesPerChar = 80;

    /// <summary>Fixed cost of an item (records, names, small strings).</summary>
    private const int ItemOverhead = 256;

    /// <summary>Largest reservation one request may grow to: its articles may hold this much, or it gets 413.</summary>
    public static long MaxPerRequest(RecoupeWebOptions options) =>
        Math.Min(options.MaxInFlightBytes, 16 * options.MaxRequestBytes);

    /// <summary>Reserves room for the body before reading it (its declared length, or the largest allowed when it has none).</summary>
    public static async Task<WriteBudget.Lease> ReserveBodyAsync(HttpRequest request, WriteBudget budget, RecoupeWebOptions options,
        CancellationToken cancellation)
    {
        var length = Math.Min(request.ContentLength ?? options.MaxRequestBytes, options.MaxRequestBytes);
        var bytes = Math.Max(ItemOverhead, 2 * length);
        if (bytes > budget.Capacity)
            throw new BodyException(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"a body of {length:N0} bytes needs more than the {budget.Capacity:N0} bytes this server gives all writes at once; send smaller batches");
        return await budget.ReserveAsync(bytes, TimeSpan.FromSeconds(options.BudgetWaitSeconds), cancellation).ConfigureAwait(false)
               ?? throw Busy(options, "the server is holding as many articles as its memory allows");
    }

    /// <summary>
    /// Reads the items, growing the reservation to cover each one (and the work on it) before taking the next:
    /// 413 past the request's limit, 503 when the server has no room left for it now.
    /// </summary>
    public static List<ReadItem> Take(IEnumerable<ReadItem> items, long bodyBytes, WriteBudget.Lease lease, RecoupeWebOptions options)
    {
        var limit = MaxPerRequest(options);
        var held = 0L;
        var largest = new PriorityQueue<long, long>(); // the largest articles' pipeline costs, smallest on top
        var working = 0L; // what the pipeline holds while it works on the largest articles at once
        var taken = new List<ReadItem>();
        foreach (var item in items)
        {
            var bytes = HeldBytes(item);
            held += HeldFactor * bytes;
            var pipeline = PipelineBytesPerChar * (bytes / 2);
            largest.Enqueue(pipeline, pipeline);
            working += pipeline;
            if (largest.Count > Environment.ProcessorCount) working -= largest.Dequeue();
            var needed = bodyBytes + held + working;
            if (needed > limit)
                throw new BodyException(StatusCodes.Status413PayloadTooLarge, "Request too large once read",
                    $"the articles read from this body (at {item.Source}) would hold more than {limit:N0} bytes " +
                    "while they are stored; send smaller batches or smaller articles");
            if (needed > lease.Bytes && !lease.TryResize(needed))
                throw Busy(options, $"the server has no room now for the articles read from this body (at {item.Source})");
            taken.Add(item);
        }
        return taken;
    }

    /// <summary>Bytes an item's strings take (UTF-16).</summary>
    public static long HeldBytes(ReadItem item) => ItemOverhead + 2L * item switch
    {
        ReadArticle { Article: var a } => (long)a.Raw.Length + (a.Fields.Body?.Length ?? 0) + (a.Fields.Lead?.Length ?? 0) + (a.Fields.Title?.Length ?? 0),
        ReadFailure failure => failure.Error.Length,
        _ => 0,
    };

    private static ServerBusyException Busy(RecoupeWebOptions options, string why) =>
        new($"{why}; retry in a few seconds", RetryAfter(options));

    /// <summary>Seconds a client is told to wait before retrying a 503: about half the store's busy timeout.</summary>
    public static int RetryAfter(RecoupeWebOptions options) => (int)Math.Clamp(Math.Ceiling(options.BusyTimeoutSeconds / 2), 1, 30);
}

/// <summary>The request is fine but the server cannot take it now: 503 with Retry-After.</summary>
public sealed class ServerBusyException(string detail, int retryAfterSeconds) : Exception(detail)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;

    public string RetryAfter => RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}
