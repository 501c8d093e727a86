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
    /// <summary>
    /// The segmenter's tokens (<see cref="Document.Tokens"/>) when the article was made from a document in this process
    /// (<see cref="Of"/>); null when a store gave it, since a store keeps no tokens (the tokenizer's
    /// <c>TokensOf</c> then cuts the text back, paragraph by paragraph, into the same tokens). They serve while
    /// <see cref="Text"/> is the text they were given with: a copy made with another text has none.
    /// </summary>
    public IReadOnlyList<Token>? Tokens
    {
        get => _tokens is { } given && ReferenceEquals(given.Text, Text) ? given.Tokens : null;
        init => _tokens = value is null ? null : (Text, value);
    }

    private readonly (string Text, IReadOnlyList<Token> Tokens)? _tokens;
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
        Tokens = document.Tokens,
        Entities = document.Entities,
        Quotes = document.Quotes,
        Figures = document.Figures,
        Dates = document.Dates,
        Dateline = document.Dateline,
        Removed = document.Removed,
    };
}
