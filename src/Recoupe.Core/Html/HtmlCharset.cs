using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Recoupe.Core.Html;

/// <summary>
/// Decodes an HTML page's bytes the way browsers settle on an encoding: a byte-order mark first, then the charset the
/// transport declared (HTTP Content-Type), then a prescan of the page's head for <c>&lt;meta charset&gt;</c> or an
/// http-equiv content-type, then UTF-8. Declarations are checked against the bytes, because pages often lie:
/// bytes that are not valid UTF-8 under a UTF-8 label are read as Windows-1252, and bytes that are valid UTF-8 with
/// multi-byte sequences under a single-byte label are read as UTF-8.
/// Bytes that are not UTF-8 with no declaration (or a false one) are sniffed (<see cref="HtmlCharsetSniffer"/>):
/// Shift_JIS, EUC-JP, EUC-KR, GBK, Windows-1251, else Windows-1252.
/// </summary>
public static partial class HtmlCharset
{
    /// <summary>How far the meta prescan looks (browsers look at the first 1024 bytes; some pages put the meta later).</summary>
    public const int PrescanBytes = 4096;

    static HtmlCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, throwOnInvalidBytes: false);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static string Decode(byte[] bytes, string? declaredByTransport = null) =>
        Decode(bytes, declaredByTransport, out _);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="used"/> names the encoding chosen and why.</summary>
    public static string Decode(byte[] bytes, string? declaredByTransport, out string used)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            used = "utf-8 (bom)";
            return Utf8Strict.GetString(span[3..]);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            used = "utf-16le (bom)";
            return Encoding.Unicode.GetString(span[2..]);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            used = "utf-16be (bom)";
            return Encoding.BigEndianUnicode.GetString(span[2..]);
        }

        var declared = Resolve(declaredByTransport);
        var from = "transport";
        if (declared is null)
        {
            declared = Resolve(PrescanMeta(span));
            from = "meta";
        }

        // Pure ASCII reads the same under every encoding we accept.
        if (System.Text.Ascii.IsValid(span))
        {
            used = "ascii";
            return Encoding.ASCII.GetString(span);
        }

        var utf8 = Utf8Evidence(span);
        if (declared is null || declared.CodePage == Encoding.UTF8.CodePage)
        {
            var what = declared is null ? "default" : from;
            if (utf8.LooksUtf8)
            {
                used = $"utf-8 ({what})";
                return Utf8Strict.GetString(span);
            }
            // Not UTF-8, whatever was declared: the bytes say which legacy encoding they are in.
            var sniffed = HtmlCharsetSniffer.Sniff(span);
            // Single-byte text looks alike under every code page: the page's own language names its legacy one, as a
            // browser's locale would (Czech in Windows-1250, Greek in Windows-1253…).
            if (sniffed is null or { IsSingleByte: true } && LanguageCodePage(span) is { } byLanguage) sniffed = byLanguage;
            sniffed ??= Windows1252;
            used = $"{sniffed.WebName} (sniffed: {(declared is null ? "no declaration" : $"declared utf-8 by {from}")}, bytes are not utf-8)";
            return sniffed.GetString(span);
        }
        // Valid UTF-8 with multi-byte sequences is almost never what a legacy encoding's text looks like: the page was
        // re-saved as UTF-8 and kept its old declaration (single-byte, or GB2312, Shift_JIS, EUC-KR…).
        if (utf8.Valid && utf8.MultiByte > 0)
        {
            used = $"utf-8 (declared {declared.WebName} by {from}, bytes are utf-8)";
            return Utf8Strict.GetString(span);
        }
        // A single-byte label over bytes that read clearly as Japanese, Korean or Chinese is wrong (a copied template).
        if (declared.IsSingleByte && HtmlCharsetSniffer.Sniff(span) is { IsSingleByte: false } eastAsian)
        {
            used = $"{eastAsian.WebName} (sniffed: declared {declared.WebName} by {from})";
            return eastAsian.GetString(span);
        }
        used = $"{declared.WebName} ({from})";
        return declared.GetString(span);
    }

    /// <summary>Maps a charset label to an encoding as browsers do (Latin-1 and ASCII labels mean Windows-1252); null when unknown.</summary>
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        switch (name)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
            // A page cannot declare UTF-16 in a meta that was itself read as ASCII: browsers take it as UTF-8.
            case "utf-16" or "utf-16le" or "utf-16be" or "unicode" or "ucs-2":
                return Encoding.UTF8;
            case "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii"
                or "windows-1252" or "cp1252" or "x-cp1252" or "cp819" or "ibm819" or "iso-ir-100" or "csisolatin1":
                return Windows1252;
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The charset named by the first meta declaration in the page's first bytes, or null.</summary>
    public static string? PrescanMeta(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        foreach (Match meta in MetaTag().Matches(head))
        {
            var tag = meta.Value;
            var direct = CharsetAttribute().Match(tag);
            if (direct.Success) return direct.Groups[1].Value;
            if (!HttpEquivContentType().IsMatch(tag)) continue;
            var content = ContentCharset().Match(tag);
            if (content.Success) return content.Groups[1].Value;
        }
        return null;
    }

    /// <summary>The Windows code page of the language that the page's &lt;html lang&gt; names, for languages not written in Windows-1252; else null.</summary>
    internal static Encoding? LanguageCodePage(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        var match = HtmlLang().Match(head);
        if (!match.Success) return null;
        int? codePage = match.Groups[1].Value.ToLowerInvariant() switch
        {
            "cs" or "sk" or "pl" or "hu" or "sl" or "hr" or "bs" or "ro" or "sq" => 1250,
            "ru" or "uk" or "bg" or "be" or "sr" or "mk" => 1251,
            "el" => 1253,
            "tr" or "az" => 1254,
            "he" or "iw" or "yi" => 1255,
            "ar" or "fa" or "ur" => 1256,
            "lt" or "lv" or "et" => 1257,
            "vi" => 1258,
            "th" => 874,
            _ => null,
        };
        return codePage is { } page ? Encoding.GetEncoding(page) : null;
    }

    [GeneratedRegex(@"<html\b[^>]*?\blang\s*=\s*[""']?\s*([A-Za-z]{2,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlLang();

    private readonly record struct Utf8Check(bool Valid, int MultiByte, int Invalid)
    {
        /// <summary>Valid, or so overwhelmingly UTF-8 that a few stray bytes are damage rather than another encoding.</summary>
        public bool LooksUtf8 => Valid || MultiByte >= 10 * Invalid;
    }

    private static Utf8Check Utf8Evidence(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            var multi = 0;
            foreach (var b in bytes)
                if (b >= 0xC2 && b <= 0xF4) multi++;
            return new Utf8Check(true, multi, 0);
        }

        int multiByte = 0, invalid = 0, i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b < 0x80) { i++; continue; }
            var need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            var ok = need > 0;
            if (ok)
                for (var k = 1; k <= need; k++)
                    if (i + k >= bytes.Length || (bytes[i + k] & 0xC0) != 0x80) { ok = false; break; }
            if (ok) { multiByte++; i += need + 1; }
            else { invalid++; i++; }
        }
        return new Utf8Check(false, multiByte, invalid);
    }

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"\scharset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetAttribute();

    [GeneratedRegex(@"http-equiv\s*=\s*[""']?\s*content-type", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HttpEquivContentType();

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentCharset();
}
