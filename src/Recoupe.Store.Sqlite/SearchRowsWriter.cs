using System.Runtime.CompilerServices;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Fills the full-text tables of migration 0003 (articles_fts, quotes_fts) for one article, inside its transaction.
/// A quotation's row id is <c>article id × <see cref="QuoteRowsPerArticle"/> + its index</c>, so an article's
/// quotation rows are one row-id range.
/// </summary>
public sealed class SearchRowsWriter : IArticleRowsWriter
{
    /// <summary>Room for this many quotations per article in the quotation index; later ones are not indexed.</summary>
    public const long QuoteRowsPerArticle = 65536;

    // Statements compiled once per connection (the store writes through one connection, under its lock), not per article.
    private readonly ConditionalWeakTable<SqliteConnection, Statements> _statements = new();

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
    {
        var statements = _statements.GetValue(connection, c => new Statements(c));
        var article = statements.Article;
        article.Transaction = transaction;
        article.Parameters[0].Value = articleId;
        article.Parameters[1].Value = document.Metadata.Title ?? "";
        article.Parameters[2].Value = document.Text;
        article.ExecuteNonQuery();
        if (document.Quotes.Count == 0) return;

        var quote = statements.Quote;
        quote.Transaction = transaction;
        var count = (int)Math.Min(document.Quotes.Count, QuoteRowsPerArticle);
        for (var i = 0; i < count; i++)
        {
            var q = document.Quotes[i];
            quote.Parameters[0].Value = articleId * QuoteRowsPerArticle + i;
            quote.Parameters[1].Value = document.Slice(q);
            quote.Parameters[2].Value = q.SpeakerName ?? "";
            quote.Parameters[3].Value = articleId;
            quote.Parameters[4].Value = q.Start;
            quote.Parameters[5].Value = q.End;
            quote.Parameters[6].Value = KindName(q.Kind);
            quote.Parameters[7].Value = (object?)q.SpeakerKey ?? DBNull.Value;
            quote.ExecuteNonQuery();
        }
    }

    private sealed class Statements(SqliteConnection connection)
    {
        public SqliteCommand Article { get; } = Prepare(connection,
            "INSERT INTO articles_fts (rowid, title, body) VALUES ($id, $title, $body);", "$id", "$title", "$body");

        public SqliteCommand Quote { get; } = Prepare(connection,
            """
            INSERT INTO quotes_fts (rowid, text, speaker, article_id, start, "end", kind, speaker_key)
            VALUES ($rowid, $text, $speaker, $article, $start, $end, $kind, $key);
            """,
            "$rowid", "$text", "$speaker", "$article", "$start", "$end", "$kind", "$key");

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }
    }

    /// <summary>Deletes the article's rows (before it is written again after re-processing).</summary>
    public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            DELETE FROM articles_fts WHERE rowid = $id;
            DELETE FROM quotes_fts WHERE rowid >= $first AND rowid < $next;
            """;
        command.Parameters.AddWithValue("$id", articleId);
        command.Parameters.AddWithValue("$first", articleId * QuoteRowsPerArticle);
        command.Parameters.AddWithValue("$next", (articleId + 1) * QuoteRowsPerArticle);
        command.ExecuteNonQuery();
    }

    /// <summary>The kind as the annotations column writes it (camelCase), so backfilled and new rows agree.</summary>
    internal static string KindName(QuoteKind kind) => kind switch
    {
        QuoteKind.Direct => "direct",
        QuoteKind.Partial => "partial",
        QuoteKind.Indirect => "indirect",
        _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
