using Recoupe.Core.Model;
using Recoupe.Core.Text;

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

    // what the marks hold, and the cues found around them
    public int Words;
    public bool HasClause;
    /// <summary>The marks hold more than one sentence.</summary>
    public bool Sentences;
    public Cue? After;
    public Cue? Before;
    /// <summary>A cue right after the marks, or one before them close enough to govern them.</summary>
    public bool CueNear;
    /// <summary>Rejected for now as a short scare quote; a quotation in the same sentence makes it one too.</summary>
    public bool Pending;

    // decisions
    public bool IsQuotation;
    public QuoteKind Kind;
    public Mention? Speaker;
    public Cue? Cue;
    public string? NotQuoteReason;
}

/// <summary>
/// The per-token buffers of one <see cref="ArticleAnalysis"/>, reused from one document to the next.
/// Arrays are at least as long as the token list and cleared over its length.
/// </summary>
internal sealed class AnalysisBuffers
{
    /// <summary>Buffers grown past this many tokens (a very long article) are not kept for the next document.</summary>
    private const int KeptTokens = 1 << 15;

    public readonly List<Tok> Toks = [];
    public QuotePair?[] Enclosing = [];
    public Mention?[] ByToken = [];
    public Mention?[] RoleOwner = [];
    /// <summary>Scratch of the figure stage (cleared by it).</summary>
    public bool[] InDate = [];
    /// <summary>Scratch of the quote stage (filled by it): the pair each token opens, and the tokens that close one.</summary>
    public int[] PairByOpen = [];
    public bool[] IsClose = [];
    /// <summary>The entity finder's tables (emptied by it).</summary>
    public EntityTables? EntityTables;
    /// <summary>Scratch of the quote stage for folded words (overwritten by each use).</summary>
    public char[] FoldScratch = new char[1024];

    public bool IsSmall => Toks.Capacity <= KeptTokens;

    public void Reset(int tokens)
    {
        if (InDate.Length < tokens) InDate = new bool[Math.Max(tokens, InDate.Length * 2)];
        if (IsClose.Length < tokens) IsClose = new bool[Math.Max(tokens, IsClose.Length * 2)];
        if (PairByOpen.Length < tokens) PairByOpen = new int[Math.Max(tokens, PairByOpen.Length * 2)];
        Enclosing = Cleared(Enclosing, tokens);
        ByToken = Cleared(ByToken, tokens);
        RoleOwner = Cleared(RoleOwner, tokens);
    }

    private static T[] Cleared<T>(T[] array, int length)
    {
        if (array.Length < length) return new T[Math.Max(length, array.Length * 2)];
        Array.Clear(array, 0, length);
        return array;
    }
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
    /// <summary>A cue right after the closing mark with no comma or final stop between (""…" ajoute-t-il").</summary>
    public bool Joined;
}

/// <summary>
/// Everything the extraction stages work from, computed once per document and shared by the entity, quote and
/// figure stages: the segmenter's tokens and sentences (as <see cref="Tok"/>s with the flags extraction reads),
/// quote-mark pairs, mentions. Kept beside the document while it lives.
/// </summary>
public sealed class ArticleAnalysis
{
    // The entity, quote and figure stages run one after the other on the same document: the analysis lives on the
    // document (Document.StageState) from the first of them to the last, which releases it. Its per-token buffers then
    // go to the next document's analysis, on whichever thread (allocating them anew for each document made a good part
    // of the collector's work): a few are kept here.
    private static readonly AnalysisBuffers?[] SpareBuffers = new AnalysisBuffers?[2 * Environment.ProcessorCount];
    /// <summary>This analysis's per-token buffers; null once <see cref="Release"/> has given them to the next document's.</summary>
    private AnalysisBuffers? _buffers;

    public Document Document { get; }
    public string Text { get; }
    public ExtractionResources R { get; }
    public List<Tok> Toks => Buffers.Toks;
    /// <summary>Token index where each sentence starts.</summary>
    public List<int> SentenceStarts { get; }
    public List<QuotePair> Pairs { get; } = [];
    /// <summary>For each token, the innermost quote pair whose marks enclose it (null outside quotations).</summary>
    /// <remarks>Reused buffer: it may be longer than <see cref="Toks"/>; only the first Toks.Count places belong to this document.</remarks>
    public QuotePair?[] Enclosing => Buffers.Enclosing;

    internal AnalysisBuffers Buffers => _buffers ?? Replaced();

