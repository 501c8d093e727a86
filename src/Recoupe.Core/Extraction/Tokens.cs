using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

public enum TokKind : byte { Word, Number, Punct }

[Flags]
public enum TokFlags : ushort
{
    None = 0,
    /// <summary>Starts with an upper-case letter.</summary>
    Cap = 1,
    /// <summary>Two or more letters, all upper case.</summary>
    AllCaps = 2,
    /// <summary>First word of a sentence, or first word after an opening quote mark, a colon or a dash.</summary>
    Initial = 4,
    /// <summary>A subject pronoun split off an inverted verb ("a-t-il" → "a" + "il").</summary>
    Inverted = 8,
    /// <summary>No blank between this token and the previous one.</summary>
    GluedLeft = 16,
    /// <summary>The blank before this token holds a line break.</summary>
    LineStart = 32,
    /// <summary>Inside a quotation's marks.</summary>
    InQuote = 64,
    /// <summary>An elided form ending in an apostrophe ("l'", "qu'").</summary>
    Elided = 128,
    /// <summary>A word whose lower-case form holds a hyphen ("vingt-trois", "ex-ministre").</summary>
    Hyphenated = 256,
}

/// <summary>A word, number or punctuation mark of the document text, with its lower-case form.</summary>
public struct Tok
{
    public int Start;
    public int End;
    public TokKind Kind;
    public TokFlags Flags;
    /// <summary>Lower case, straight apostrophes, accents kept.</summary>
    public string Lower;
    public int Sentence;
    // What the word lists say of a word they name (a WordInfo), else the lexicon memo of its document; null for marks
    // and numbers. One field for both keeps the token at 40 bytes (a document holds hundreds of tokens).
    private object? _word;
    private int _index;
    // A named word's WordInfo bits (see WordInfo.TokenBits), copied here: the list tests asked of every token read
    // them without reaching the WordInfo object. (They fill the token's padding: it stays at 40 bytes.)
    private uint _lists;

    /// <summary>What the language's word lists other than the lexicon say about <see cref="Lower"/>.</summary>
    public readonly WordInfo Info => _word as WordInfo ?? WordInfo.None;

    /// <summary>Lexicon word classes (n, a, v, p, i, g, d, f), empty when the lexicon does not know the form.</summary>
    public readonly string Classes => LexiconClasses() ?? "";
    /// <summary>An ordinary word of the language (the lexicon knows it), not only a name.</summary>
    public readonly bool InLexicon =>
        (_lists & WordInfo.NamedBit) != 0 ? (_lists & (uint)WordLists.Lexicon) != 0 : LexiconClasses() is not null;

    /// <summary>Does one of these lists name the word? (<see cref="Info"/>.Is without reading the WordInfo.)</summary>
    public readonly bool In(WordLists lists) => (_lists & (uint)lists) != 0;

    /// <summary><see cref="WordInfo.PhraseFirst"/> of the word (0 when the lists do not name it).</summary>
    internal readonly int PhraseFirst => (int)((_lists & (WordInfo.SpeechBit - 1)) >> WordInfo.PhraseShift);

    /// <summary><see cref="WordInfo.Speech"/> of the word (the WordInfo is read only for a word that has one).</summary>
    public readonly SpeechForm? Speech => (_lists & WordInfo.SpeechBit) != 0 ? System.Runtime.CompilerServices.Unsafe.As<WordInfo>(_word)!.Speech : null;

    /// <summary><see cref="WordInfo.Number"/> of the word (the WordInfo is read only for a word that has one).</summary>
    public readonly NumberWord? Number => (_lists & WordInfo.NumberBit) != 0 ? System.Runtime.CompilerServices.Unsafe.As<WordInfo>(_word)!.Number : null;
    public readonly bool CanBeFiniteVerb => LexiconClasses() is { } c && c.Contains('v');

    // The lexicon is large, and a look-up in it costs a cache miss: it is looked up only for the tokens that ask,
    // once each (the memo is shared by all copies of the token).
    private readonly string? LexiconClasses() =>
        _word is WordInfo info ? (info.InLexicon ? info.Classes : null) : (_word as LexiconMemo)?.Classes(_index, Lower);

