using System.Text;

namespace Recoupe.Core.Text;

/// <summary>
/// Tests on the word a stemmer is cutting down, kept in a <see cref="StringBuilder"/> so suffixes come off without
/// allocating (StringBuilder has no EndsWith or StartsWith of its own). Shared by every language's stemmer.
/// </summary>
internal static class StemBuffer
{
    public static bool EndsWith(StringBuilder w, string s)
    {
        if (s.Length > w.Length) return false;
        var offset = w.Length - s.Length;
        for (var i = 0; i < s.Length; i++)
            if (w[offset + i] != s[i]) return false;
        return true;
    }

    public static bool StartsWith(StringBuilder w, string s)
    {
        if (s.Length > w.Length) return false;
        for (var i = 0; i < s.Length; i++)
            if (w[i] != s[i]) return false;
        return true;
    }
}
