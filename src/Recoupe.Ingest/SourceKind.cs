namespace Recoupe.Ingest;

/// <summary>How a reader treats an input. Feeds are told apart (RSS or Atom) only once their root element is read.</summary>
internal enum SourceKind { Unknown, Text, Html, JsonLines, Feed }

/// <summary>What the name or the transport says about an input before its bytes are looked at.</summary>
internal readonly record struct SourceHint(SourceKind Kind, bool Gzipped, string? Charset = null)
{
    public static SourceHint None => new(SourceKind.Unknown, false);

    /// <summary>Single-article formats are read whole, so they are held to the per-article size limit.</summary>
    public static bool IsWholeFile(SourceKind kind) => kind is SourceKind.Text or SourceKind.Html;
}
