namespace Recoupe.Core.Model;

/// <summary>
/// Where a digest line, a listed quotation or figure comes from: a stretch of one stored article's clean text. <see cref="Text"/> always equals
/// that text from <see cref="Start"/> to <see cref="End"/> (UTF-16, end exclusive): build it with <see cref="Of"/>.
/// </summary>
public sealed record Evidence(long ArticleId, int Start, int End, string Text)
{
    public static Evidence Of(StoredArticle article, int start, int end) =>
        new(article.Id, start, end, article.Text[start..end]);

    public static Evidence Of(StoredArticle article, ISpan span) => Of(article, span.Start, span.End);
}

/// <summary>The article a quotation or figure comes from, as a listing across the store shows it.</summary>
public sealed record ArticleRef(long Id, DateTime? Published, string? Outlet, string? Title);
