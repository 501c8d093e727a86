using System.Security;
using System.Text;
using System.Text.Json;

namespace Recoupe.Ingest;

/// <summary>
/// Entry point of the readers: turns paths (files, folders read recursively), URLs (http/https) and "-" (standard
/// input) into a lazy stream of <see cref="ReadItem"/>s. Never throws for a bad input: it yields a <see cref="ReadFailure"/>.
/// </summary>
public static class ArticleReader
{
    public const string StandardInputName = "-";

    public static IEnumerable<ReadItem> Read(IEnumerable<string> inputs, Stream? standardInput = null) =>
        Read(inputs, standardInput, ReadLimits.Default);

    public static IEnumerable<ReadItem> Read(IEnumerable<string> inputs, Stream? standardInput, ReadLimits limits)
    {
        foreach (var input in inputs)
            foreach (var item in ReadInput(input, standardInput, limits))
                yield return item;
    }

    /// <summary>Reads one input given as bytes (an HTTP body, a file's content). <paramref name="hint"/> is a file name or a content type.</summary>
    public static IEnumerable<ReadItem> ReadBytes(string source, byte[] bytes, string? hint = null) =>
        ReadBytes(source, bytes, hint, ReadLimits.Default);

    public static IEnumerable<ReadItem> ReadBytes(string source, byte[] bytes, string? hint, ReadLimits limits)
    {
        var sourceHint = SourceHint.None;
        if (!string.IsNullOrWhiteSpace(hint))
        {
            sourceHint = FormatDetector.FromContentType(hint, out var isContentType);
            if (!isContentType) sourceHint = FormatDetector.FromFileName(hint, out _);
            else if (sourceHint.Kind == SourceKind.Unknown && FormatDetector.IsPlainTextMediaType(hint))
                sourceHint = sourceHint with { Kind = SourceKind.Text };
        }
        var byteSource = new ByteSource(source, () => new MemoryStream(bytes, writable: false), bytes.LongLength, sourceHint, "input");
        return Guard(source, () => SourceReader.Read(byteSource, limits));
    }

    // One article per line, accents kept readable in the stored raw input.
    private static readonly JsonWriterOptions CompactJson = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One article from a JSON object already parsed (an element of an API body), read as a JSON Lines line is: the
    /// same fields, types and failures. The raw input kept is the object written on one line.
    /// </summary>
    public static ReadItem ReadJsonArticle(string source, JsonElement element)
    {
        var item = JsonLinesReader.FromObject(source, element, raw: "");
        if (item is not ReadArticle article) return item;
        try
        {
            using var line = new MemoryStream();
            using (var writer = new Utf8JsonWriter(line, CompactJson)) element.WriteTo(writer);
            return article with { Article = article.Article with { Raw = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length) } };
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A string in a field we do not read that is not text (a lone surrogate) cannot be written back.
            return new ReadFailure(source, $"the object holds a string that is not valid text ({ex.Message})");
        }
    }

    private static IEnumerable<ReadItem> ReadInput(string input, Stream? standardInput, ReadLimits limits)
    {
        if (string.IsNullOrWhiteSpace(input))
            return [new ReadFailure(input ?? "", "empty input name")];

        if (input == StandardInputName)
        {
            var stdin = new ByteSource(input, () => new NonClosingStream(standardInput ?? Console.OpenStandardInput()),
                null, SourceHint.None, "standard input") { Interactive = true };
            return Guard(input, () => SourceReader.Read(stdin, limits));
        }

        if (HttpFetcher.IsHttpUrl(input, out var uri))
            return Guard(input, () => HttpFetcher.Read(input, uri, limits));

        if (Directory.Exists(input))
            return ReadFolder(input, limits);

        return Guard(input, () => ReadFile(input, explicitlyGiven: true, limits));
    }

    private static IEnumerable<ReadItem> ReadFolder(string folder, ReadLimits limits)
    {
        foreach (var (file, failure) in FolderWalker.Walk(folder))
        {
            if (failure is not null)
            {
                yield return failure;
                continue;
            }
            foreach (var item in Guard(file!, () => ReadFile(file!, explicitlyGiven: false, limits)))
                yield return item;
        }
    }

    private static IEnumerable<ReadItem> ReadFile(string path, bool explicitlyGiven, ReadLimits limits)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return [new ReadFailure(path, "no such file or folder")];
        // A file named explicitly with an extension we do not know is sniffed; folder walks only list known ones.
        var hint = FormatDetector.FromFileName(path, out _);
        var source = new ByteSource(path,
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan),
            // A zero length may be a device or pipe (/dev/stdin): let the read itself find out whether it is empty.
            info.Length > 0 ? info.Length : null, hint, "file");
        return SourceReader.Read(source, limits);
    }

    /// <summary>
    /// Runs a reader so that no exception leaves <see cref="Read"/>: items already produced are kept and the error
    /// becomes one failure naming the input.
    /// </summary>
    private static IEnumerable<ReadItem> Guard(string source, Func<IEnumerable<ReadItem>> read)
    {
        IEnumerator<ReadItem>? items = null;
        ReadFailure? failure = null;
        try
        {
            items = read().GetEnumerator();
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            failure = FailureOf(source, ex);
        }
        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (items)
        {
            while (true)
            {
                try
                {
                    if (!items!.MoveNext()) break;
                }
                catch (Exception ex) when (IsInputError(ex))
                {
                    failure = FailureOf(source, ex);
                }
                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }
                yield return items!.Current;
            }
        }
    }

    /// <summary>
    /// Everything but running out of memory: one bad input must not stop a batch. Errors that are not the input's
    /// fault are still named as such in the failure (see <see cref="Describe"/>).
    /// </summary>
    private static bool IsInputError(Exception ex) => ex is not OutOfMemoryException;

    private static ReadFailure FailureOf(string source, Exception ex) =>
        new(source, Describe(ex)) { OverLimit = ex is InputTooLargeException };

    internal static string Describe(Exception ex) => ex switch
    {
        InputTooLargeException => ex.Message,
        FileNotFoundException or DirectoryNotFoundException => "no such file or folder",
        UnauthorizedAccessException or SecurityException => $"permission denied ({ex.Message})",
        InvalidDataException => $"not valid gzip data ({ex.Message})",
        PathTooLongException => "path is too long",
        IOException => $"read error: {ex.Message}",
        ArgumentException or NotSupportedException => $"cannot read this input: {ex.Message}",
        _ => $"internal error while reading ({ex.GetType().Name}: {ex.Message})",
    };
}

/// <summary>Standard input belongs to the caller: reading it must not close it.</summary>
internal sealed class NonClosingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
