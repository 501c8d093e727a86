using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Everything one language's word lists and lexicon say about one lower-case word form, held once per language in
/// its <see cref="Vocab"/> (spaCy's lexeme): tokens point at their lexeme instead of each keeping a copy of the facts.
/// </summary>
public sealed class Lexeme
{
    /// <summary>The lexeme of marks and numbers, and of nothing: no list names it, the lexicon does not know it.</summary>
    public static readonly Lexeme None = new("", null, WordLists.None, null, null, 0, 0);

    public Lexeme(string lower, string? classes, WordLists lists, SpeechForm? speech, NumberWord? number, int phraseFirst, int phraseLast)
    {
        Lower = lower;
        Classes = classes;
        Lists = lists;
        Speech = speech;
        Number = number;
        PhraseFirst = phraseFirst;
        PhraseLast = phraseLast;
        Hyphenated = IsHyphenated(lower);
        Elided = IsElided(lower);
    }

    /// <summary>A form holding a hyphen ("vingt-trois", "ex-ministre").</summary>
    public static bool IsHyphenated(string lower) => lower.Contains('-');
    /// <summary>An elided form: a letter or more and an apostrophe ("l'", "qu'", "jusqu'").</summary>
    public static bool IsElided(string lower) => lower.Length > 1 && lower[^1] == '\'';

    public string Lower { get; }
    /// <summary>Lexicon word classes (n, a, v, p, i, g, d, f); null when the lexicon does not know the form.</summary>
    public string? Classes { get; }
    /// <summary>The lists that name the form (<see cref="WordLists.None"/> for a word only the lexicon knows).</summary>
    public WordLists Lists { get; }
    public SpeechForm? Speech { get; }
    public NumberWord? Number { get; }
    /// <summary>Bits of the phrase tables in which a phrase starts (ends) with this word.</summary>
    public int PhraseFirst { get; }
    public int PhraseLast { get; }
    /// <summary>The form holds a hyphen ("vingt-trois", "ex-ministre").</summary>
    public bool Hyphenated { get; }
    /// <summary>The form is elided: it ends in an apostrophe ("l'", "qu'").</summary>
    public bool Elided { get; }

    public bool Is(WordLists list) => (Lists & list) != 0;
    /// <summary>An ordinary word of the language (the lexicon knows it), not only a name.</summary>
    public bool InLexicon => Classes is not null;
    public bool CanBeFiniteVerb => Classes?.Contains('v') == true;

    /// <summary>By phrase table (<see cref="PhraseTableBase.Index"/>), the phrases that start (end) with this word; null when none of the tables has one.</summary>
    internal List<(string[] Words, int Value)>?[]? StartingPhrases { get; init; }
    internal List<(string[] Words, int Value)>?[]? EndingPhrases { get; init; }
}

/// <summary>
/// A language's lexemes by lower-case form. The words the lists name (function words, speech verbs, number words,
/// the first and last words of phrases: a few thousand) get theirs when the language's resources load, in a table
/// small enough to stay in the processor's caches (open addressing, at most half full: a look-up reads a hash and
/// the lexeme it names). Any other form's lexeme holds only its lexicon classes, read from the lexicon when a stage
/// asks: no cache is kept in front of the lexicon, as one measured not worth it (see <see cref="CompactLexicon"/>).
/// Read-only once built: safe to share between threads.
/// </summary>
public sealed class Vocab
{
    private readonly Table _named;
    private readonly Func<string, string?> _lexiconClasses;

    private sealed class Table(int size)
    {
        public readonly int[] Hashes = new int[size]; // 0: empty slot
        public readonly Lexeme?[] Lexemes = new Lexeme?[size];
        public readonly int Mask = size - 1;
        public int Count;
    }

    /// <param name="named">The lexemes of the forms some list names.</param>
    /// <param name="lexiconClasses">The lexicon classes of a form no list names (null when the lexicon does not know it).</param>
    public Vocab(IEnumerable<Lexeme> named, Func<string, string?> lexiconClasses)
    {
        var list = named.ToList();
        var size = 16;
        while (size < list.Count * 2) size <<= 1;
        _named = new Table(size);
        foreach (var lexeme in list)
            if (Named(lexeme.Lower, HashOf(lexeme.Lower)) is null) Place(lexeme, HashOf(lexeme.Lower));
        _lexiconClasses = lexiconClasses;
    }

    /// <summary>Forms some list names.</summary>
    public int Count => _named.Count;

    /// <summary>The lexeme of a lower-case form.</summary>
    public Lexeme this[string lower] => Named(lower, HashOf(lower)) ?? new Lexeme(lower, _lexiconClasses(lower), WordLists.None, null, null, 0, 0);

    /// <summary>Lexicon classes of a form no list names; null when the lexicon does not know it.</summary>
    internal string? LexiconClasses(string lower) => _lexiconClasses(lower);

    /// <summary>The lexeme of a form some list names, or null (<paramref name="hash"/>: <see cref="HashOf(uint)"/> of the form).</summary>
    internal Lexeme? Named(string lower, int hash)
    {
        var slot = hash & _named.Mask;
        int h;
        while ((h = _named.Hashes[slot]) != 0)
        {
            if (h == hash && _named.Lexemes[slot] is { } lexeme && string.Equals(lexeme.Lower, lower, StringComparison.Ordinal)) return lexeme;
            slot = (slot + 1) & _named.Mask;
        }
        return null;
    }

    private void Place(Lexeme lexeme, int hash)
    {
        var slot = hash & _named.Mask;
        while (_named.Hashes[slot] != 0) slot = (slot + 1) & _named.Mask;
        _named.Lexemes[slot] = lexeme;
        _named.Hashes[slot] = hash;
        _named.Count++;
    }

    private static int HashOf(string lower) => HashOf(StableHash.Fnv32(lower));

    /// <summary>The table's hash of a form from its <see cref="StableHash.Fnv32(ReadOnlySpan{char})"/>: mixed, never 0 (0 marks an empty slot).</summary>
    internal static int HashOf(uint fnv) => (int)StableHash.Mix32(fnv) | 1;
}
