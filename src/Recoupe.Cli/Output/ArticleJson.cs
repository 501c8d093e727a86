using System.Text.Json.Serialization;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Output;

public sealed record ArticleSummaryJson(long Id, DateTime? Published, string? Outlet, string Language, string? Title)
{
    public static ArticleSummaryJson From(ArticleSummary row) => new(row.Id, row.Published, row.Outlet, row.Language, row.Title);
}

public sealed record ParagraphJson(int Start, int End, string Text, ParagraphRole Role);

public sealed record EntityJson(EntityType Type, string Name, string Key, string? Role, string Via, int Start, int End, string Text);

public sealed record SpeakerJson(string? Name, string? Key);

public sealed record QuoteJson(string Text, QuoteKind Kind, SpeakerJson? Speaker, string? Cue, EvidenceJson Evidence);

public sealed record FigureJson(decimal Value, string? Unit, string? Counts, string? Qualifier, string? Scope, string? ClaimedBy,
    EvidenceJson Evidence);

public sealed record DateJson(DateOnly? Value, TimeOnly? Time, string Precision, int Start, int End, string Text);

public sealed record DatelineJson(string? Place, string? Agency, DateOnly? Date, int? Start, int? End, string? Text);

public sealed record RemovedJson(string Text, string Reason);

/// <summary>One stored article as <c>article ID --json</c> writes it; spans carry the text they cover.</summary>
public sealed record ArticleJson
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
    public DatelineJson? Dateline { get; init; }
    public required string Source { get; init; }
    public required InputFormat Format { get; init; }
    public int PipelineVersion { get; init; }
    public DateTime IngestedAt { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<ParagraphJson> Paragraphs { get; init; }
    public required IReadOnlyList<SpanJson> Sentences { get; init; }
    public required IReadOnlyList<EntityJson> Entities { get; init; }
    public required IReadOnlyList<QuoteJson> Quotes { get; init; }
    public required IReadOnlyList<FigureJson> Figures { get; init; }
    public required IReadOnlyList<DateJson> Dates { get; init; }
    public required IReadOnlyList<RemovedJson> Removed { get; init; }
    /// <summary>The original input, with <c>--raw</c> only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Raw { get; init; }
    /// <summary>The source's own fields, with <c>--raw</c> only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SourceFields? Fields { get; init; }

    public static ArticleJson From(StoredArticle article, bool withRaw)
    {
        var text = article.Text;
        string Slice(int start, int end) => text[start..end];
        EvidenceJson Evidence(ISpan span) => new(article.Id, span.Start, span.End, Slice(span.Start, span.End));
        var metadata = article.Metadata;

        DatelineJson? dateline = article.Dateline is { } d
            ? new DatelineJson(d.Place ?? metadata.DatelinePlace, d.Agency, d.Date, d.Start, d.End, Slice(d.Start, d.End))
            : metadata.DatelinePlace is { } place ? new DatelineJson(place, null, null, null, null, null) : null;

        return new ArticleJson
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
            Paragraphs = article.Paragraphs.Select(p => new ParagraphJson(p.Start, p.End, Slice(p.Start, p.End), p.Role)).ToList(),
            Sentences = article.Sentences.Select(s => new SpanJson(s.Start, s.End, Slice(s.Start, s.End))).ToList(),
            Entities = article.Entities
                .Select(e => new EntityJson(e.Type, e.Name, e.Key, e.Role, e.Via, e.Start, e.End, Slice(e.Start, e.End))).ToList(),
            Quotes = article.Quotes.Select(q => new QuoteJson(
                Slice(q.Start, q.End), q.Kind,
                q.SpeakerName is null && q.SpeakerKey is null ? null : new SpeakerJson(q.SpeakerName, q.SpeakerKey),
                q.Cue, Evidence(q))).ToList(),
            Figures = article.Figures.Select(f => new FigureJson(
                f.Value, f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, Evidence(f))).ToList(),
            Dates = article.Dates.Select(m => new DateJson(m.Value, m.Time, m.Precision, m.Start, m.End, Slice(m.Start, m.End))).ToList(),
            Removed = article.Removed.Select(r => new RemovedJson(r.Text, r.Reason)).ToList(),
            Raw = withRaw ? article.Raw.Raw : null,
            Fields = withRaw ? article.Raw.Fields : null,
        };
    }
}
