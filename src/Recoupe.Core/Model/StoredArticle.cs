namespace Recoupe.Core.Model;

/// <summary>A stored article: its metadata, cleaned text, annotations and the raw input it came from.</summary>
public sealed record StoredArticle
{
    public required long Id { get; init; }
    public required string ContentHash { get; init; }
    public required string Text { get; init; }
    public required ArticleMetadata Metadata { get; init; }
    public required RawArticle Raw { get; init; }
    public IReadOnlyList<Paragraph> Paragraphs { get; init; } = [];
    public IReadOnlyList<Sentence> Sentences { get; init; } = [];
    public IReadOnlyList<EntityMention> Entities { get; init; } = [];
    public IReadOnlyList<Quotation> Quotes { get; init; } = [];
    public IReadOnlyList<Figure> Figures { get; init; } = [];
    public IReadOnlyList<DateMention> Dates { get; init; } = [];
    public Dateline? Dateline { get; init; }
    /// <summary>What cleaning dropped, with why.</summary>
    public IReadOnlyList<RemovedBlock> Removed { get; init; } = [];
    /// <summary>The <c>DefaultPipeline.Version</c> that produced this article.</summary>
    public int PipelineVersion { get; init; }
    /// <summary>When it was stored (UTC).</summary>
    public DateTime IngestedAt { get; init; }

    /// <summary>A processed document as the store would give it back, held in memory (evaluations and tests that digest
    /// documents without a store).</summary>
    public static StoredArticle Of(Document document, long id, string contentHash) => new()
    {
        Id = id,
        ContentHash = contentHash,
        Text = document.Text,
        Metadata = document.Metadata,
        Raw = document.Source,
        Paragraphs = document.Paragraphs,
        Sentences = document.Sentences,
        Entities = document.Entities,
        Quotes = document.Quotes,
        Figures = document.Figures,
        Dates = document.Dates,
        Dateline = document.Dateline,
        Removed = document.Removed,
    };
}
