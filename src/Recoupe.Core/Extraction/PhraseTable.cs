using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Phrases of one or more tokens (lower case) matched against a token list, whatever their values. The matching
/// lives here, outside the generic table: code shared by every reference-type instantiation pays a run-time look-up
/// for each generic call it makes, and matching runs for most tokens of every article.
/// </summary>
public abstract class PhraseTableBase
{
    /// <summary>This table's bit in <see cref="Lexeme.PhraseFirst"/> and <see cref="Lexeme.PhraseLast"/> (0: not indexed).</summary>
    internal int Bit { get; set; }
    /// <summary>This table's place in <see cref="Lexeme"/>'s phrase lists (Bit = 1 &lt;&lt; Index; meaningless when Bit is 0).</summary>
    internal int Index { get; set; }

    // phrases by first (last) word, longest first; Value indexes the generic table's values
    private readonly Dictionary<string, List<(string[] Words, int Value)>> _byFirst = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string[] Words, int Value)>> _byLast = new(StringComparer.Ordinal);

    /// <summary>Some phrase starts (ends) with a mark ("%", "$"): marks carry no word information to check first.</summary>
    private bool _startsWithMark;
    private bool _endsWithMark;

    public int Count { get; private set; }

    /// <summary>Adds a phrase whose value is the generic table's value number <paramref name="value"/>; false when the phrase has no word.</summary>
    private protected bool AddPhrase(string phrase, int value)
    {
        var words = ExtractionTokens.Phrase(phrase);
        if (words.Length == 0) return false;
        if (!words[0].Any(char.IsLetterOrDigit)) _startsWithMark = true;
        if (!words[^1].Any(char.IsLetterOrDigit)) _endsWithMark = true;
        Add(_byFirst, words[0], words, value);
        Add(_byLast, words[^1], words, value);
        Count++;
        return true;
    }

    private static void Add(Dictionary<string, List<(string[], int)>> index, string key, string[] words, int value)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add((words, value));
        list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
    }

    public bool StartsWith(string word) => _byFirst.ContainsKey(word);

    public bool EndsWith(string word) => _byLast.ContainsKey(word);

    /// <summary>The phrases that start (end) with this word, longest first; null when none does.</summary>
    internal List<(string[] Words, int Value)>? StartingWith(string word) => _byFirst.GetValueOrDefault(word);
    internal List<(string[] Words, int Value)>? EndingWith(string word) => _byLast.GetValueOrDefault(word);

    /// <summary>The first and last words of the phrases.</summary>
    public IEnumerable<string> Words() => _byFirst.Keys.Concat(_byLast.Keys);

    /// <summary>
    /// Can a phrase start at token <paramref name="index"/>? Most tokens are told "no" from their word information
    /// alone; this test is small enough to be inlined where matching is asked for each token of an article.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected bool MayStartAt(List<Tok> tokens, int index)
    {
        if ((uint)index >= (uint)tokens.Count) return false;
        ref readonly var t = ref CollectionsMarshal.AsSpan(tokens)[index];
        // marks ("%", "$") carry no word information: they are looked up directly
        return Bit == 0 || t.Kind != TokKind.Word && _startsWithMark || (t.PhraseFirst & Bit) != 0;
    }

    /// <summary>Can a phrase end at token <paramref name="last"/>? (See <see cref="MayStartAt"/>.)</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected bool MayEndAt(List<Tok> tokens, int last)
    {
        if ((uint)last >= (uint)tokens.Count) return false;
        ref readonly var t = ref CollectionsMarshal.AsSpan(tokens)[last];
        return Bit == 0 || t.Kind != TokKind.Word && _endsWithMark || (t.PhraseLast & Bit) != 0;
    }

    /// <summary>Longest phrase that starts at token <paramref name="index"/>: its length in tokens (0 when none) and its value number.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected int MatchAt(List<Tok> tokens, int index, int limit, out int value)
    {
        value = -1;
        if ((uint)index >= (uint)tokens.Count) return 0;
        var span = CollectionsMarshal.AsSpan(tokens);
        // marks ("%", "$") carry no word information: they are looked up directly
        if (Bit != 0 && (span[index].Kind == TokKind.Word || !_startsWithMark) && (span[index].PhraseFirst & Bit) == 0) return 0;
        // a word that passed its bits is one the lists name: its lexeme holds the phrases (no look-up by string)
        var list = Bit != 0 && span[index].Kind == TokKind.Word ? span[index].Info.StartingPhrases![Index]
            : _byFirst.GetValueOrDefault(span[index].Lower);
        if (list is null) return 0;
        var end = Math.Min(span.Length, limit);
        foreach (var (words, v) in CollectionsMarshal.AsSpan(list))
        {
            if (index + words.Length > end) continue;
            var ok = true;
            for (var k = 1; k < words.Length && ok; k++) ok = string.Equals(span[index + k].Lower, words[k], StringComparison.Ordinal);
            if (!ok) continue;
            value = v;
            return words.Length;
        }
        return 0;
    }

    /// <summary>Longest phrase that ends at token <paramref name="last"/> (inclusive): its length (0 when none) and its value number.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected int MatchEndingAt(List<Tok> tokens, int last, int floor, out int value)
    {
        value = -1;
        if ((uint)last >= (uint)tokens.Count) return 0;
        var span = CollectionsMarshal.AsSpan(tokens);
        if (Bit != 0 && (span[last].Kind == TokKind.Word || !_endsWithMark) && (span[last].PhraseLast & Bit) == 0) return 0;
        var list = Bit != 0 && span[last].Kind == TokKind.Word ? span[last].Info.EndingPhrases![Index] : _byLast.GetValueOrDefault(span[last].Lower);
        if (list is null) return 0;
        foreach (var (words, v) in CollectionsMarshal.AsSpan(list))
        {
            var first = last - words.Length + 1;
            if (first < floor) continue;
            var ok = true;
            for (var k = 0; k < words.Length - 1 && ok; k++) ok = string.Equals(span[first + k].Lower, words[k], StringComparison.Ordinal);
            if (!ok) continue;
            value = v;
            return words.Length;
        }
        return 0;
    }
}

/// <summary>A phrase of one or more tokens (lower case) matched against a token list, with a value for each phrase.</summary>
public sealed class PhraseTable<T> : PhraseTableBase
{
    private readonly List<T> _values = [];

    public void Add(string phrase, T value)
    {
        if (AddPhrase(phrase, _values.Count)) _values.Add(value);
    }

    /// <summary>Longest phrase that starts at token <paramref name="index"/>; returns its length in tokens (0 when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MatchAt(List<Tok> tokens, int index, out T value, int limit = int.MaxValue)
    {
        var length = MayStartAt(tokens, index) ? MatchAt(tokens, index, limit, out int number) : number = 0;
        value = length > 0 ? _values[number] : default!;
        return length;
    }

    /// <summary>Longest phrase that ends at token <paramref name="last"/> (inclusive); returns its length (0 when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MatchEndingAt(List<Tok> tokens, int last, out T value, int floor = 0)
    {
        var length = MayEndAt(tokens, last) ? MatchEndingAt(tokens, last, floor, out int number) : number = 0;
        value = length > 0 ? _values[number] : default!;
        return length;
    }
}
