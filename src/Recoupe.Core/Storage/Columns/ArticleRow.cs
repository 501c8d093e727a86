using System.Security.Cryptography;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// An article as a store's row holds it, column by column, in the order of <see cref="Values"/>: dates as ISO 8601
/// text, lists and spans as the JSON of <see cref="ColumnJson"/>. Every store (SQLite, PostgreSQL) writes and reads
/// articles through it, so the same article gives the same column text, and the same JSON, in each.
/// </summary>
public sealed record ArticleRow(
    string ContentHash,
    string? Title,
    string? Published,
    string? PublishedFrom,
    string? Outlet,
    string? Agency,
    string Authors,
    string Language,
    double LanguageConfidence,
    string? Url,
    string? Dateline,
    string Source,
    string Format,
    string Raw,
    string Fields,
    string CleanText,
    string Annotations,
    int PipelineVersion,
    string IngestedAt)
{
    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: the identity of a cleaned text.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The row of a processed document; <paramref name="ingestedAt"/> is stamped to the millisecond, in UTC.</summary>
    public static ArticleRow From(Document document, string hash, int pipelineVersion, DateTime ingestedAt)
    {
        var metadata = document.Metadata;
        var raw = document.Source;
        var annotations = new StoredAnnotations
        {
            Paragraphs = document.Paragraphs,
            Sentences = document.Sentences,
            Entities = document.Entities,
            Dates = document.Dates,
            Removed = document.Removed,
            Extraction = metadata.Extraction,
        };
        var dateline = document.Dateline is { } d
            ? new StoredDateline(d.Start, d.End, d.Place ?? metadata.DatelinePlace, d.Agency, d.Date)
            : metadata.DatelinePlace is { } place ? new StoredDateline(null, null, place, null, null) : null;
        var utc = ingestedAt.ToUniversalTime();
        utc = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

        return new ArticleRow(
            hash,
            metadata.Title,
            metadata.Published is { } published ? ColumnJson.FormatDate(published) : null,
            metadata.PublishedFrom,
            metadata.Outlet,
            metadata.Agency,
            ColumnJson.Serialize(metadata.Authors),
            metadata.Language,
            metadata.LanguageConfidence,
            metadata.Url,
            dateline is null ? null : ColumnJson.Serialize(dateline),
            raw.Source,
            raw.Format.ToString(),
            raw.Raw,
            ColumnJson.Serialize(raw.Fields),
            document.Text,
            ColumnJson.Serialize(annotations),
            pipelineVersion,
            ColumnJson.FormatDate(utc));
    }

    /// <summary>The column values in declaration order (content_hash … ingested_at).</summary>
    public object?[] Values() =>
    [
        ContentHash, Title, Published, PublishedFrom, Outlet, Agency, Authors, Language, LanguageConfidence, Url, Dateline,
        Source, Format, Raw, Fields, CleanText, Annotations, PipelineVersion, IngestedAt,
    ];

    /// <summary>The stored article this row holds, under <paramref name="id"/>.</summary>
    public StoredArticle ToStored(long id)
    {
        var metadata = new ArticleMetadata
        {
            Title = Title,
            Published = Published is null ? null : ColumnJson.ParseDate(Published),
            PublishedFrom = PublishedFrom,
            Outlet = Outlet,
            Agency = Agency,
            Language = Language,
            LanguageConfidence = LanguageConfidence,
            Url = Url,
        };
        metadata.Authors.AddRange(ColumnJson.Deserialize<List<string>>(Authors));

        Dateline? dateline = null;
        if (Dateline is { } datelineJson)
        {
            var stored = ColumnJson.Deserialize<StoredDateline>(datelineJson);
            metadata.DatelinePlace = stored.Place;
            if (stored is { Start: { } start, End: { } end })
                dateline = new Dateline(start, end) { Place = stored.Place, Agency = stored.Agency, Date = stored.Date };
        }

        var raw = new RawArticle
        {
            Source = Source,
            Format = Enum.Parse<InputFormat>(Format, ignoreCase: true),
            Raw = Raw,
            Fields = ColumnJson.Deserialize<SourceFields>(Fields),
        };
        var annotations = ColumnJson.Deserialize<StoredAnnotations>(Annotations);
        metadata.Extraction = annotations.Extraction;

        return new StoredArticle
        {
            Id = id,
            ContentHash = ContentHash,
            Text = CleanText,
            Metadata = metadata,
            Raw = raw,
            Paragraphs = annotations.Paragraphs,
            Sentences = annotations.Sentences,
            Entities = annotations.Entities,
            Quotes = annotations.Quotes ?? [],
            Figures = annotations.Figures ?? [],
            Dates = annotations.Dates,
            Removed = annotations.Removed,
            Dateline = dateline,
            PipelineVersion = PipelineVersion,
            IngestedAt = ColumnJson.ParseDate(IngestedAt),
        };
    }
}
