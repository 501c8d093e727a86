namespace Recoupe.Ingest;

/// <summary>Limits the readers apply. The defaults suit a news flow; tests and tools may tighten them.</summary>
public sealed record ReadLimits
{
    public const long Megabyte = 1024 * 1024;

    public static ReadLimits Default { get; } = new();

    /// <summary>Largest single article: a text or HTML file, one JSON line, one feed item.</summary>
    public long MaxArticleBytes { get; init; } = 16 * Megabyte;

    /// <summary>
    /// Largest content of one input once decompressed (gzip), all its items together; null for none, as files and
    /// feeds stream item by item. The API sets it: a request holds all its items at once.
    /// </summary>
    public long? MaxInputBytes { get; init; }

    /// <summary>Largest HTTP response body read for one URL.</summary>
    public long MaxDownloadBytes { get; init; } = 64 * Megabyte;

    /// <summary>Time allowed for one URL, from the request to the last byte of the body.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
