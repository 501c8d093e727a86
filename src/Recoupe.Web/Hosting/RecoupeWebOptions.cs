namespace Recoupe.Web.Hosting;

/// <summary>The server's settings, from the configuration section <c>Recoupe</c> (and <c>RECOUPE_API_KEY</c>).</summary>
public sealed class RecoupeWebOptions
{
    public const string Section = "Recoupe";
    public const string ApiKeyEnvironment = "RECOUPE_API_KEY";
    public const long Megabyte = 1024 * 1024;

    /// <summary>The article database (SQLite file, created when missing).</summary>
    public string Db { get; set; } = "./recoupe.db";

    /// <summary>When set, write endpoints require it in the <c>X-Api-Key</c> header; without it the server listens on loopback only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Largest request body accepted (a batch of articles); larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 32 * Megabyte;

    /// <summary>Ingest requests waiting for the writer before new ones wait to be queued.</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Other origins (scheme://host:port) whose pages may write here; none by default.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Write requests a client (its API key, else its IP address) may make per minute, in bursts of as many; 0: no limit.</summary>
    public int WritesPerMinute { get; set; } = 1200;

    /// <summary>
    /// Memory the server may hold for write requests at once (bodies and the articles read from them, while they are
    /// read, queued and stored), within a server of about twice as much in all. A request that would go over waits for
    /// room, then gets 503; one that could never fit gets 413.
    /// </summary>
    public long MaxInFlightBytes { get; set; } = 512 * Megabyte;

    /// <summary>How long a write request may wait for room in <see cref="MaxInFlightBytes"/> before a 503.</summary>
    public double BudgetWaitSeconds { get; set; } = 30;

    /// <summary>Time allowed to receive one request body, from its first byte to its last (a slow drip is cut at it with 408).</summary>
    public double BodyTimeoutSeconds { get; set; } = 60;

    /// <summary>Poll the watched sources (<c>serve --watch</c>) as <c>recoupe watch</c> does, writing through the server's one writer.</summary>
    public bool Watch { get; set; }

    /// <summary>
    /// The RabbitMQ work queue of a scale-out (amqp://…, <c>serve --queue</c>); when set, POSTed articles and those the
    /// server's watcher finds are published there instead of stored (the workers store them), and <c>/api/status</c>
    /// shows its depth, the workers attached and its dead letters with their reasons. Null: no queue.
    /// </summary>
    public string? Queue { get; set; }

    /// <summary>Publishers wait while the work queue holds more messages than this (back-pressure, as <c>ingest --queue</c>).</summary>
    public long QueueMaxDepth { get; set; } = new Recoupe.Queue.QueueOptions().MaxDepth;

    /// <summary>The queue's name (its dead letters are in NAME.dead), as <c>worker --queue-name</c>.</summary>
    public string QueueName { get; set; } = "recoupe.raw";

    /// <summary>How long the writer waits for another process's write lock on the store before answering 503.</summary>
    public double BusyTimeoutSeconds { get; set; } = 10;
}
