using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Ingest;

namespace Recoupe.Web.Api;

/// <summary>Evidence in the one shape DESIGN.md gives it: <see cref="Text"/> is the article's clean text from start to end.</summary>
public sealed record Evidence(long ArticleId, int Start, int End, string Text);

public sealed record SpanModel(int Start, int End);

public sealed record ParagraphModel(int Start, int End, ParagraphRole Role);

public sealed record EntityModel(EntityType Type, string Name, string Key, string? Role, string Via, int Start, int End, string Text);

public sealed record SpeakerModel(string? Name, string? Key);

public sealed record QuoteModel(string Text, QuoteKind Kind, SpeakerModel? Speaker, string? Cue, Evidence Evidence,
    SpanModel? SpeakerSpan, SpanModel? CueSpan);

public sealed record FigureModel(decimal Value, string? Unit, string? Counts, string? Qualifier, string? Scope, string? ClaimedBy,
    Evidence Evidence);

public sealed record DateModel(DateOnly? Value, TimeOnly? Time, string Precision, int Start, int End, string Text);

public sealed record DatelineModel(string? Place, string? Agency, DateOnly? Date, int? Start, int? End);

/// <summary>One stored article with its annotations; every span indexes <see cref="Text"/> (UTF-16, end exclusive).</summary>
public sealed record ArticleModel
{
    public required long Id { get; init; }
    public string? Title { get; init; }
    public DateTime? Published { get; init; }
    public string? PublishedFrom { get; init; }
    public string? Outlet { get; init; }
    public string? Agency { get; init; }
    public required IReadOnlyList<string> Authors { get; init; }
    public required string Language { get; init; }
    public string? Url { get; init; }
    public DatelineModel? Dateline { get; init; }
    public required string Source { get; init; }
    public required InputFormat Format { get; init; }
    public DateTime IngestedAt { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<ParagraphModel> Paragraphs { get; init; }
    public required IReadOnlyList<EntityModel> Entities { get; init; }
    public required IReadOnlyList<QuoteModel> Quotes { get; init; }
    public required IReadOnlyList<FigureModel> Figures { get; init; }
    public required IReadOnlyList<DateModel> Dates { get; init; }

    public static ArticleModel From(StoredArticle article)
    {
        var text = article.Text;
        string Slice(int start, int end) => text[start..end];
        Evidence EvidenceOf(ISpan span) => new(article.Id, span.Start, span.End, Slice(span.Start, span.End));
        static SpanModel? Range(TextRange? range) => range is { } r ? new SpanModel(r.Start, r.End) : null;
        var metadata = article.Metadata;
        var dateline = article.Dateline is { } d
            ? new DatelineModel(d.Place ?? metadata.DatelinePlace, d.Agency, d.Date, d.Start, d.End)
            : metadata.DatelinePlace is { } place ? new DatelineModel(place, null, null, null, null) : null;

        return new ArticleModel
        {
            Id = article.Id,
            Title = metadata.Title,
            Published = metadata.Published,
            PublishedFrom = metadata.PublishedFrom,
            Outlet = metadata.Outlet,
            Agency = metadata.Agency,
            Authors = metadata.Authors,
            Language = metadata.Language,
            Url = metadata.Url,
            Dateline = dateline,
            Source = article.Raw.Source,
            Format = article.Raw.Format,
            IngestedAt = article.IngestedAt,
            Text = text,
            Paragraphs = article.Paragraphs.Select(p => new ParagraphModel(p.Start, p.End, p.Role)).ToList(),
            Entities = article.Entities
                .Select(e => new EntityModel(e.Type, e.Name, e.Key, e.Role, e.Via, e.Start, e.End, Slice(e.Start, e.End))).ToList(),
            Quotes = article.Quotes.Select(q => new QuoteModel(
                Slice(q.Start, q.End), q.Kind,
                q.SpeakerName is null && q.SpeakerKey is null ? null : new SpeakerModel(q.SpeakerName, q.SpeakerKey),
                q.Cue, EvidenceOf(q), Range(q.SpeakerSpan), Range(q.CueSpan))).ToList(),
            Figures = article.Figures.Select(f => new FigureModel(
                f.Value, f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, EvidenceOf(f))).ToList(),
            Dates = article.Dates.Select(m => new DateModel(m.Value, m.Time, m.Precision, m.Start, m.End, Slice(m.Start, m.End))).ToList(),
        };
    }
}

public sealed record ArticleListItem(long Id, DateTime? Published, string? Outlet, string Language, string? Title);

/// <summary>What became of one POSTed item: <c>stored</c> or <c>duplicate</c> with the article id, or <c>error</c>.</summary>
public sealed record IngestItemModel(string Status, string Source, long? Id, string? Error)
{
    public static IngestItemModel From(IngestItemResult result) => result.Status switch
    {
        IngestStatus.Stored => new("stored", result.Source, result.ArticleId, null),
        IngestStatus.Duplicate => new("duplicate", result.Source, result.ArticleId, null),
        _ => new("error", result.Source, null, result.Error ?? "failed"),
    };
}

/// <summary>The answer to <c>POST /api/articles</c>: counts, then one entry per item in the order they were sent.</summary>
public sealed record IngestResponse(int Received, int Stored, int Duplicates, int Failed, IReadOnlyList<IngestItemModel> Items)
{
    public static IngestResponse From(IReadOnlyList<IngestItemResult> results)
    {
        var items = results.Select(IngestItemModel.From).ToList();
        return new IngestResponse(items.Count,
            items.Count(i => i.Status == "stored"), items.Count(i => i.Status == "duplicate"), items.Count(i => i.Status == "error"),
            items);
    }
}

public sealed record SnippetModel(string Text, IReadOnlyList<SpanModel> Matches);

public sealed record ArticleHitModel(long Id, string? Title, DateTime? Published, string? Outlet, string Language, SnippetModel Snippet, double Score);

public sealed record QuoteHitModel(string Text, QuoteKind Kind, SpeakerModel? Speaker, string? Outlet, DateTime? Published,
    string? Title, Evidence Evidence, double Score);

public sealed record HitsModel<T>(long Total, IReadOnlyList<T> Items);

/// <summary>The answer to <c>GET /api/search</c>: articles and quotations that match, each one page.</summary>
public sealed record SearchResponse(string Query, int Limit, int Offset, HitsModel<ArticleHitModel> Articles, HitsModel<QuoteHitModel> Quotes)
{
    public static SearchResponse From(SearchQuery query, SearchPage<ArticleSearchHit> articles, SearchPage<QuoteSearchHit> quotes) => new(
        query.Text, query.Limit, query.Offset,
        new HitsModel<ArticleHitModel>(articles.Total, articles.Hits.Select(h => new ArticleHitModel(
            h.Id, h.Title, h.Published, h.Outlet, h.Language,
            new SnippetModel(h.Snippet.Text, h.Snippet.Matches.Select(m => new SpanModel(m.Start, m.End)).ToList()),
            Math.Round(h.Score, 6))).ToList()),
        new HitsModel<QuoteHitModel>(quotes.Total, quotes.Hits.Select(h => new QuoteHitModel(
            h.Text, h.Kind, h.SpeakerName is null && h.SpeakerKey is null ? null : new SpeakerModel(h.SpeakerName, h.SpeakerKey),
            h.Outlet, h.Published, h.Title, new Evidence(h.ArticleId, h.Start, h.End, h.Text), Math.Round(h.Score, 6))).ToList()));
}

/// <summary>The article a listed quotation or figure comes from.</summary>
public sealed record ArticleRefModel(long Id, DateTime? Published, string? Outlet, string? Title)
{
    public static ArticleRefModel From(ArticleRef article) => new(article.Id, article.Published, article.Outlet, article.Title);
}

/// <summary>A quotation across the store: the DESIGN.md quotation shape plus its article.</summary>
public sealed record StoredQuoteModel(string Text, QuoteKind Kind, SpeakerModel? Speaker, string? Cue, Evidence Evidence, ArticleRefModel Article)
{
    public static StoredQuoteModel From(StoredQuote row)
    {
        var q = row.Quote;
        return new StoredQuoteModel(row.Text, q.Kind,
            q.SpeakerName is null && q.SpeakerKey is null ? null : new SpeakerModel(q.SpeakerName, q.SpeakerKey),
            q.Cue, new Evidence(row.Article.Id, q.Start, q.End, row.Text), ArticleRefModel.From(row.Article));
    }
}

/// <summary>The answer to <c>GET /api/quotes</c>.</summary>
public sealed record QuotesResponse(string? Speaker, long Total, int Limit, IReadOnlyList<StoredQuoteModel> Items);
