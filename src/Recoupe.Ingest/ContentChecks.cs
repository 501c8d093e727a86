using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Recoupe.Ingest;

/// <summary>Byte-level checks shared by the readers: binary content, strict UTF-8, sizes, line endings.</summary>
internal static class ContentChecks
{
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>How much of an input's head is inspected to sniff its format and to tell text from binary.</summary>
    public const int HeadLength = 8 * 1024;

    /// <summary>Above this share of control characters the head is binary, not text with a few stray bytes.</summary>
    private const double MaxControlShare = 0.05;

    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;

    public static bool HasUtf16Bom(ReadOnlySpan<byte> head) =>
        head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));

    /// <summary>A NUL byte, or too many control characters other than tab, line feed, carriage return, form feed and escape.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> head, out string why)
    {
        why = "";
        if (head.IsEmpty) return false;
        var nul = head.IndexOf((byte)0);
        if (nul >= 0)
        {
            why = $"binary content (NUL byte at offset {nul})";
            return true;
        }
        var controls = 0;
        foreach (var b in head)
            if ((b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or 0x1B)) || b == 0x7F)
                controls++;
        var share = (double)controls / head.Length;
        if (share <= MaxControlShare) return false;
        why = $"binary content ({share.ToString("P0", CultureInfo.InvariantCulture)} control characters in the first {head.Length} bytes)";
        return true;
    }

    /// <summary>True when the text holds only whitespace (a stray byte-order mark counts as whitespace here).</summary>
    public static bool IsBlank(string text)
    {
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c != '\uFEFF') return false;
        return true;
    }

    /// <summary>Decodes strict UTF-8; on an invalid sequence returns an error naming its byte offset (plus <paramref name="baseOffset"/>).</summary>
    public static string? TryDecodeUtf8(ReadOnlySpan<byte> bytes, long baseOffset, out string text)
    {
        if (Utf8.IsValid(bytes))
        {
            text = Encoding.UTF8.GetString(bytes);
            return null;
        }
        text = "";
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
                return $"invalid UTF-8 at byte offset {baseOffset + offset} (byte 0x{bytes[offset]:X2}); "
                       + "the text may be in another encoding such as Windows-1252";
            offset += consumed;
        }
        return "invalid UTF-8"; // unreachable: IsValid said there was an invalid sequence
    }

    public static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>Windows (\r\n) and old Mac (\r) line endings become \n.</summary>
    public static string NormaliseNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;

    /// <summary>"50.0 MB" (binary megabytes, as the limits are expressed).</summary>
    public static string FormatSize(long bytes) =>
        (bytes / (double)ReadLimits.Megabyte).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    public static string FormatLimit(long bytes) =>
        bytes % ReadLimits.Megabyte == 0
            ? (bytes / ReadLimits.Megabyte).ToString(CultureInfo.InvariantCulture) + " MB"
            : bytes >= ReadLimits.Megabyte ? FormatSize(bytes) : bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
}
