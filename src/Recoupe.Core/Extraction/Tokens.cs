using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

public enum TokKind : byte { Word, Number, Punct }

/// <summary>
/// A word, number or punctuation mark of the document text, with its lower-case form, what its shape and place say
/// (<see cref="WordFlags"/>, the flags the matching words carry too) and its lexeme, where the facts of the word form are.
/// </summary>
public struct Tok
{
    public int Start;
    public int End;
    public TokKind Kind;
    public WordFlags Flags;
    /// <summary>Lower case, straight apostrophes, accents kept.</summary>
    public string Lower;
    public int Sentence;
    // The word's lexeme when some list names the word; for another word, the vocabulary where its lexicon classes
    // are read when a stage asks (most words are never asked about). Both null for marks and numbers.
    private Lexeme? _named;
    private Vocab? _vocab;

    /// <summary>What the language's word lists and lexicon say about <see cref="Lower"/> (<see cref="Lexeme.None"/> for marks and numbers).</summary>
    public readonly Lexeme Info => _named ?? (_vocab is { } vocab ? vocab[Lower] : Lexeme.None);

    /// <summary>Lexicon word classes (n, a, v, p, i, g, d, f), empty when the lexicon does not know the form.</summary>
    public readonly string Classes => LexiconClasses() ?? "";
    /// <summary>An ordinary word of the language (the lexicon knows it), not only a name.</summary>
    public readonly bool InLexicon => LexiconClasses() is not null;
    public readonly bool CanBeFiniteVerb => LexiconClasses()?.Contains('v') == true;

    private readonly string? LexiconClasses() => _named is { } named ? named.Classes : _vocab?.LexiconClasses(Lower);

    // (a word no list names has no list, phrase, speech or number facts: those are answered without the lexicon)

    /// <summary>Does one of these lists name the word?</summary>
    public readonly bool In(WordLists lists) => _named is { } lexeme && (lexeme.Lists & lists) != 0;

    /// <summary><see cref="Lexeme.PhraseFirst"/> of the word (0 when the lists do not name it).</summary>
    internal readonly int PhraseFirst => _named?.PhraseFirst ?? 0;
    /// <summary><see cref="Lexeme.PhraseLast"/> of the word (0 when the lists do not name it).</summary>
    internal readonly int PhraseLast => _named?.PhraseLast ?? 0;

    /// <summary>A word whose lower-case form holds a hyphen ("vingt-trois", "ex-ministre"): <see cref="Lexeme.Hyphenated"/>.</summary>
    public readonly bool Hyphenated => Kind == TokKind.Word && (_named?.Hyphenated ?? Lexeme.IsHyphenated(Lower));
    /// <summary>An elided form ending in an apostrophe ("l'", "qu'"): <see cref="Lexeme.Elided"/>.</summary>
    public readonly bool Elided => Kind == TokKind.Word && (_named?.Elided ?? Lexeme.IsElided(Lower));

    public readonly SpeechForm? Speech => _named?.Speech;
    public readonly NumberWord? Number => _named?.Number;

    /// <summary>Points the word at its lexeme, or at <paramref name="vocab"/> when no list names it.</summary>
    internal void Describe(Vocab vocab)
    {
        _named = vocab.Named(Lower, Vocab.HashOf(StableHash.Fnv32(Lower)));
        _vocab = _named is null ? vocab : null;
    }

    public readonly bool Is(WordFlags flag) => (Flags & flag) != 0;
    public readonly bool IsWord => Kind == TokKind.Word;
    public readonly bool IsCap => Kind == TokKind.Word && (Flags & WordFlags.Capitalised) != 0;
    public readonly int Length => End - Start;
    public override readonly string ToString() => Lower;
}

/// <summary>
/// The extraction view of the segmenter's tokens (<see cref="Document.Tokens"/>): the same words, numbers and marks
/// with flags for capitals, blanks and line breaks. The hyphen of an inverted subject ("a" "-t-" "il") is dropped
/// and the pronoun flagged <see cref="WordFlags.Inverted"/>, so that a verb group reads "a il ajouté".
/// </summary>
public static class ExtractionTokens
{
    public static List<Tok> From(Document document, ExtractionResources resources)
    {
        var toks = new List<Tok>();
        Fill(toks, document, resources);
        return toks;
    }

    /// <summary>Fills <paramref name="toks"/> (cleared first) with the document's tokens, each word pointing at its lexeme.</summary>
    /// <param name="vocab">Where the lexemes are found: the language's own (<see cref="ExtractionResources.Vocab"/>) when null.</param>
    public static void Fill(List<Tok> toks, Document document, ExtractionResources resources, Vocab? vocab = null)
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
                if (toks.Count > 0 && toks[^1].Lower == "t" && toks[^1].End == token.Start && !toks[^1].Is(WordFlags.GluedLeft)) toks.RemoveAt(toks.Count - 1);
                var pronoun = source[i + 1];
                toks.Add(new Tok { Start = pronoun.Start, End = pronoun.End, Kind = TokKind.Word, Flags = WordFlags.Inverted | WordFlags.GluedLeft, Lower = pronoun.Norm });
                previousEnd = pronoun.End;
                i++;
                continue;
            }
            var flags = WordFlags.None;
            if (i == 0 || HasLineBreak(text, previousEnd, token.Start)) flags |= WordFlags.LineStart;
            else if (token.Start == previousEnd) flags |= WordFlags.GluedLeft;
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
            if (kind == TokKind.Word) flags |= ShapeFlags(text, token);
            toks.Add(new Tok { Start = token.Start, End = token.End, Kind = kind, Flags = flags, Lower = token.Norm });
            previousEnd = token.End;
        }
        vocab ??= resources.Vocab;
        foreach (ref var tok in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(toks))
            if (tok.Kind == TokKind.Word) tok.Describe(vocab);
    }

    /// <summary>
    /// Digits run into letters make one word for the segmenter ("24h", "2.827cas", "1er"); figures need the number
    /// and its unit or ordinal ending apart: "24" + "h" (glued).
    /// </summary>
    private static bool SplitDigits(string text, Token token, WordFlags flags, List<Tok> toks)
    {
        var k = token.Start;
        while (k < token.End && (char.IsDigit(text[k]) || text[k] is ',' or '.' && k + 1 < token.End && char.IsDigit(text[k + 1]))) k++;
        if (k == token.End || !char.IsLetter(text[k])) return false;
        toks.Add(new Tok { Start = token.Start, End = k, Kind = TokKind.Number, Flags = flags, Lower = text[token.Start..k] });
        var rest = new Token(k, token.End, TokenKind.Word, token.Norm[(k - token.Start)..]);
        toks.Add(new Tok { Start = k, End = token.End, Kind = TokKind.Word, Flags = WordFlags.GluedLeft | ShapeFlags(text, rest), Lower = rest.Norm });
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

    /// <summary>What a word's letters say: a capital first, or all capitals.</summary>
    private static WordFlags ShapeFlags(string text, Token token)
    {
        var flags = WordFlags.None;
        if (char.IsUpper(text[token.Start])) flags |= WordFlags.Capitalised;
        var letters = 0;
        var upper = true;
        for (var k = token.Start; k < token.End && upper; k++)
        {
            if (!char.IsLetter(text[k])) continue;
            letters++;
            upper = char.IsUpper(text[k]);
        }
        if (upper && letters >= 2) flags |= WordFlags.AllCaps;
        return flags;
    }
}
