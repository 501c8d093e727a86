namespace Recoupe.Ingest;

/// <summary>
/// Entry point of the readers: turns paths (files, folders read recursively), URLs (http/https) and "-" (standard
/// input) into a lazy stream of <see cref="ReadItem"/>s. Never throws for a bad input: it yields a <see cref="ReadFailure"/>.
/// </summary>
public static class ArticleReader
{
    public static IEnumerable<ReadItem> Read(IEnumerable<string> inputs, Stream? standardInput = null)
    {
        yield break; // filled in by the readers work
    }

    /// <summary>Reads one input given as bytes (an HTTP body, a file's content). <paramref name="hint"/> is a file name or a content type.</summary>
    public static IEnumerable<ReadItem> ReadBytes(string source, byte[] bytes, string? hint = null)
    {
        yield break;
    }
}
