using System.Runtime.CompilerServices;

namespace Recoupe.Core.Extraction;

/// <summary>
/// The one word hash of the extraction's tables (<see cref="WordTable{T}"/>, <see cref="CompactLexicon"/>, the recent
/// lexicon answers): FNV-1a over UTF-16 code units, fixed across runs (no randomised string hashing), in steps for a
/// caller that reads the characters for more than the hash.
/// </summary>
internal static class WordHash
{
    public const uint Start = 2166136261u;

    public static uint Next(uint h, char c) => (h ^ c) * 16777619u;

    /// <summary>FNV-1a of the characters, unmixed.</summary>
    // (inlined: each table asks it for every word of every article, as when each had its own copy of the loop)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fnv(ReadOnlySpan<char> s)
    {
        var h = Start;
        foreach (var c in s) h = Next(h, c);
        return h;
    }

    /// <summary>Spreads FNV's bits over the low ones, which the tables use as slot numbers.</summary>
    public static uint Mix(uint h)
    {
        h ^= h >> 15;
        h *= 0x2c1b3c6du;
        h ^= h >> 12;
        return h;
    }
}
