using System.Text;

namespace Recoupe.Core.Html;

/// <summary>
/// Guesses the encoding of bytes that are not UTF-8 and carry no usable declaration: each East Asian legacy encoding
/// is tried, and the one whose text looks like its own script wins (Japanese: kana among the characters; Korean:
/// Hangul syllables, with spaces between words; Chinese: Han characters, few spaces); Cyrillic Windows-1251 shows as
/// long runs of accented letters under Windows-1252; anything else is Windows-1252.
/// </summary>
internal static class HtmlCharsetSniffer
{
    /// <summary>Sniffing looks at this many bytes at most: enough text, bounded time on huge pages.</summary>
    private const int SampleBytes = 64 * 1024;

    private static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));

    private static readonly Lazy<(Encoding ShiftJis, Encoding EucJp, Encoding EucKr, Encoding Gbk, Encoding Cyrillic)> Candidates =
        new(() => (Strict(932), Strict(51932), Strict(51949), Strict(936), Strict(1251)));

    /// <summary>The East Asian or Cyrillic encoding the bytes are clearly in, or null (then Windows-1252 is the answer).</summary>
    public static Encoding? Sniff(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        var c = Candidates.Value;
        foreach (var japanese in new[] { c.ShiftJis, c.EucJp })
        {
            var text = Measure(japanese.GetString(sample));
            if (text.Clean && text.Kana >= 0.1 * text.NonAscii) return japanese;
        }
        var korean = Measure(c.EucKr.GetString(sample));
        if (korean.Clean && korean.Hangul >= 0.6 * korean.NonAscii && korean.SpacesBeforeWide >= 0.1 * korean.NonAscii) return c.EucKr;
        var chinese = Measure(c.Gbk.GetString(sample));
        if (chinese.Clean && chinese.Han >= 0.7 * chinese.NonAscii) return c.Gbk;
        var latin = Measure(HtmlCharset.Windows1252.GetString(sample));
        if (latin.NonAscii >= 20 && latin.InLongRuns >= 0.5 * latin.NonAscii) return c.Cyrillic;
        return null;
    }

    private readonly record struct Evidence(int NonAscii, int Invalid, int Kana, int Hangul, int Han, int SpacesBeforeWide, int InLongRuns)
    {
        /// <summary>Enough text to judge, and almost no byte sequence the encoding rejects.</summary>
        public bool Clean => NonAscii >= 20 && Invalid <= NonAscii / 200;
    }

    private static Evidence Measure(string text)
    {
        int nonAscii = 0, invalid = 0, kana = 0, hangul = 0, han = 0, spaces = 0, inLongRuns = 0, run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch < 0x80)
            {
                if (ch == ' ' && i + 1 < text.Length && text[i + 1] >= 0x80) spaces++;
                if (run >= 3) inLongRuns += run;
                run = 0;
                continue;
            }
            nonAscii++;
            run = char.IsLetter(ch) ? run + 1 : 0;
            switch (ch)
            {
                case '\uFFFD': invalid++; break;
                case >= '\u3040' and <= '\u30FF': kana++; break;
                case >= '\uAC00' and <= '\uD7A3': hangul++; break;
                case >= '\u4E00' and <= '\u9FFF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFF5E': han++; break;
            }
        }
        if (run >= 3) inLongRuns += run;
        return new Evidence(nonAscii, invalid, kana, hangul, han, spaces, inLongRuns);
    }
}
