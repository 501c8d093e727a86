using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Fills the article search index of migration 0003 (articles_fts) for one article, inside its transaction. The
/// quotation index (quotes_fts) needs no writer: since migration 0006 it reads the quotes table, and triggers on that
/// table keep it in step.
/// </summary>
public sealed class SearchRowsWriter : IArticleRowsWriter
{
    // Statements compiled once per connection (the store writes through one connection, under its lock), not per article.
    private readonly ConditionalWeakTable<SqliteConnection, FastStatement> _insert = new();

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document) =>
        _insert.GetValue(connection, c => new FastStatement(c, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?);"))
            .Bind(1, articleId).Bind(2, document.Metadata.Title ?? "").Bind(3, document.Text).Run();

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
