using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

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

    /// <summary>The quotes column: each quotation's text and its speaker's name, one quotation per line (as migration 0006 builds it).</summary>
    internal static string QuotesColumn(Document document)
    {
        if (document.Quotes.Count == 0) return "";
        var column = new StringBuilder();
        foreach (var q in document.Quotes)
        {
            if (column.Length > 0) column.Append('\n');
            column.Append(document.Text, q.Start, q.End - q.Start).Append(' ').Append(q.SpeakerName);
        }
        return column.ToString();
    }

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
