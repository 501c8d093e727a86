using Recoupe.Core.Languages;

namespace Recoupe.Core.Text;

/// <summary>One distinct stem of an article, with a surface form for display and its counts in title and body.</summary>
public readonly record struct TermOccurrence(string Key, string Surface, int BodyCount, int TitleCount);

/// <summary>What <see cref="MatchingAnalyzer"/> extracts from one article.</summary>
public sealed class MatchingFeatures
{
    /// <summary>Stems of the content words (stop words dropped, accents folded), with counts in title and body.</summary>
    public List<TermOccurrence> Terms { get; } = [];
    /// <summary>Entity keys (folded surface forms of capitalised, non-initial words and acronyms) with a surface form and mention counts.</summary>
    public List<(string Key, string Surface, int Count)> Entities { get; } = [];
    /// <summary>Hashes of overlapping word n-grams of the body (all words, folded), for near-duplicate detection.</summary>
    public List<ulong> Shingles { get; } = [];
    /// <summary>The title's words they were read from (offsets into the title).</summary>
    public List<WordToken> TitleWords { get; init; } = [];
    /// <summary>The body's words they were read from (offsets into the article's text).</summary>
    public List<WordToken> BodyWords { get; init; } = [];
}

/// <summary>A sentence of an article: where it is and a hash of its words (punctuation and case ignored).</summary>
public readonly record struct SentenceKey(int Start, int End, ulong Hash);

/// <summary>
/// Turns title + body into matching features for one language: folded stems without stop words, entity keys and
/// word shingles. Stop words come from the language data files (stopwords.txt and
/// cluster-stopwords.txt). Keeps a cache of word → stem, so an instance is not thread-safe; use one per worker.
/// </summary>
public sealed class MatchingAnalyzer
{
    /// <summary>Words per shingle: long enough that shared shingles mean shared wording, short enough to survive edits.</summary>
    public const int ShingleSize = 4;

    private const int MaxCacheEntries = 400_000;
    private const int MaxWordLength = 64;

    private readonly IStemmer _stemmer;
    private readonly HashSet<string> _stopWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopLookup;
    // Folded words that may sit inside a name between capitalised words (name-particles.txt)
    private readonly HashSet<string> _particleLookup;
    // The stem cache: lower-case form → its stem's number (or -1 for a stop word), in one open-addressing table keyed by
    // the form's 64-bit hash, so a look-up reads one slot. A Dictionary<string, string> read three places (bucket, entry,
    // key text) that a 100,000-form table keeps out of the processor's caches: it was 60% of the stories stage's word
    // analysis in a perf profile of fr-news ingest. `bench stories corpus` (fr-news, 3 alternated rounds, process CPU):
    // 2.81, 2.81, 2.82 s with the dictionary, 2.72, 2.61, 2.69 s with this table (about 28 µs an article). Two forms
    // with one 64-bit hash would share a stem; at the 400,000 forms the cache holds at most, the odds are below 1 in 10^8.
    private Slot[] _slots = new Slot[1 << 14];
    private int _slotCount;
    // By form number (a slot's Form): the lower-case form, kept as an article's readable spelling of its stem.
    private readonly List<string> _forms = [];
    // By stem number: the folded stem, and a stem's number by its text.
    private readonly List<string> _stemTexts = [];
    private readonly Dictionary<string, int> _stemNumbers = new(StringComparer.Ordinal);

    private struct Slot
    {
        public ulong Hash; // 0: empty
        public int Form;
        public int Stem; // -1: a stop word, a single letter or digit
    }

    public MatchingAnalyzer(string language)
    {
        Language = language;
        _stemmer = Stemmers.For(language);
        _stopWords = LoadStopWords(language);
        _stopLookup = _stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _particleLookup = LoadSet(language, "name-particles");
    }

    public string Language { get; }

