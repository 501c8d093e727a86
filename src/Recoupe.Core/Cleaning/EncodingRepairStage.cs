using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// Repairs UTF-8 that was decoded as Windows-1252 or Latin-1 ("Ã©" → "é", "â€™" → "’") in titles and blocks.
/// A sequence is repaired only when its characters map back to the bytes of one valid UTF-8 sequence that
/// decodes to a character news text plausibly holds; a block is changed only when that leaves fewer suspect
/// sequences than before.
/// </summary>
public sealed class EncodingRepairStage : IDraftStage
{
    public string Name => "mojibake";

    public void Run(ArticleDraft draft)
    {
        foreach (var block in draft.Blocks)
        {
            if (Mojibake.TryRepair(block.Text, out var repaired)) block.Text = repaired;
        }
        if (draft.Found.Title is { } title && Mojibake.TryRepair(title, out var repairedTitle))
            draft.Found.Title = repairedTitle;
    }
}

/// <summary>UTF-8 read as Windows-1252 / Latin-1, and its repair.</summary>
public static class Mojibake
{
    // Windows-1252 bytes 0x80-0x9F; undefined bytes keep their Latin-1 control character.
    private static readonly char[] Cp1252High =
    [
        '€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008D', 'Ž', '\u008F',
        '\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009D', 'ž', 'Ÿ',
    ];

    private static readonly Dictionary<char, byte> Cp1252Reverse = BuildReverse();

    private static Dictionary<char, byte> BuildReverse()
    {
        var map = new Dictionary<char, byte>();
        for (var i = 0; i < Cp1252High.Length; i++) map[Cp1252High[i]] = (byte)(0x80 + i);
        return map;
    }

    /// <summary>The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1; -1 when none.</summary>
    private static int ByteOf(char c)
    {
        if (c < 0x80) return c;
        if (c <= 0xFF) return c; // Latin-1 range, including the C1 controls a Latin-1 decoder produces
        return Cp1252Reverse.TryGetValue(c, out var b) ? b : -1;
    }

    private static bool IsContinuation(char c)
    {
        var b = ByteOf(c);
        return b is >= 0x80 and <= 0xBF;
    }

    private static bool IsLead(char c) => c is >= '\u00C2' and <= '\u00F4';

    /// <summary>Number of places where a UTF-8 lead byte is followed by a continuation byte, read as characters.</summary>
    public static int CountSuspects(string text)
    {
        var count = 0;
        for (var i = 0; i + 1 < text.Length; i++)
            if (IsLead(text[i]) && IsContinuation(text[i + 1])) count++;
        return count;
    }

    /// <summary>Repairs <paramref name="text"/> when that is certain; false (and the text unchanged) otherwise.</summary>
    public static bool TryRepair(string text, out string repaired)
    {
        repaired = text;
        var before = CountSuspects(text);
        if (before == 0) return false;
        var current = text;
        // Text encoded twice the wrong way needs two passes; stop as soon as a pass finds nothing certain.
        for (var pass = 0; pass < 3; pass++)
        {
            var next = RepairOnce(current, out var fixes);
            if (fixes == 0) break;
            current = next;
            if (CountSuspects(current) == 0) break;
        }
        if (ReferenceEquals(current, text) || CountSuspects(current) >= before) return false;
        repaired = current;
        return true;
    }

    private static string RepairOnce(string text, out int fixes)
    {
        // Characters of other scripts (CJK, Cyrillic…) are accepted only when the repaired text is mostly in those
        // scripts: in Latin text, "é »" (é, no-break space, ») reads as a valid UTF-8 sequence for a CJK character.
        var repaired = RepairOnce(text, allowOtherScripts: true, out fixes, out var otherScripts);
        if (otherScripts == 0 || MostlyOtherScripts(repaired)) return repaired;
        return RepairOnce(text, allowOtherScripts: false, out fixes, out _);
    }

    private static bool MostlyOtherScripts(string text)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c <= '\u024F') latin++;
            else other++;
        }
        return other > latin;
    }

    private static string RepairOnce(string text, bool allowOtherScripts, out int fixes, out int otherScripts)
    {
        fixes = 0;
        otherScripts = 0;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsLead(c) && TryDecodeAt(text, i, allowOtherScripts, out var decoded, out var length, out var otherScript))
            {
                sb.Append(decoded);
                i += length;
                fixes++;
                if (otherScript) otherScripts++;
                continue;
            }
            sb.Append(c);
            i++;
        }
        if (fixes == 0) return text;

        // With certain repairs in the block, a lead byte followed by a plain space had a no-break space (0xA0) as
        // its second byte, which whitespace normalisation turned into (or merged with) a space: "Ã " is "à "
        // (French "à" is nearly always followed by a space), "Â " is a space.
        var result = new StringBuilder(sb.Length);
        for (var j = 0; j < sb.Length; j++)
        {
            var c = sb[j];
            if (j + 1 < sb.Length && sb[j + 1] == ' ')
            {
                if (c == 'Ã') { result.Append('à'); fixes++; continue; }
                if (c == 'Â') { fixes++; continue; }
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static bool TryDecodeAt(string text, int i, bool allowOtherScripts, out string decoded, out int length, out bool otherScript)
    {
        decoded = "";
        otherScript = false;
        var lead = ByteOf(text[i]);
        length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (i + length > text.Length) return false;
        var codePoint = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
        for (var k = 1; k < length; k++)
        {
            var b = ByteOf(text[i + k]);
            if (b is < 0x80 or > 0xBF) return false;
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        var minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (codePoint < minimum || codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF) return false;
        if (IsLatinOrSymbol(codePoint)) { }
        else if (IsOtherScript(codePoint) && allowOtherScripts) otherScript = true;
        else return false;
        decoded = char.ConvertFromUtf32(codePoint);
        return true;
    }

    /// <summary>Latin letters with accents, typographic punctuation, currency and letter-like symbols, arrows, emoji.</summary>
    private static bool IsLatinOrSymbol(int cp) =>
        cp is >= 0xA0 and <= 0x17F
            or >= 0x218 and <= 0x21B
            or >= 0x2010 and <= 0x205E
            or >= 0x20A0 and <= 0x20CF
            or >= 0x2100 and <= 0x215F
            or >= 0x2190 and <= 0x21FF
            or >= 0x2600 and <= 0x27BF
            or >= 0x1F300 and <= 0x1FAFF;

    /// <summary>Letters of other scripts news text may hold: Greek, Cyrillic, Hebrew, Arabic, CJK, Hangul.</summary>
    private static bool IsOtherScript(int cp) =>
        cp is >= 0x370 and <= 0x52F
            or >= 0x590 and <= 0x6FF
            or >= 0x3000 and <= 0x30FF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xAC00 and <= 0xD7AF;
}
