using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>
/// Adds tokens and sentences inside each paragraph. A sentence ends at . ! ? … (with any closing quotes or brackets
/// right after them) when whitespace and a word that may begin a sentence follow; not after titles, initials and
/// abbreviations (data files), nor inside numbers. A line break inside a paragraph also ends a sentence unless the
/// next line goes on in lower case. Sentences run from their first token to their last, so together they cover all
/// of a paragraph's content; only whitespace lies between them.
/// </summary>
public sealed class SegmentStage(Tokenizer tokenizer) : IDocumentStage
{
    public SegmentStage() : this(Tokenizer.Default) { }

    public string Name => "segment";

    public void Run(Document document)
    {
        var text = document.Text;
        if (document.Paragraphs.Count == 0) return;
        var tokens = document.Tokens;
        var k = tokens.Count;
        // about one token per five characters of French or English news: one array instead of a chain of doublings
        tokens.EnsureCapacity(k + text.Length / 5 + 16);
        tokenizer.TokenizeParagraphs(text, document.Paragraphs, tokens);
        for (var p = 0; p < document.Paragraphs.Count; p++)
        {
            // the paragraphs come in text order, each one's tokens inside it
            var first = k;
            while (k < tokens.Count && tokens[k].End <= document.Paragraphs[p].End) k++;
            AddSentences(text, tokens, first, k, p, document.Sentences);
        }
    }

    /// <summary>Splits tokens[first, end) of one paragraph into sentences.</summary>
    public void AddSentences(string text, List<Token> tokens, int first, int end, int paragraph, List<Sentence> into)
    {
        if (first >= end) return;
        var sentenceStart = first;
        var openStraightQuotes = 0;
        var k = first;
        while (k < end)
        {
            var token = tokens[k];
            if (token.Norm == "\"") openStraightQuotes++;
            var last = k;
            var mayEnd = EndKind(text, token);
            if (mayEnd != Ending.None)
            {
                // Take in closing quotes and brackets, and punctuation stacked after them ("!».").
                while (last + 1 < end && IsInline(text, tokens[last].End, tokens[last + 1].Start))
                {
                    var next = tokens[last + 1];
                    var closes = next.Norm is "»" or "”" or ")" or "]" or "’" or "'"
                        || (next.Norm == "\"" && IsClosingStraightQuote(text, tokens[last], next, end > last + 2 ? tokens[last + 2] : null, openStraightQuotes));
                    if (!closes && !IsTerminator(next)) break;
                    if (next.Norm == "\"") openStraightQuotes++;
                    last++;
                }
            }

            var nextIndex = last + 1;
            if (nextIndex < end)
            {
                var gapStart = tokens[last].End;
                var gapEnd = tokens[nextIndex].Start;
                var split = mayEnd != Ending.None && gapEnd > gapStart && MayStartSentence(text, tokens[nextIndex], mayEnd)
                    || HasLineBreak(text, gapStart, gapEnd) && !StartsLowerCase(text, tokens[nextIndex]);
                if (split)
                {
                    into.Add(new Sentence(tokens[sentenceStart].Start, tokens[last].End, paragraph));
                    sentenceStart = nextIndex;
                }
            }
            k = nextIndex;
        }
        into.Add(new Sentence(tokens[sentenceStart].Start, tokens[end - 1].End, paragraph));
    }

    /// <summary>
    /// A straight quote after sentence punctuation: glued to it, it closes ('assez."'); spaced before and glued to the
    /// next word, it opens ('site. "Ceci'); spaced on both sides, the count of quotes so far decides.
    /// </summary>
    private static bool IsClosingStraightQuote(string text, Token before, Token quote, Token? after, int openQuotes)
    {
        if (quote.Start == before.End) return true;
        if (after is not null && after.Start == quote.End && char.IsLetterOrDigit(text[after.Start])) return false;
        return openQuotes % 2 == 1;
    }

    private enum Ending { None, Always, BeforeCapital }

    private Ending EndKind(string text, Token token)
    {
        if (IsTerminator(token)) return Ending.Always;
        if (token.Kind != TokenKind.Word || token.End - token.Start < 3 || text[token.End - 1] != '.') return Ending.None;
        // A word that kept its period is an abbreviation or initials: only some abbreviations may close a sentence.
        return tokenizer.Rules.Abbreviations.TryGetValue(text[token.Start..(token.End - 1)], out var kind) && kind == AbbreviationKind.Abbreviation
            ? Ending.BeforeCapital
            : Ending.None;
    }

    private static bool IsTerminator(Token token) =>
        token.Kind == TokenKind.Punctuation && token.Norm.Length > 0 && token.Norm.AsSpan().IndexOfAnyExcept(".!?…") < 0;

    private static bool MayStartSentence(string text, Token next, Ending ending)
    {
        var c = text[next.Start];
        if (ending == Ending.BeforeCapital) return char.IsUpper(c);
        if (char.IsLetter(c)) return !char.IsLower(c);
        if (char.IsDigit(c)) return true;
        return c is not (',' or ';' or ':' or '.' or ')' or ']' or '}' or '»' or '”' or '!' or '?' or '…' or '%');
    }

    private static bool StartsLowerCase(string text, Token token) => char.IsLower(text[token.Start]);

    /// <summary>Only spaces (no line break) between two tokens.</summary>
    private static bool IsInline(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (text[i] is '\n' or '\r') return false;
        return true;
    }

    private static bool HasLineBreak(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
            if (text[i] is '\n' or '\r') return true;
        return false;
    }
}