    /// <summary>Folded stop words for a language; for an unknown language, those of every language we have.</summary>
    public static HashSet<string> LoadStopWords(string language)
    {
        var codes = LanguageResources.Available.Contains(language) ? [language] : LanguageResources.Available;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var resources = LanguageResources.For(code);
            foreach (var name in new[] { "stopwords", "cluster-stopwords" })
                foreach (var word in resources.Set(name))
                    set.Add(TextFolding.Fold(word));
        }
        return set;
    }

    private static HashSet<string> LoadSet(string language, string name)
    {
        var codes = LanguageResources.Available.Contains(language) ? [language] : LanguageResources.Available;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
            foreach (var word in LanguageResources.For(code).Set(name))
                set.Add(TextFolding.Fold(word));
        return set;
    }

    public bool IsStopWord(ReadOnlySpan<char> folded) => _stopLookup.Contains(folded);

    /// <summary>The features of an article from its words (<see cref="Words"/>): the title's, offsets into
    /// <paramref name="title"/>, and the body's, offsets into <paramref name="text"/>.</summary>
    public MatchingFeatures Analyze(string title, List<WordToken> titleTokens, string text, List<WordToken> bodyTokens)
    {
        var features = new MatchingFeatures { TitleWords = titleTokens, BodyWords = bodyTokens };
        var body = text;
        // The cache is emptied between articles only: an article's stem and form numbers stay valid while it is counted.
        if (_forms.Count >= MaxCacheEntries) ClearCache();
        // sized once: an article has about one distinct stem per two words (no chain of doublings); by stem number, in
        // order of first appearance
        var counts = new Dictionary<int, (int Form, int Body, int Title)>((titleTokens.Count + bodyTokens.Count) / 2 + 8);
        CountTerms(title, titleTokens, counts, inTitle: true);
        CountTerms(body, bodyTokens, counts, inTitle: false);
        features.Terms.EnsureCapacity(counts.Count);
        foreach (var (stem, c) in counts) features.Terms.Add(new TermOccurrence(_stemTexts[stem], _forms[c.Form], c.Body, c.Title));

        CollectEntities(title, titleTokens, body, bodyTokens, features.Entities);
        CollectShingles(body, bodyTokens, features.Shingles);
        return features;
    }

    /// <summary>The folded stem of a word, or null for a stop word, a single letter or a single digit.</summary>
    public string? StemOf(ReadOnlySpan<char> word)
    {
        if (_forms.Count >= MaxCacheEntries) ClearCache();
        var slot = SlotOf(word);
        return slot is null || slot.Value.Stem < 0 ? null : _stemTexts[slot.Value.Stem];
    }

    /// <summary>The cache slot of a word (its stem's and lower-case form's numbers), filled on first sight; null for a
    /// word too short or too long to have a stem.</summary>
    private Slot? SlotOf(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word.Length > MaxWordLength) return null;
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        var hash = StableHash.Start;
        foreach (var c in lower) hash = StableHash.Step(hash, c);
        hash = StableHash.Mix(hash) | 1;
        var mask = _slots.Length - 1;
        var at = (int)hash & mask;
        while (_slots[at].Hash != 0)
        {
            if (_slots[at].Hash == hash) return _slots[at];
            at = (at + 1) & mask;
        }

        var key = lower.ToString();
        var folded = TextFolding.Fold(key);
        string stem;
        if (folded.Length < 2 || _stopWords.Contains(folded)) stem = "";
        else if (char.IsDigit(folded[0])) stem = folded;
        else stem = TextFolding.Fold(_stemmer.Stem(key));

        var stemNumber = -1;
        if (stem.Length > 0)
        {
            ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_stemNumbers, stem, out var known);
            if (!known)
            {
                number = _stemTexts.Count;
                _stemTexts.Add(stem);
            }
            stemNumber = number;
        }
        var filled = new Slot { Hash = hash, Form = _forms.Count, Stem = stemNumber };
        _forms.Add(key);
        _slots[at] = filled;
        if (++_slotCount * 2 > _slots.Length) Grow();
        return filled;
    }

    /// <summary>Doubles the slot table (kept at most half full).</summary>
    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Hash == 0) continue;
            var at = (int)slot.Hash & mask;
            while (_slots[at].Hash != 0) at = (at + 1) & mask;
            _slots[at] = slot;
        }
    }

    private void ClearCache()
    {
        Array.Clear(_slots);
        _slotCount = 0;
        _forms.Clear();
        _stemTexts.Clear();
        _stemNumbers.Clear();
    }

    private void CountTerms(string text, List<WordToken> tokens, Dictionary<int, (int Form, int Body, int Title)> counts, bool inTitle)
    {
        foreach (var token in tokens)
        {
            if (SlotOf(text.AsSpan(token.Start, token.Length)) is not { Stem: >= 0 } slot) continue;
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, slot.Stem, out var exists);
            if (!exists) c.Form = slot.Form;
            if (inTitle) c.Title++;
            else c.Body++;
        }
    }

    /// <summary>
    /// Entity proxy until the entity stage feeds real keys: a capitalised word that does not start a sentence,
    /// or an isolated acronym; a capitalised sentence-initial word counts when the same form appears as an entity
    /// elsewhere in the article. A title written in title case ("Putin Says…") gives no capital evidence.
    /// </summary>
    private void CollectEntities(string title, List<WordToken> titleTokens, string body, List<WordToken> bodyTokens, List<(string, string, int)> into)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new List<string>();
        var titleCase = IsTitleCase(title, titleTokens);
        if (!titleCase) Scan(title, titleTokens);
        Scan(body, bodyTokens);
        foreach (var key in pending)
            if (counts.TryGetValue(key, out var n)) counts[key] = n + 1;
        if (titleCase)
        {
            // Title-case headlines: a capitalised title word counts only when the body confirms it.
            foreach (var token in titleTokens)
            {
                if (!token.Has(WordFlags.Capitalised)) continue;
                var key = TextFolding.Fold(title.AsSpan(token.Start, token.Length));
                if (counts.TryGetValue(key, out var n)) counts[key] = n + 1;
            }
        }
        foreach (var (key, n) in counts) into.Add((key, surfaces.GetValueOrDefault(key, key), n));
        return;

        void Scan(string text, List<WordToken> tokens)
        {
            var i = 0;
            while (i < tokens.Count)
            {
                if (!IsNameWord(text, tokens, i, out var key))
                {
                    i++;
                    continue;
                }
                var token = tokens[i];
                if (token.Has(WordFlags.AllCaps))
                {
                    // An acronym stands alone ("SNCF", "RATP"), wherever it is in the sentence.
                    Count(key, text.Substring(token.Start, token.Length));
                    i++;
                    continue;
                }
                // A run of capitalised words joined by spaces or hyphens is one name: "Vladimir Poutine", "Notre-Dame".
                var end = i;
                while (true)
                {
                    if (end + 1 < tokens.Count && !tokens[end].Has(WordFlags.SentenceFinal) && Adjacent(text, tokens[end], tokens[end + 1])
                        && !tokens[end + 1].Has(WordFlags.AllCaps) && IsNameWord(text, tokens, end + 1, out _))
                    {
                        end++;
                        continue;
                    }
                    // A particle between two name words belongs to the name: "Philippe de Villiers" is one person, not
                    // "Philippe" and "Villiers".
                    if (end + 2 < tokens.Count && !tokens[end].Has(WordFlags.SentenceFinal) && !tokens[end + 1].Has(WordFlags.SentenceFinal)
                        && Adjacent(text, tokens[end], tokens[end + 1]) && Adjacent(text, tokens[end + 1], tokens[end + 2])
                        && _particleLookup.Contains(TextFolding.Fold(text.AsSpan(tokens[end + 1].Start, tokens[end + 1].Length)))
                        && !tokens[end + 2].Has(WordFlags.AllCaps) && IsNameWord(text, tokens, end + 2, out _))
                    {
                        end += 2;
                        continue;
                    }
                    break;
                }
                if (end == i)
                {
                    if (token.Has(WordFlags.SentenceInitial)) pending.Add(key);
                    else Count(key, text.Substring(token.Start, token.Length));
                }
                else
                {
                    // Keys: the whole name and its last word (the surname or head), never a first name alone.
                    var full = text.Substring(tokens[i].Start, tokens[end].End - tokens[i].Start);
                    Count(TextFolding.Fold(full.Replace('-', ' ')), full);
                    var last = tokens[end];
                    Count(TextFolding.Fold(text.AsSpan(last.Start, last.Length)), text.Substring(last.Start, last.Length));
                }
                i = end + 1;
            }
        }

        void Count(string key, string surface)
        {
            counts.TryGetValue(key, out var n);
            counts[key] = n + 1;
            surfaces.TryAdd(key, surface);
        }
    }

    /// <summary>A capitalised word of two letters or more that is not a stop word, and not part of an all-capitals run (a shouted heading).</summary>
    private bool IsNameWord(string text, List<WordToken> tokens, int i, out string key)
    {
        key = "";
        var token = tokens[i];
        if (!token.Has(WordFlags.Capitalised) || token.Length < 2 || token.Length > MaxWordLength || token.Has(WordFlags.Numeric)) return false;
        if (token.Has(WordFlags.AllCaps) && InCapitalRun(tokens, i)) return false;
        key = TextFolding.Fold(text.AsSpan(token.Start, token.Length));
        return !_stopWords.Contains(key);
    }

    /// <summary>Only spaces, or one hyphen, between two words.</summary>
    private static bool Adjacent(string text, WordToken left, WordToken right)
    {
        var gap = text.AsSpan(left.End, right.Start - left.End);
        if (gap.Length == 0) return false;
        if (gap.Length == 1) return gap[0] is ' ' or '-' or '\u00A0' or '\u2011';
        foreach (var c in gap)
            if (c is not (' ' or '\u00A0')) return false;
        return gap.Length <= 2;
    }

    private static bool InCapitalRun(List<WordToken> tokens, int i)
    {
        static bool Caps(WordToken t) => t.Has(WordFlags.AllCaps);
        return (i > 0 && Caps(tokens[i - 1]) && !tokens[i - 1].Has(WordFlags.SentenceFinal))
               || (i + 1 < tokens.Count && Caps(tokens[i + 1]) && !tokens[i].Has(WordFlags.SentenceFinal));
    }

    private static bool IsTitleCase(string title, List<WordToken> tokens)
    {
        var words = 0;
        var capitalised = 0;
        foreach (var t in tokens)
        {
            if (t.Length < 4 || t.Has(WordFlags.Numeric)) continue;
            words++;
            if (t.Has(WordFlags.Capitalised)) capitalised++;
        }
        return words >= 3 && capitalised * 10 >= words * 7;
    }

    private static void CollectShingles(string body, List<WordToken> tokens, List<ulong> into)
    {
        if (tokens.Count == 0) return;
        into.EnsureCapacity(into.Count + Math.Max(1, tokens.Count - ShingleSize + 1));
        var wordHashes = new ulong[tokens.Count];
        Span<char> buffer = stackalloc char[MaxWordLength * 2];
        for (var i = 0; i < tokens.Count; i++)
        {
            var surface = body.AsSpan(tokens[i].Start, Math.Min(tokens[i].Length, MaxWordLength));
            var n = TextFolding.FoldInto(surface, buffer);
            wordHashes[i] = StableHash.Of(n < 0 ? surface : buffer[..n]);
        }
        if (tokens.Count < ShingleSize)
        {
            var h = 0UL;
            foreach (var w in wordHashes) h = StableHash.Combine(h, w);
            into.Add(h);
            return;
        }
        for (var i = 0; i + ShingleSize <= wordHashes.Length; i++)
        {
            var h = 0UL;
            for (var j = 0; j < ShingleSize; j++) h = StableHash.Combine(h, wordHashes[i + j]);
            into.Add(h);
        }
    }
}
