namespace Recoupe.Web.Hosting;

/// <summary>The server's settings, from the configuration section <c>Recoupe</c> (and <c>RECOUPE_API_KEY</c>).</summary>
public sealed class RecoupeWebOptions
{
    public const string Section = "Recoupe";
    public const string ApiKeyEnvironment = "RECOUPE_API_KEY";
    public const long Megabyte = 1024 * 1024;

    /// <summary>The article database (SQLite file, created when missing).</summary>
    public string Db { get; set; } = "./recoupe.db";

    /// <summary>When set, write endpoints require it in the <c>X-Api-Key</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Largest request body accepted (a batch of articles); larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 32 * Megabyte;

    /// <summary>Ingest requests waiting for the writer before new ones wait to be queued.</summary>
    public int QueueCapacity { get; set; } = 64;
}
