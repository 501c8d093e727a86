namespace Recoupe.Core.Model;

/// <summary>
/// The cleaned text of one article plus typed annotations over it. The text never changes once the document
/// exists; stages only add spans. Every span indexes <see cref="Text"/> in UTF-16 code units.
/// </summary>
public sealed class Document
{
    public Document(string text, RawArticle source)
    {
        Text = text;
        Source = source;
    }

    public string Text { get; }
    public RawArticle Source { get; }
    public ArticleMetadata Metadata { get; } = new();

    public List<Paragraph> Paragraphs { get; } = [];
    public List<Sentence> Sentences { get; } = [];
    public List<Token> Tokens { get; } = [];
    public List<EntityMention> Entities { get; } = [];
    public List<Quotation> Quotes { get; } = [];
    public List<Figure> Figures { get; } = [];
    public List<DateMention> Dates { get; } = [];
    public Dateline? Dateline { get; set; }

    /// <summary>What cleaning dropped, with why: kept for metadata (credits, dates in repeated titles) and for audit.</summary>
    public List<RemovedBlock> Removed { get; } = [];

    /// <summary>Names of the stages that ran, in order.</summary>
    public List<string> StagesRun { get; } = [];

    /// <summary>
    /// What stages leave on the document for the stages after them (the extraction's shared analysis of the text),
    /// until the last of them drops it; not part of the result.
    /// </summary>
    internal object? StageState { get; set; }

    public string Slice(ISpan span) => Text.Substring(span.Start, span.End - span.Start);
}

/// <summary>A block the cleaner dropped, and the signal that decided it ("repeat", "caption", "menu"…).</summary>
public sealed record RemovedBlock(string Text, string Reason);
