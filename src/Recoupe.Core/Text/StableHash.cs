using System.Text;

namespace Recoupe.Core.Text;

/// <summary>
/// Our own 64-bit hashes, identical on every machine and process (unlike <see cref="HashCode"/> or
/// <see cref="string.GetHashCode()"/>): FNV-1a over UTF-8 bytes, followed by a SplitMix64-style finaliser
/// so that every output bit depends on every input bit (needed by SimHash and MinHash).
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text) => Mix(Fnv1a(text));

    public static ulong Of(string text) => Of(text.AsSpan());

    /// <summary>Hash of raw bytes.</summary>
    public static ulong OfBytes(ReadOnlySpan<byte> bytes)
    {
        var h = FnvOffset;
        foreach (var b in bytes)
        {
            h ^= b;
            h *= FnvPrime;
        }
        return Mix(h);
    }

    /// <summary>Plain FNV-1a 64 over the UTF-8 encoding of <paramref name="text"/>, computed without allocating.</summary>
    public static ulong Fnv1a(ReadOnlySpan<char> text)
    {
        var h = FnvOffset;
        for (var i = 0; i < text.Length; i++)
        {
            uint c = text[i];
            if (c < 0x80)
            {
                h = (h ^ c) * FnvPrime;
            }
            else if (c < 0x800)
            {
                h = (h ^ (0xC0 | (c >> 6))) * FnvPrime;
                h = (h ^ (0x80 | (c & 0x3F))) * FnvPrime;
            }
            else if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = (uint)char.ConvertToUtf32((char)c, text[++i]);
                h = (h ^ (0xF0 | (cp >> 18))) * FnvPrime;
                h = (h ^ (0x80 | ((cp >> 12) & 0x3F))) * FnvPrime;
                h = (h ^ (0x80 | ((cp >> 6) & 0x3F))) * FnvPrime;
                h = (h ^ (0x80 | (cp & 0x3F))) * FnvPrime;
            }
            else
            {
                if (char.IsSurrogate((char)c)) c = 0xFFFD; // lone surrogate: hash U+FFFD as UTF-8 encoders do
                h = (h ^ (0xE0 | (c >> 12))) * FnvPrime;
                h = (h ^ (0x80 | ((c >> 6) & 0x3F))) * FnvPrime;
                h = (h ^ (0x80 | (c & 0x3F))) * FnvPrime;
            }
        }
        return h;
    }

    /// <summary>SplitMix64 finaliser: a bijective mix of a 64-bit value.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>Order-dependent combination of two hashes (for shingles of several words).</summary>
    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ (value + 0x9E3779B97F4A7C15UL + (seed << 6) + (seed >> 2)));

    /// <summary>Lower-case hex of the hash, 16 digits.</summary>
    public static string Hex(ulong hash) => hash.ToString("x16");

    /// <summary>Checks the encoder-free path against the framework's UTF-8 encoder (used by tests).</summary>
    internal static ulong OfViaEncoder(string text) => OfBytes(Encoding.UTF8.GetBytes(text));
}
