using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's rows in tables beside <c>articles</c> (quotations, figures, a search index) inside the
/// transaction that inserts the article, so the article and its rows land together or not at all. Tables come from
/// a migration; the writer is listed in <see cref="ArticleRowsWriters.Default"/>.
/// </summary>
public interface IArticleRowsWriter
{
    void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document);

    /// <summary>
    /// Deletes this writer's rows of one article, before <see cref="Write"/> runs again on a re-processed article (same
    /// transaction). The default refuses, so a writer that cannot remove its rows fails re-processing loudly rather
    /// than leaving stale rows.
    /// </summary>
    void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId) =>
        throw new NotSupportedException($"{GetType().Name} cannot remove an article's rows, so articles cannot be re-processed");
}

public static class ArticleRowsWriters
{
    /// <summary>
    /// The writers every store runs unless <see cref="SqliteStoreOptions.RowWriters"/> says otherwise.
    /// A new table beside <c>articles</c> = a migration file + a writer + its line here.
    /// </summary>
    public static IReadOnlyList<IArticleRowsWriter> Default { get; } =
    [
        new ExtractionRowsWriter(),
        new SearchRowsWriter(),
    ];
}
