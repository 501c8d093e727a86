using System.Runtime.CompilerServices;
using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

/// <summary>A pair of quotation marks and what the quote stage decided about it.</summary>
public sealed class QuotePair
{
    public int OpenTok;
    public int CloseTok;
    public char Mark;
    public int Depth;
    public QuotePair? Parent;
    /// <summary>Quoted text without the marks and the blanks inside them.</summary>
    public int ContentStart;
    public int ContentEnd;
    /// <summary>No closing mark before the paragraph ended.</summary>
    public bool Unclosed;

    // decisions
    public bool IsQuotation;
    public QuoteKind Kind;
    public Mention? Speaker;
    public Cue? Cue;
    public string? NotQuoteReason;
}

/// <summary>A speech or claim cue: the verb (or "selon") and the mention that is its subject.</summary>
public sealed class Cue
{
    public int FirstTok;
    public int LastTok;
    public string Lemma = "";
    public Mention? Subject;
    /// <summary>The subject follows the verb ("…, a déclaré X") or "selon X".</summary>
    public bool Inverted;
    /// <summary>"que"/"qu'" right after the cue: what follows is reported speech.</summary>
    public int ThatTok = -1;
    public bool IsAccording;
}

/// <summary>
/// Everything the extraction stages work from, computed once per document and shared by the entity, quote and
/// figure stages: tokens, sentences, quote-mark pairs, mentions. Kept beside the document while it lives.
/// </summary>
public sealed class ArticleAnalysis
{
    private static readonly ConditionalWeakTable<Document, ArticleAnalysis> Cache = new();
    private static readonly HashSet<string> AllDottedTitles = BuildDottedTitles();

    public Document Document { get; }
    public string Text { get; }
    public ExtractionResources R { get; }
    public List<Tok> Toks { get; }
    /// <summary>Token index where each sentence starts.</summary>
    public List<int> SentenceStarts { get; } = [];
    public List<QuotePair> Pairs { get; } = [];
    /// <summary>For each token, the innermost quote pair whose marks enclose it (null outside quotations).</summary>
    public QuotePair?[] Enclosing { get; }

    public EntityFinder? Entities { get; internal set; }
    public QuoteFinder? Quotes { get; internal set; }

    private ArticleAnalysis(Document document)
    {
        Document = document;
        Text = document.Text;
        R = ExtractionResources.For(PickLanguage(document));
        Toks = WordTokenizer.Tokenize(Text, AllDottedTitles);
        Enclosing = new QuotePair?[Toks.Count];
        QuoteMarks.Pair(this);
        SplitSentences();
    }

    public static ArticleAnalysis For(Document document) => Cache.GetValue(document, d => new ArticleAnalysis(d));

    public EntityFinder EnsureEntities() => Entities ??= EntityFinder.Run(this);

    public QuoteFinder EnsureQuotes()
    {
        EnsureEntities();
        return Quotes ??= QuoteFinder.Run(this);
    }

