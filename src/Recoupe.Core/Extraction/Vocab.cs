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
        Hyphenated = lower.Contains('-');
    }

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
/// small enough to stay in the processor's caches; any other form gets its lexeme (its lexicon classes) the first
/// time a stage asks, and the vocabulary keeps it (up to <see cref="Capacity"/> forms). Safe to read and grow from
/// several threads; a lexeme is a fixed function of the language and the form, so what the vocabulary has learnt
/// never changes an answer.
/// <para>
/// Measured on fr-news (4,962 articles, 1.9 M word tokens), `bench/Recoupe.Bench -- extract-vocab`: asking every word
/// token whether the lexicon knows it costs 89 ns a token with the learnt lexemes kept, 92 ns with none kept (each
/// asked in the lexicon).
/// </para>
/// </summary>
public sealed class Vocab
{
    /// <summary>Forms kept at most besides the named ones (about 150 bytes each with their lexeme).</summary>
    public const int Capacity = 400_000;

    private readonly Func<string, string?> _lexiconClasses;
    private readonly int _capacity;
    private readonly Lock _writing = new();
    // Open addressing, kept at most half full: a look-up reads a hash and the lexeme it names. The named forms have a
    // table of their own, small enough to stay in the processor's caches (they are most of a text's words); the
    // forms learnt since are in a second one. Readers take no lock: a lexeme is stored before its hash, and a grown
    // table replaces the old one whole.
    private readonly Table _named;
    private volatile Table _table = new(1 << 12);
    private int _learnt;

    private sealed class Table(int size)
    {
        public readonly int[] Hashes = new int[size]; // 0: empty slot
        public readonly Lexeme?[] Lexemes = new Lexeme?[size];
        public readonly int Mask = size - 1;
        public int Count;
    }

    /// <param name="named">The lexemes of the forms some list names.</param>
    /// <param name="lexiconClasses">The lexicon classes of a form no list names (null when the lexicon does not know it).</param>
    /// <param name="capacity">Other forms kept at most (0: none, every other form looked up each time; for measuring).</param>
    public Vocab(IEnumerable<Lexeme> named, Func<string, string?> lexiconClasses, int capacity = Capacity)
    {
        var list = named.ToList();
        var size = 16;
        while (size < list.Count * 2) size <<= 1;
        _named = new Table(size);
        foreach (var lexeme in list)
            if (Find(_named, lexeme.Lower, HashOf(lexeme.Lower)) is null) Place(_named, lexeme, HashOf(lexeme.Lower));
        _lexiconClasses = lexiconClasses;
        _capacity = capacity;
    }

    /// <summary>Forms known so far (named ones included).</summary>
    public int Count => _named.Count + _table.Count;

    /// <summary>The lexeme of a lower-case form.</summary>
    public Lexeme this[string lower] => Get(lower, HashOf(lower));

    /// <summary>The lexeme of a lower-case form whose <see cref="HashOf(uint)"/> the caller has computed (reading the characters for more than the hash).</summary>
    internal Lexeme Get(string lower, int hash) => Named(lower, hash) ?? Unnamed(lower, hash);

    /// <summary>The lexeme of a form no list names (<paramref name="hash"/>: as for <see cref="Get"/>).</summary>
    internal Lexeme Unnamed(string lower, int hash)
    {
        if (Find(_table, lower, hash) is { } known) return known;
        var lexeme = new Lexeme(lower, _lexiconClasses(lower), WordLists.None, null, null, 0, 0);
        lock (_writing)
        {
            if (Find(_table, lower, hash) is { } added) return added;
            if (_learnt >= _capacity) return lexeme;
            _learnt++;
            Add(lexeme, hash);
        }
        return lexeme;
    }

    /// <summary>The lexeme of a form some list names, or null (<paramref name="hash"/>: as for <see cref="Get"/>).</summary>
    internal Lexeme? Named(string lower, int hash) => Find(_named, lower, hash);

    private static Lexeme? Find(Table table, string lower, int hash)
    {
        var slot = hash & table.Mask;
        int h;
        while ((h = Volatile.Read(ref table.Hashes[slot])) != 0)
        {
            if (h == hash && table.Lexemes[slot] is { } lexeme && string.Equals(lexeme.Lower, lower, StringComparison.Ordinal)) return lexeme;
            slot = (slot + 1) & table.Mask;
        }
        return null;
    }

    /// <summary>Adds a form not in the table (under the writing lock).</summary>
    private void Add(Lexeme lexeme, int hash)
    {
        var table = _table;
        if ((table.Count + 1) * 2 > table.Hashes.Length)
        {
            var grown = new Table(table.Hashes.Length * 2);
            for (var slot = 0; slot < table.Hashes.Length; slot++)
                if (table.Hashes[slot] != 0) Place(grown, table.Lexemes[slot]!, table.Hashes[slot]);
            _table = table = grown;
        }
        if (Find(table, lexeme.Lower, hash) is null) Place(table, lexeme, hash);
    }

    private static void Place(Table table, Lexeme lexeme, int hash)
    {
        var slot = hash & table.Mask;
        while (table.Hashes[slot] != 0) slot = (slot + 1) & table.Mask;
        table.Lexemes[slot] = lexeme;
        Volatile.Write(ref table.Hashes[slot], hash);
        table.Count++;
    }

    private static int HashOf(string lower) => HashOf(StableHash.Fnv32(lower));

    /// <summary>The table's hash of a form from its <see cref="StableHash.Fnv32(ReadOnlySpan{char})"/>: mixed, never 0 (0 marks an empty slot).</summary>
    internal static int HashOf(uint fnv) => (int)StableHash.Mix32(fnv) | 1;
}