    // (out of line: the accessor above stays small enough to be inlined where tokens are read)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private AnalysisBuffers Replaced() => throw new InvalidOperationException(
        $"the extraction analysis of {Document.Source.Source} was released by the last extraction stage: its buffers are no longer its own");

    public EntityFinder? Entities { get; internal set; }
    /// <summary>The entity stage wrote <see cref="Document.Entities"/> from <see cref="Entities"/> (after <see cref="EntityFinder.Relinked"/> re-links).</summary>
    internal int? EntitiesWrittenAt;
    public QuoteFinder? Quotes { get; internal set; }

    private ArticleAnalysis(Document document)
    {
        Document = document;
        Text = document.Text;
        R = ExtractionResources.For(PickLanguage(document));
        var buffers = RentBuffers();
        ExtractionTokens.Fill(buffers.Toks, document, R);
        buffers.Reset(buffers.Toks.Count);
        _buffers = buffers;
        SentenceStarts = new List<int>(document.Sentences.Count + 1);
        _tokenCount = document.Tokens.Count;
        QuoteMarks.Pair(this);
        MarkSentences();
    }

    /// <summary>The analysis of a segmented document (the segment stage must have run: extraction reads its tokens and sentences).</summary>
    public static ArticleAnalysis For(Document document)
    {
        if (document.StageState is ArticleAnalysis kept && kept._buffers is not null && kept._tokenCount == document.Tokens.Count) return kept;
        var analysis = new ArticleAnalysis(document);
        document.StageState = analysis;
        return analysis;
    }

    /// <summary>Drops the document's analysis (the last extraction stage is done with it): its buffers serve the next document.</summary>
    public static void Release(Document document)
    {
        if (document.StageState is not ArticleAnalysis analysis) return;
        document.StageState = null;
        var buffers = analysis._buffers;
        analysis._buffers = null;
        if (buffers is not { IsSmall: true }) return;
        for (var i = 0; i < SpareBuffers.Length; i++)
            if (Interlocked.CompareExchange(ref SpareBuffers[i], buffers, null) is null) return;
    }

    private static AnalysisBuffers RentBuffers()
    {
        for (var i = 0; i < SpareBuffers.Length; i++)
            if (Interlocked.Exchange(ref SpareBuffers[i], null) is { } buffers) return buffers;
        return new AnalysisBuffers();
    }

    private readonly int _tokenCount;

    public EntityFinder EnsureEntities() => Entities ??= EntityFinder.Run(this);

    public QuoteFinder EnsureQuotes()
    {
        EnsureEntities();
        return Quotes ??= QuoteFinder.Run(this);
    }

    /// <summary>The language the stages take their resources for: the document's, when we have data for it.</summary>
    private static string PickLanguage(Document document)
    {
        var lang = document.Metadata.Language;
        return ExtractionResources.Supports(lang) ? lang : ExtractionResources.DefaultLanguage;
    }

    public string Slice(int start, int end) => Text[start..end];

    public string TokText(int i) => Text[Toks[i].Start..Toks[i].End];

    /// <summary>The text of token <paramref name="i"/> without a new string (for look-ups).</summary>
    public ReadOnlySpan<char> TokSpan(int i) => Text.AsSpan(Toks[i].Start, Toks[i].End - Toks[i].Start);

    /// <summary>Text of tokens first..last inclusive.</summary>
    public string Span(int first, int last) => Text[Toks[first].Start..Toks[last].End];

    public bool InQuote(int tok) => Enclosing[tok] is { IsQuotation: true } || (Enclosing[tok] is not null && Quotes is null);

    public int SentenceOf(int tok) => Toks[tok].Sentence;

    public int SentenceStartTok(int sentence) => SentenceStarts[sentence];

    public int SentenceEndTok(int sentence) => sentence + 1 < SentenceStarts.Count ? SentenceStarts[sentence + 1] : Toks.Count;

    /// <summary>
    /// Numbers the segmenter's sentences over the tokens and flags each sentence's first word, and the first word
    /// after an opening quote mark, a colon or a dash, as <see cref="WordFlags.SentenceInitial"/> (where capitals prove nothing).
    /// </summary>
    private void MarkSentences()
    {
        var toks = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Toks);
        var sentences = Document.Sentences;
        var pairs = Pairs; // sorted by opening token
        var nextPair = 0;
        var sentence = -1;
        var s = 0;
        var initialNext = true;
        for (var i = 0; i < toks.Length; i++)
        {
            ref var t = ref toks[i];
            // a token opens a new sentence when it lies at or after the start of the next segmenter sentence
            var boundary = i == 0;
            while (s < sentences.Count && sentences[s].Start <= t.Start)
            {
                s++;
                boundary = true;
            }
            if (boundary)
            {
                sentence++;
                SentenceStarts.Add(i);
                initialNext = true;
            }
            t.Sentence = sentence;
            while (nextPair < pairs.Count && pairs[nextPair].OpenTok < i) nextPair++;
            var opening = nextPair < pairs.Count && pairs[nextPair].OpenTok == i;
            if (t.Kind == TokKind.Word)
            {
                if (initialNext) t.Flags |= WordFlags.SentenceInitial;
                initialNext = false;
            }
            else if (opening || t.Lower is ":" or "—" or "–" or "(" || t.Lower == "-" && !t.Is(WordFlags.GluedLeft))
                initialNext = true;
            if (Enclosing[i] is not null) t.Flags |= WordFlags.InQuote;
        }
    }
}
