using System.Text.Json.Serialization;
using Recoupe.Core.Storage;
using Recoupe.Core.Model;

namespace Recoupe.Core.Views;

// One stored article as the command line (`recoupe article ID --json`) and the HTTP API (GET /api/articles/{id})
// both show it: one shape, so a script can move from one to the other. Every span is UTF-16 offsets into Text, end
// exclusive, and carries the text it covers; quotations and figures carry their evidence as DESIGN.md gives it.

public sealed record SpanView(int Start, int End, string Text);

public sealed record ParagraphView(int Start, int End, string Text, ParagraphRole Role);

public sealed record EntityView(EntityType Type, string Name, string Key, string? Role, string Via, int Start, int End, string Text);

public sealed record SpeakerView(string? Name, string? Key)
{
    /// <summary>Null when the quotation has no speaker at all.</summary>
    public static SpeakerView? Of(string? name, string? key) => name is null && key is null ? null : new SpeakerView(name, key);
}

public sealed record QuoteView(string Text, QuoteKind Kind, SpeakerView? Speaker, string? Cue, Evidence Evidence,
    SpanView? SpeakerSpan, SpanView? CueSpan, double? SpeakerConfidence = null);

/// <summary>A figure of one article: the extracted <see cref="Model.Figure"/> shown flat, with its evidence.</summary>
public sealed record FigureView : FlatFigure
{
    public FigureView(Figure figure, Evidence evidence) : base(figure) => Evidence = evidence;

    public Evidence Evidence { get; }

    /// <summary>
    /// Reads the flat JSON form back. Its parameters are also what the API description (/openapi/v1.json) lists as
    /// required: every field, present even when null.
    /// </summary>
    [JsonConstructor]
    public FigureView(decimal value, string? unit, string? counts, string? qualifier, string? scope, string? claimedBy, Evidence evidence)
        : this(Read(evidence, value, unit, counts, qualifier, scope, claimedBy), evidence)
    {
    }
}

public sealed record DateView(DateOnly? Value, TimeOnly? Time, string Precision, int Start, int End, string Text);

public sealed record DatelineView(string? Place, string? Agency, DateOnly? Date, int? Start, int? End, string? Text);

public sealed record RemovedView(string Text, string Reason);

