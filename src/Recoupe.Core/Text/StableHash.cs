using System.Text;

namespace Recoupe.Core.Text;

/// <summary>
/// The project's one hash family, identical on every machine and process (unlike <see cref="HashCode"/> or
/// <see cref="string.GetHashCode()"/>): FNV-1a (64-bit over UTF-8 bytes for ids, or one step per UTF-16 code unit
/// where only equality inside a run matters; 32-bit for the word tables and the frozen split of a dev set), then a
/// SplitMix64-style finaliser so that every output bit depends on every input bit (needed by SimHash and MinHash).
/// Every FNV constant of the code base is here: story ids, the frozen split and the cleaner's repeat hashes all
/// come from these functions, with the values they had when each had its own copy.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const uint Fnv32Offset = 2166136261u;
    private const uint Fnv32Prime = 16777619u;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Start of a 64-bit FNV-1a run fed one UTF-16 code unit a step (<see cref="Step"/>).</summary>
    public const ulong Start = FnvOffset;

    /// <summary>One 64-bit FNV-1a step over a whole UTF-16 code unit (not its bytes): for hashes compared within a run.</summary>
    public static ulong Step(ulong hash, char c) => (hash ^ c) * FnvPrime;

    /// <summary>Chains word hashes into a running one (word shingles, paragraph hashes); order-dependent, unmixed.</summary>
    public static ulong Chain(ulong hash, ulong next) => (hash ^ next) * FnvPrime + Golden;

    /// <summary>Start of a 32-bit FNV-1a run (<see cref="Step32"/>), for the word tables.</summary>
    public const uint Start32 = Fnv32Offset;

    /// <summary>One 32-bit FNV-1a step over a UTF-16 code unit.</summary>
    public static uint Step32(uint hash, char c) => (hash ^ c) * Fnv32Prime;

    /// <summary>32-bit FNV-1a over UTF-16 code units, unmixed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint Fnv32(ReadOnlySpan<char> text)
    {
        var h = Fnv32Offset;
        foreach (var c in text) h = (h ^ c) * Fnv32Prime;
        return h;
    }

    /// <summary>32-bit FNV-1a over bytes (the frozen split of a dev set: a page name's UTF-8).</summary>
    public static uint Fnv32(ReadOnlySpan<byte> bytes)
    {
        var h = Fnv32Offset;
        foreach (var b in bytes) h = (h ^ b) * Fnv32Prime;
        return h;
    }

    /// <summary>Spreads a 32-bit FNV's bits over the low ones, which hash tables use as slot numbers.</summary>
    public static uint Mix32(uint h)
    {
        h ^= h >> 15;
        h *= 0x2c1b3c6du;
        h ^= h >> 12;
        return h;
    }

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
    public static ulong Combine(ulong seed, ulong value) => Mix(seed ^ (value + Golden + (seed << 6) + (seed >> 2)));

    /// <summary>Lower-case hex of the hash, 16 digits.</summary>
    public static string Hex(ulong hash) => hash.ToString("x16");

    /// <summary>Checks the encoder-free path against the framework's UTF-8 encoder (used by tests).</summary>
    internal static ulong OfViaEncoder(string text) => OfBytes(Encoding.UTF8.GetBytes(text));
}