    /// <summary>
    /// Looks the word up in the language's lists (other than the lexicon); false when they do not name it: the
    /// lexicon will be read when first asked, at place <paramref name="memoIndex"/> of the memo given to <see cref="Remember"/>.
    /// </summary>
    internal bool Describe(ExtractionResources resources, int memoIndex)
    {
        // one reading of the word's characters for its hash and its hyphen
        var hyphen = false;
        var hash = StableHash.Start32;
        foreach (var c in Lower)
        {
            hash = StableHash.Step32(hash, c);
            hyphen |= c == '-';
        }
        if (hyphen) Flags |= TokFlags.Hyphenated;
        // (the table keeps the token bits beside the WordInfo: describing a token does not read the WordInfo itself)
        var info = resources.Info(Lower, WordTable<WordInfo>.HashEnd(hash), out var bits);
        _word = ReferenceEquals(info, WordInfo.None) ? null : info;
        _lists = bits;
        _index = memoIndex;
        return _word is not null;
    }

    /// <summary>Gives a word the lists do not name the memo where its lexicon classes will be kept.</summary>
    internal void Remember(LexiconMemo memo)
    {
        if (Kind == TokKind.Word && _word is null) _word = memo;
    }

    public readonly bool Is(TokFlags flag) => (Flags & flag) != 0;
    public readonly bool IsWord => Kind == TokKind.Word;
    public readonly bool IsCap => Kind == TokKind.Word && (Flags & TokFlags.Cap) != 0;
    public readonly int Length => End - Start;
    public override readonly string ToString() => Lower;
}

/// <summary>
/// The extraction view of the segmenter's tokens (<see cref="Document.Tokens"/>): the same words, numbers and marks
/// with flags for capitals, blanks and line breaks. The hyphen of an inverted subject ("a" "-t-" "il") is dropped
/// and the pronoun flagged <see cref="TokFlags.Inverted"/>, so that a verb group reads "a il ajouté".
/// </summary>
public static class ExtractionTokens
{
    public static List<Tok> From(Document document, ExtractionResources resources)
    {
        var toks = new List<Tok>();
        Fill(toks, document, resources);
        return toks;
    }

    /// <summary>Fills <paramref name="toks"/> (cleared first) with the document's tokens.</summary>
    public static void Fill(List<Tok> toks, Document document, ExtractionResources resources) => Fill(toks, document, resources, null);

    /// <param name="memo">A memo to empty and use for these tokens' lexicon classes (a new one when null).</param>
    internal static void Fill(List<Tok> toks, Document document, ExtractionResources resources, LexiconMemo? memo)
    {
        toks.Clear();
        var source = document.Tokens;
        var text = document.Text;
        if (source.Count == 0 && !string.IsNullOrWhiteSpace(text))
            throw new InvalidOperationException($"extraction of {document.Source.Source} needs the segment stage's tokens: run SegmentStage first");
        var pronouns = Tokenizer.Default.Rules.InversionPronouns;
        // (a number split off its unit, "24h", adds a token: the list grows then; the buffer is kept from one document to the next)
        toks.EnsureCapacity(source.Count);
        var previousEnd = 0;
        for (var i = 0; i < source.Count; i++)
        {
            var token = source[i];
            if (IsInversionHyphen(source, i, pronouns))
            {
                // the spaced form "a t-il" leaves the euphonic "t" as a word of its own
                if (toks.Count > 0 && toks[^1].Lower == "t" && toks[^1].End == token.Start && !toks[^1].Is(TokFlags.GluedLeft)) toks.RemoveAt(toks.Count - 1);
                var pronoun = source[i + 1];
                toks.Add(new Tok { Start = pronoun.Start, End = pronoun.End, Kind = TokKind.Word, Flags = TokFlags.Inverted | TokFlags.GluedLeft, Lower = pronoun.Norm });
                previousEnd = pronoun.End;
                i++;
                continue;
            }
            var flags = TokFlags.None;
            if (i == 0 || HasLineBreak(text, previousEnd, token.Start)) flags |= TokFlags.LineStart;
            else if (token.Start == previousEnd) flags |= TokFlags.GluedLeft;
            var kind = token.Kind switch
            {
                TokenKind.Word => TokKind.Word,
                TokenKind.Number => TokKind.Number,
                _ => TokKind.Punct,
            };
            if (kind == TokKind.Word && char.IsDigit(text[token.Start]) && SplitDigits(text, token, flags, toks))
            {
                previousEnd = token.End;
                continue;
            }
            if (kind == TokKind.Word) flags |= WordFlags(text, token);
            toks.Add(new Tok { Start = token.Start, End = token.End, Kind = kind, Flags = flags, Lower = token.Norm });
            previousEnd = token.End;
        }
        // the lexicon memo has a place for each word the other lists do not name (the only ones it is asked about)
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(toks);
        var unnamed = 0;
        foreach (ref var tok in span)
            if (tok.Kind == TokKind.Word && !tok.Describe(resources, unnamed)) unnamed++;
        if (memo is null) memo = new LexiconMemo(resources, unnamed);
        else memo.Reset(resources, unnamed);
        foreach (ref var tok in span) tok.Remember(memo);
    }

