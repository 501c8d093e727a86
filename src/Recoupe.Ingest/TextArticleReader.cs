using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>
/// Plain text: the whole input is one article. The pipeline finds the title; no fields are set here. A byte-order mark
/// decides, then a charset the transport declared; else UTF-8, and text that is not valid UTF-8 is read as
/// Windows-1252 with a warning naming the first invalid byte.
/// </summary>
internal static class TextArticleReader
{
    public static ReadItem Read(string source, byte[] bytes, string noun, bool decompressed, Encoding? charset = null)
    {
        string text;
        string? warning = null;
        if (ContentChecks.HasUtf16Bom(bytes))
        {
            var bigEndian = bytes[0] == 0xFE;
            try
            {
                text = new UnicodeEncoding(bigEndian, byteOrderMark: true, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            }
            catch (DecoderFallbackException ex)
            {
                return new ReadFailure(source, $"invalid UTF-16 text at byte offset {ex.Index + 2}");
            }
        }
        else if (charset is not null && !bytes.AsSpan().StartsWith(ContentChecks.Utf8Bom))
        {
            text = charset.GetString(bytes);
        }
        else if (ContentChecks.TryDecodeUtf8(bytes, 0, out text) is { } error)
        {
            text = TextEncodings.Windows1252.GetString(bytes);
            var where = decompressed ? " (offset in the decompressed content)" : "";
            warning = $"{FirstClause(error)}{where}; read as Windows-1252";
        }

        text = ContentChecks.NormaliseNewlines(ContentChecks.StripBom(text));
        if (ContentChecks.IsBlank(text)) return new ReadFailure(source, $"{noun} is empty (only whitespace)");
        return new ReadArticle(new RawArticle { Source = source, Format = InputFormat.Text, Raw = text }) { Warning = warning };
    }

    /// <summary>"invalid UTF-8 at byte offset 12 (byte 0xE9)", without the hint about other encodings.</summary>
    private static string FirstClause(string error)
    {
        var cut = error.IndexOf(';');
        return cut > 0 ? error[..cut] : error;
    }
}
