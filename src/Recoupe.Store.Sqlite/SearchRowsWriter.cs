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

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
    {
        using (var article = connection.CreateCommand())
        {
            article.Transaction = transaction;
            article.CommandText = "INSERT INTO articles_fts (rowid, title, body) VALUES ($id, $title, $body);";
            article.Parameters.AddWithValue("$id", articleId);
            article.Parameters.AddWithValue("$title", document.Metadata.Title ?? "");
            article.Parameters.AddWithValue("$body", document.Text);
            article.ExecuteNonQuery();
        }
        if (document.Quotes.Count == 0) return;

        using var quote = connection.CreateCommand();
        quote.Transaction = transaction;
        quote.CommandText =
            """
            INSERT INTO quotes_fts (rowid, text, speaker, article_id, start, "end", kind, speaker_key)
            VALUES ($rowid, $text, $speaker, $article, $start, $end, $kind, $key);
            """;
        var rowId = quote.Parameters.Add("$rowid", SqliteType.Integer);
        var text = quote.Parameters.Add("$text", SqliteType.Text);
        var speaker = quote.Parameters.Add("$speaker", SqliteType.Text);
        quote.Parameters.AddWithValue("$article", articleId);
        var start = quote.Parameters.Add("$start", SqliteType.Integer);
        var end = quote.Parameters.Add("$end", SqliteType.Integer);
        var kind = quote.Parameters.Add("$kind", SqliteType.Text);
        var key = quote.Parameters.Add("$key", SqliteType.Text);
        var count = (int)Math.Min(document.Quotes.Count, QuoteRowsPerArticle);
        for (var i = 0; i < count; i++)
        {
            var q = document.Quotes[i];
            rowId.Value = articleId * QuoteRowsPerArticle + i;
            text.Value = document.Slice(q);
            speaker.Value = q.SpeakerName ?? "";
            start.Value = q.Start;
            end.Value = q.End;
            kind.Value = KindName(q.Kind);
            key.Value = (object?)q.SpeakerKey ?? DBNull.Value;
            quote.ExecuteNonQuery();
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