    private static HashSet<string> BuildDottedTitles()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in Languages.LanguageResources.Available)
            set.UnionWith(ExtractionResources.For(code).DottedTitles);
        return set;
    }

    private static string PickLanguage(Document document)
    {
        var lang = document.Metadata.Language;
        if (lang is "fr" or "en") return lang;
        // our own quick guess when no language stage ran: frequent function words
        int fr = 0, en = 0;
        var text = document.Text;
        var limit = Math.Min(text.Length, 3000);
        var start = 0;
        for (var i = 0; i <= limit; i++)
        {
            if (i < limit && char.IsLetter(text[i])) continue;
            var len = i - start;
            if (len is >= 2 and <= 4)
            {
                var w = text.AsSpan(start, len);
                if (w is "le" or "la" or "les" or "des" or "est" or "une" or "et" or "du" or "qui") fr++;
                else if (w is "the" or "and" or "of" or "is" or "was" or "that" or "to" or "said") en++;
            }
            start = i + 1;
        }
        return en > fr ? "en" : "fr";
    }

    public string Slice(int start, int end) => Text[start..end];

    public string TokText(int i) => Text[Toks[i].Start..Toks[i].End];

    /// <summary>Text of tokens first..last inclusive.</summary>
    public string Span(int first, int last) => Text[Toks[first].Start..Toks[last].End];

    public bool InQuote(int tok) => Enclosing[tok] is { IsQuotation: true } || (Enclosing[tok] is not null && Quotes is null);

    public int SentenceOf(int tok) => Toks[tok].Sentence;

    public int SentenceStartTok(int sentence) => SentenceStarts[sentence];

    public int SentenceEndTok(int sentence) => sentence + 1 < SentenceStarts.Count ? SentenceStarts[sentence + 1] : Toks.Count;

    private void SplitSentences()
    {
        var toks = Toks;
        var external = new HashSet<int>();
        foreach (var s in Document.Sentences) external.Add(s.Start);
        var closing = new HashSet<int>();
        foreach (var p in Pairs) if (!p.Unclosed) closing.Add(p.CloseTok);
        var opening = new HashSet<int>();
        foreach (var p in Pairs) opening.Add(p.OpenTok);

        var sentence = 0;
        SentenceStarts.Add(0);
        var initialNext = true;
        for (var i = 0; i < toks.Count; i++)
        {
            var t = toks[i];
            var boundary = false;
            if (i > 0)
            {
                if (t.Is(TokFlags.LineStart)) boundary = true;
                else if (external.Contains(t.Start) && !IsTitleToken(i - 1)) boundary = true;
                else
                {
                    var prev = toks[i - 1];
                    var prevIsEnd = prev.Kind == TokKind.Punct && prev.Lower is "." or "!" or "?" or "…" or "...";
                    var prevIsCloseAfterEnd = closing.Contains(i - 1) && i >= 2 && toks[i - 2].Kind == TokKind.Punct && toks[i - 2].Lower is "." or "!" or "?" or "…" or "...";
                    var startsLikeSentence = t.IsCap || t.Kind == TokKind.Number || opening.Contains(i) || t.Lower is "-" or "—" or "–";
                    if ((prevIsEnd || prevIsCloseAfterEnd) && startsLikeSentence && !closing.Contains(i) && !IsAbbreviationBefore(i - 1)) boundary = true;
                    // a closing mark glued to a capitalised word: a sub-heading quotation or glued paragraphs
                    else if (closing.Contains(i - 1) && t.IsCap && !prevIsEnd && Enclosing[i] is null && StartsClause(i)) boundary = true;
                }
            }
            if (boundary)
            {
                sentence++;
                SentenceStarts.Add(i);
                initialNext = true;
            }
            t.Sentence = sentence;
            if (t.Kind == TokKind.Word && initialNext)
            {
                t.Flags |= TokFlags.Initial;
                initialNext = false;
            }
            else if (t.Kind == TokKind.Word) initialNext = false;
            if (t.Kind == TokKind.Punct && (opening.Contains(i) || t.Lower is ":" or "—" or "–" or "(" or "-" && !t.Is(TokFlags.GluedLeft)))
                initialNext = true;
            if (Enclosing[i] is not null) t.Flags |= TokFlags.InQuote;
            toks[i] = t;
        }
    }

    private bool StartsClause(int i) => Toks[i].IsCap && !(i + 1 < Toks.Count && Toks[i + 1].Kind == TokKind.Punct && Toks[i + 1].Lower == ",");

    private bool IsTitleToken(int i) => Toks[i].Kind == TokKind.Word && R.Titles.ContainsKey(TokText(i));

    private bool IsAbbreviationBefore(int dot)
    {
        if (dot == 0) return false;
        var before = Toks[dot - 1];
        // an initial ("J. K. Rowling") or a title without its dot merged
        return before.Kind == TokKind.Word && before.End == Toks[dot].Start && before.Length == 1 && before.IsCap;
    }
}
