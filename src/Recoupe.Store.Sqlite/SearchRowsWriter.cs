using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Fills the search index (articles_fts, migrations 0003 and 0006) for one article, inside its transaction: title,
/// body, and the article's quotations with their speakers' names, one per line, which quotation search reads.
/// </summary>
public sealed class SearchRowsWriter : IArticleRowsWriter
{
    // Statements compiled once per connection (the store writes through one connection, under its lock), not per article.
    private readonly ConditionalWeakTable<SqliteConnection, FastStatement> _insert = new();

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document) =>
        _insert.GetValue(connection, c => new FastStatement(c, "INSERT INTO articles_fts (rowid, title, body, quotes) VALUES (?, ?, ?, ?);"))
            .Bind(1, articleId).Bind(2, document.Metadata.Title ?? "").Bind(3, document.Text).Bind(4, QuotesColumn(document))
            .Run();

    /// <summary>The quotes column (as migration 0006 builds it).</summary>
    internal static string QuotesColumn(Document document) => SearchText.QuotesColumn(document);

    /// <summary>Deletes the article's row (before it is written again after re-processing).</summary>
    public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM articles_fts WHERE rowid = $id;";
        command.Parameters.AddWithValue("$id", articleId);
        command.ExecuteNonQuery();
    }
}