public sealed record ArticleView
{
    public required long Id { get; init; }
    public required string ContentHash { get; init; }
    public string? Title { get; init; }
    public DateTime? Published { get; init; }
    public string? PublishedFrom { get; init; }
    public string? Outlet { get; init; }
    public string? Agency { get; init; }
    public required IReadOnlyList<string> Authors { get; init; }
    public required string Language { get; init; }
    public double LanguageConfidence { get; init; }
    public string? Url { get; init; }
    public DatelineView? Dateline { get; init; }
    public required string Source { get; init; }
    public required InputFormat Format { get; init; }
    public int PipelineVersion { get; init; }
    public DateTime IngestedAt { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<ParagraphView> Paragraphs { get; init; }
    public required IReadOnlyList<SpanView> Sentences { get; init; }
    public required IReadOnlyList<EntityView> Entities { get; init; }
    public required IReadOnlyList<QuoteView> Quotes { get; init; }
    public required IReadOnlyList<FigureView> Figures { get; init; }
    public required IReadOnlyList<DateView> Dates { get; init; }
    /// <summary>What cleaning dropped, with why.</summary>
    public required IReadOnlyList<RemovedView> Removed { get; init; }
    /// <summary>The original input, only when asked for (<c>--raw</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Raw { get; init; }
    /// <summary>The source's own fields, only when asked for (<c>--raw</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SourceFields? Fields { get; init; }

    public static ArticleView From(StoredArticle article, bool withRaw = false)
    {
        var text = article.Text;
        string Slice(int start, int end) => text[start..end];
        SpanView? Span(TextRange? range) => range is { } r ? new SpanView(r.Start, r.End, Slice(r.Start, r.End)) : null;
        var metadata = article.Metadata;

        var dateline = article.Dateline is { } d
            ? new DatelineView(d.Place ?? metadata.DatelinePlace, d.Agency, d.Date, d.Start, d.End, Slice(d.Start, d.End))
            : metadata.DatelinePlace is { } place ? new DatelineView(place, null, null, null, null, null) : null;

        return new ArticleView
        {
            Id = article.Id,
            ContentHash = article.ContentHash,
            Title = metadata.Title,
            Published = metadata.Published,
            PublishedFrom = metadata.PublishedFrom,
            Outlet = metadata.Outlet,
            Agency = metadata.Agency,
            Authors = metadata.Authors,
            Language = metadata.Language,
            LanguageConfidence = metadata.LanguageConfidence,
            Url = metadata.Url,
            Dateline = dateline,
            Source = article.Raw.Source,
            Format = article.Raw.Format,
            PipelineVersion = article.PipelineVersion,
            IngestedAt = article.IngestedAt,
            Text = text,
            Paragraphs = article.Paragraphs.Select(p => new ParagraphView(p.Start, p.End, Slice(p.Start, p.End), p.Role)).ToList(),
            Sentences = article.Sentences.Select(s => new SpanView(s.Start, s.End, Slice(s.Start, s.End))).ToList(),
            Entities = article.Entities
                .Select(e => new EntityView(e.Type, e.Name, e.Key, e.Role, e.Via, e.Start, e.End, Slice(e.Start, e.End))).ToList(),
            Quotes = article.Quotes.Select(q => new QuoteView(
                Slice(q.Start, q.End), q.Kind, SpeakerView.Of(q.SpeakerName, q.SpeakerKey), q.Cue, Evidence.Of(article, q),
                Span(q.SpeakerSpan), Span(q.CueSpan), q.SpeakerConfidence)).ToList(),
            Figures = article.Figures.Select(f => new FigureView(f, Evidence.Of(article, f))).ToList(),
            Dates = article.Dates.Select(m => new DateView(m.Value, m.Time, m.Precision, m.Start, m.End, Slice(m.Start, m.End))).ToList(),
            Removed = article.Removed.Select(r => new RemovedView(r.Text, r.Reason)).ToList(),
            Raw = withRaw ? article.Raw.Raw : null,
            Fields = withRaw ? article.Raw.Fields : null,
        };
    }
}

/// <summary>The article a listed quotation or figure comes from.</summary>
public sealed record ArticleRefView(long Id, DateTime? Published, string? Outlet, string? Title)
{
    public static ArticleRefView Of(ArticleRef article) => new(article.Id, article.Published, article.Outlet, article.Title);
}

/// <summary>A quotation across the store (<c>recoupe quotes --json</c>, GET /api/quotes): the quotation shape plus its article.</summary>
public sealed record StoredQuoteView(string Text, QuoteKind Kind, SpeakerView? Speaker, string? Cue, Evidence Evidence, ArticleRefView Article,
    double? SpeakerConfidence = null)
{
    public static StoredQuoteView Of(StoredQuote row) => new(row.Text, row.Quote.Kind,
        SpeakerView.Of(row.Quote.SpeakerName, row.Quote.SpeakerKey), row.Quote.Cue,
        new Evidence(row.Article.Id, row.Quote.Start, row.Quote.End, row.Text), ArticleRefView.Of(row.Article), row.Quote.SpeakerConfidence);
}

/// <summary>A figure across the store (<c>recoupe figures --json</c>): the figure shape plus the claimer's key and its article.</summary>
public sealed record StoredFigureView : FlatFigure
{
    private StoredFigureView(StoredFigure row) : base(row.Figure) => Row = row;

    [JsonIgnore] public StoredFigure Row { get; }
    public string? ClaimedByKey => Figure.ClaimedByKey;
    public Evidence Evidence => new(Row.Article.Id, Figure.Start, Figure.End, Row.Text);
    public ArticleRefView Article => ArticleRefView.Of(Row.Article);

    public static StoredFigureView Of(StoredFigure row) => new(row);
}
