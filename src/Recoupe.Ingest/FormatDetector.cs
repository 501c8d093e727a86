using System.Text;

namespace Recoupe.Ingest;

/// <summary>Decides an input's format from its file name, its content type, or its first bytes.</summary>
internal static class FormatDetector
{
    private static readonly Dictionary<string, SourceKind> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = SourceKind.Text,
        [".html"] = SourceKind.Html,
        [".htm"] = SourceKind.Html,
        [".xhtml"] = SourceKind.Html,
        [".jsonl"] = SourceKind.JsonLines,
        [".ndjson"] = SourceKind.JsonLines,
        [".xml"] = SourceKind.Feed,
        [".rss"] = SourceKind.Feed,
        [".atom"] = SourceKind.Feed,
        [".feed"] = SourceKind.Feed,
    };

    private static readonly Dictionary<string, SourceKind> ByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/html"] = SourceKind.Html,
        ["application/xhtml+xml"] = SourceKind.Html,
        ["application/rss+xml"] = SourceKind.Feed,
        ["application/atom+xml"] = SourceKind.Feed,
        ["application/rdf+xml"] = SourceKind.Feed,
        ["application/xml"] = SourceKind.Feed,
        ["text/xml"] = SourceKind.Feed,
        ["application/x-ndjson"] = SourceKind.JsonLines,
        ["application/ndjson"] = SourceKind.JsonLines,
        ["application/jsonl"] = SourceKind.JsonLines,
        ["application/x-jsonlines"] = SourceKind.JsonLines,
        ["application/jsonlines"] = SourceKind.JsonLines,
        ["application/json"] = SourceKind.JsonLines,
    };

    private static readonly HashSet<string> GzipMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/gzip", "application/x-gzip",
    };

    /// <summary>
    /// The format a file name announces. "x.html.gz" is gzipped HTML; a bare "x.gz" is gzipped and unknown
    /// (sniffed once decompressed). <paramref name="known"/> is false for extensions we do not read.
    /// </summary>
    public static SourceHint FromFileName(string fileName, out bool known)
    {
        var name = Path.GetFileName(fileName);
        var gzipped = false;
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            gzipped = true;
            name = name[..^3];
        }
        var extension = Path.GetExtension(name);
        if (ByExtension.TryGetValue(extension, out var kind))
        {
            known = true;
            return new SourceHint(kind, gzipped);
        }
        // "page.gz" says nothing about its content but is ours to sniff; "backup.tar.gz" is not.
        known = gzipped && extension.Length == 0;
        return new SourceHint(SourceKind.Unknown, gzipped);
    }

    /// <summary>The format a Content-Type header announces; Unknown for generic types (text/plain, octet-stream).</summary>
    public static SourceHint FromContentType(string? contentType, out bool isContentType)
    {
        isContentType = false;
        if (string.IsNullOrWhiteSpace(contentType)) return SourceHint.None;
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        var charset = semicolon < 0 ? null : CharsetParameter(contentType[(semicolon + 1)..]);
        var slash = mediaType.IndexOf('/');
        // A content type is "type/subtype" with no further slash or dot-path look; a file name like "a/b.html" is not.
        if (slash <= 0 || slash != mediaType.LastIndexOf('/') || mediaType.Contains(' ')) return SourceHint.None;
        if (ByMediaType.TryGetValue(mediaType, out var kind))
        {
            isContentType = true;
            return new SourceHint(kind, false, charset);
        }
        if (GzipMediaTypes.Contains(mediaType))
        {
            isContentType = true;
            return new SourceHint(SourceKind.Unknown, true, charset);
        }
        isContentType = mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                        || mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase);
        return new SourceHint(SourceKind.Unknown, false, charset);
    }

    public static bool IsPlainTextMediaType(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);

    private static string? CharsetParameter(string parameters)
    {
        foreach (var part in parameters.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq < 0 || !part[..eq].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var value = part[(eq + 1)..].Trim().Trim('"', '\'');
            return value.Length == 0 ? null : value;
        }
        return null;
    }

    /// <summary>
    /// Guesses the format from the first bytes: a JSON object → JSON Lines; markup whose first element is
    /// rss/rdf:RDF/feed (or any XML declaration) → feed; other markup → HTML; anything else → plain text.
    /// </summary>
    public static SourceKind Sniff(ReadOnlySpan<byte> head)
    {
        var start = SkipBomAndWhitespace(head);
        if (start >= head.Length) return SourceKind.Text;
        var first = head[start];
        if (first == (byte)'{') return SourceKind.JsonLines;
        if (first != (byte)'<') return SourceKind.Text;

        // Only ASCII matters for markup names, so a Latin-1 view of the head is enough here.
        var text = Encoding.Latin1.GetString(head[start..]);
        var hasXmlDeclaration = text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase);
        var root = FirstElementName(text);
        if (root is null)
            return text.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) ? SourceKind.Html
                 : hasXmlDeclaration ? SourceKind.Feed : SourceKind.Html;
        if (root.Equals("rss", StringComparison.OrdinalIgnoreCase)
            || root.Equals("feed", StringComparison.OrdinalIgnoreCase)
            || root.EndsWith(":rdf", StringComparison.OrdinalIgnoreCase)
            || root.EndsWith(":feed", StringComparison.OrdinalIgnoreCase))
            return SourceKind.Feed;
        if (root.Equals("html", StringComparison.OrdinalIgnoreCase)) return SourceKind.Html;
        return hasXmlDeclaration ? SourceKind.Feed : SourceKind.Html;
    }

    /// <summary>Name of the first element, skipping the XML declaration, processing instructions, comments and doctype.</summary>
    private static string? FirstElementName(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var lt = text.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= text.Length) return null;
            var next = text[lt + 1];
            if (next == '?' || next == '!')
            {
                var close = next == '!' && text.AsSpan(lt).StartsWith("<!--") ? text.IndexOf("-->", lt, StringComparison.Ordinal) : text.IndexOf('>', lt);
                if (close < 0) return null;
                i = close + 1;
                continue;
            }
            var end = lt + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is ':' or '-' or '_' or '.')) end++;
            return end > lt + 1 ? text[(lt + 1)..end] : null;
        }
        return null;
    }

    internal static int SkipBomAndWhitespace(ReadOnlySpan<byte> head)
    {
        var i = head.StartsWith(ContentChecks.Utf8Bom) ? 3 : 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f') i++;
        return i;
    }
}
