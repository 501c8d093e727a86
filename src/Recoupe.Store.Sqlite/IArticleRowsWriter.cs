using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's rows in tables beside <c>articles</c> (entities, quotes, figures, a search index) inside the
/// transaction that inserts the article, so the article and its rows land together or not at all. Tables come from
/// a migration; writers are passed in <see cref="SqliteStoreOptions.RowWriters"/>.
/// </summary>
public interface IArticleRowsWriter
{
    void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document);
}
