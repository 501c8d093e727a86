using System.Text;
using Recoupe.Core.Html;

namespace Recoupe.Ingest;

/// <summary>Charsets named by a transport (<c>Content-Type: …; charset=</c>), and the fallback for text that is not UTF-8.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>What text that is not valid UTF-8 is read as: the usual encoding of older Western European text.</summary>
    public static Encoding Windows1252 => HtmlCharset.Windows1252;

    /// <summary>
    /// The encoding a charset label names: null for no label or UTF-8 (the readers' own strict UTF-8 path), the encoding
    /// otherwise; false with <paramref name="error"/> for a label no encoding answers to.
    /// </summary>
    public static bool TryResolve(string? charset, out Encoding? encoding, out string? error)
    {
        encoding = null;
        error = null;
        if (string.IsNullOrWhiteSpace(charset)) return true;
        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "utf-8" or "utf8") return true;
        // Browsers read Latin-1 labels as Windows-1252, which only adds printable characters in 0x80-0x9F.
        if (name is "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "windows-1252" or "cp1252")
        {
            encoding = Windows1252;
            return true;
        }
        try
        {
            encoding = Encoding.GetEncoding(name);
            if (encoding.CodePage == Encoding.UTF8.CodePage) encoding = null;
            return true;
        }
        catch (ArgumentException)
        {
            error = $"unknown charset '{charset.Trim()}' in the content type";
            return false;
        }
    }
}