    /// <summary>
    /// Digits run into letters make one word for the segmenter ("24h", "2.827cas", "1er"); figures need the number
    /// and its unit or ordinal ending apart: "24" + "h" (glued).
    /// </summary>
    private static bool SplitDigits(string text, Token token, TokFlags flags, List<Tok> toks)
    {
        var k = token.Start;
        while (k < token.End && (char.IsDigit(text[k]) || text[k] is ',' or '.' && k + 1 < token.End && char.IsDigit(text[k + 1]))) k++;
        if (k == token.End || !char.IsLetter(text[k])) return false;
        toks.Add(new Tok { Start = token.Start, End = k, Kind = TokKind.Number, Flags = flags, Lower = text[token.Start..k] });
        var rest = new Token(k, token.End, TokenKind.Word, token.Norm[(k - token.Start)..]);
        toks.Add(new Tok { Start = k, End = token.End, Kind = TokKind.Word, Flags = TokFlags.GluedLeft | WordFlags(text, rest), Lower = rest.Norm });
        return true;
    }

    /// <summary>The lower-case words of a phrase from a data file, cut as the segmenter cuts text.</summary>
    public static string[] Phrase(string phrase)
    {
        var tokens = new List<Token>();
        Tokenizer.Default.Tokenize(phrase, 0, phrase.Length, tokens);
        var words = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
            if (!IsInversionHyphen(tokens, i, Tokenizer.Default.Rules.InversionPronouns)) words.Add(tokens[i].Norm);
        return words.ToArray();
    }

    /// <summary>"-t-" or "-" glued between a word and a subject pronoun: the segmenter's cut of "a-t-il", "dit-elle".</summary>
    private static bool IsInversionHyphen(List<Token> tokens, int i, HashSet<string> pronouns)
    {
        var t = tokens[i];
        if (t.Kind != TokenKind.Punctuation || i == 0 || i + 1 >= tokens.Count) return false;
        if (t.Norm is not ("-" or "-t-" or "‑" or "‑t‑" or "‐" or "‐t‐")) return false;
        var before = tokens[i - 1];
        var after = tokens[i + 1];
        return before.Kind == TokenKind.Word && after.Kind == TokenKind.Word && before.End == t.Start && after.Start == t.End && pronouns.Contains(after.Norm);
    }

    private static bool HasLineBreak(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
            if (text[k] is '\n' or '\r') return true;
        return false;
    }

    private static TokFlags WordFlags(string text, Token token)
    {
        var flags = TokFlags.None;
        if (char.IsUpper(text[token.Start])) flags |= TokFlags.Cap;
        var letters = 0;
        var upper = true;
        for (var k = token.Start; k < token.End && upper; k++)
        {
            if (!char.IsLetter(text[k])) continue;
            letters++;
            upper = char.IsUpper(text[k]);
        }
        if (upper && letters >= 2) flags |= TokFlags.AllCaps;
        var last = token.Norm[^1];
        if (last == '\'' && token.Norm.Length > 1) flags |= TokFlags.Elided;
        return flags;
    }
}

/// <summary>Lexicon classes of a document's tokens, looked up on first use.</summary>
internal sealed class LexiconMemo(ExtractionResources resources, int count)
{
    private ExtractionResources _resources = resources;
    private string?[] _classes = new string?[count];
    private bool[] _known = new bool[count];

    /// <summary>Empties the memo for another token list (its arrays are kept when long enough).</summary>
    public void Reset(ExtractionResources resources, int count)
    {
        _resources = resources;
        if (_known.Length < count)
        {
            _classes = new string?[Math.Max(count, _known.Length * 2)];
            _known = new bool[_classes.Length];
            return;
        }
        Array.Clear(_classes, 0, count);
        Array.Clear(_known, 0, count);
    }

    public string? Classes(int index, string lower)
    {
        if (_known[index]) return _classes[index];
        _known[index] = true;
        return _classes[index] = _resources.LexiconClasses(lower);
    }
}
