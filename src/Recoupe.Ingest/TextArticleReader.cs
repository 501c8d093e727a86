using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>Plain text: the whole input is one article. The pipeline finds the title; no fields are set here.</summary>
internal static class TextArticleReader
{
    public static ReadItem Read(string source, byte[] bytes, string noun, bool decompressed)
    {
        string text;
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
        else if (ContentChecks.TryDecodeUtf8(bytes, 0, out text) is { } error)
        {
            return new ReadFailure(source, decompressed ? error + " (offset in the decompressed content)" : error);
        }

        text = ContentChecks.NormaliseNewlines(ContentChecks.StripBom(text));
        if (ContentChecks.IsBlank(text)) return new ReadFailure(source, $"{noun} is empty (only whitespace)");
        return new ReadArticle(new RawArticle { Source = source, Format = InputFormat.Text, Raw = text });
    }
}
