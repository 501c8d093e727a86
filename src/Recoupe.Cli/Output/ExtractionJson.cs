using System.Globalization;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Output;

/// <summary>The article a listed quotation or figure comes from.</summary>
public sealed record ArticleRefJson(long Id, DateTime? Published, string? Outlet, string? Title)
{
    public static ArticleRefJson From(ArticleRef article) => new(article.Id, article.Published, article.Outlet, article.Title);
}

/// <summary>One quotation of <c>quotes --json</c>: the quotation shape of DESIGN.md plus its article.</summary>
public sealed record StoreQuoteJson(string Text, QuoteKind Kind, SpeakerJson? Speaker, string? Cue, EvidenceJson Evidence,
    ArticleRefJson Article)
{
    public static StoreQuoteJson From(StoredQuote row)
    {
        var q = row.Quote;
        return new StoreQuoteJson(row.Text, q.Kind,
            q.SpeakerName is null && q.SpeakerKey is null ? null : new SpeakerJson(q.SpeakerName, q.SpeakerKey),
            q.Cue, new EvidenceJson(row.Article.Id, q.Start, q.End, row.Text), ArticleRefJson.From(row.Article));
    }
}

/// <summary>One figure of <c>figures --json</c>: the figure shape of DESIGN.md plus the claimer's key and its article.</summary>
public sealed record StoreFigureJson(decimal Value, string? Unit, string? Counts, string? Qualifier, string? Scope, string? ClaimedBy,
    string? ClaimedByKey, EvidenceJson Evidence, ArticleRefJson Article)
{
    public static StoreFigureJson From(StoredFigure row)
    {
        var f = row.Figure;
        return new StoreFigureJson(f.Value, f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, f.ClaimedByKey,
            new EvidenceJson(row.Article.Id, f.Start, f.End, row.Text), ArticleRefJson.From(row.Article));
    }
}

/// <summary>How the text tables write values.</summary>
public static class CellFormat
{
    public static string Value(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Kind<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
