using System.Data.Common;
using Npgsql;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// An article's quotation and figure rows (migration 0001), keyed by (article, position), written in the article's
/// transaction; read back by a range of articles.
/// </summary>
internal static class ExtractionRows
{
    private static readonly string InsertQuote =
        $"INSERT INTO quotes (position, {RowReaders.QuoteColumns}) VALUES ({string.Join(", ", Enumerable.Range(1, 14).Select(i => $"${i}"))});";
    private static readonly string InsertFigure =
        $"INSERT INTO figures (position, {RowReaders.FigureColumns}) VALUES ({string.Join(", ", Enumerable.Range(1, 12).Select(i => $"${i}"))});";

    public static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, long articleId, Document document)
    {
        if (document.Quotes.Count == 0 && document.Figures.Count == 0) return;
        using var batch = new NpgsqlBatch(connection, transaction);
        Add(batch, articleId, document);
        batch.ExecuteNonQuery();
    }

    /// <summary>Adds the article's quotation, speaker and figure rows to <paramref name="batch"/>.</summary>
    public static void Add(NpgsqlBatch batch, long articleId, Document document)
    {
        var text = document.Text;
        for (var i = 0; i < document.Quotes.Count; i++)
        {
            var q = document.Quotes[i];
            batch.BatchCommands.Add(Command(InsertQuote, i, articleId, q.Start, q.End, RowReaders.Name(q.Kind), text[q.Start..q.End],
                q.SpeakerName, q.SpeakerKey, q.SpeakerSpan?.Start, q.SpeakerSpan?.End, q.Cue, q.CueSpan?.Start, q.CueSpan?.End, q.SpeakerConfidence));
        }
        var speakers = document.Quotes.Select(q => (q.SpeakerKey, q.SpeakerName)).Where(p => p.SpeakerKey is not null || p.SpeakerName is not null);
        foreach (var (key, name) in speakers.Distinct()) batch.BatchCommands.Add(Speaker(key, name));
        for (var i = 0; i < document.Figures.Count; i++)
        {
            var f = document.Figures[i];
            batch.BatchCommands.Add(Command(InsertFigure, i, articleId, f.Start, f.End, RowReaders.FormatValue(f.Value), text[f.Start..f.End],
                f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, f.ClaimedByKey));
        }
    }

    /// <summary>
    /// The speaker pairs of <paramref name="documents"/>, to commit on their own before the articles' write transaction.
    /// Two write transactions inserting one pair would otherwise wait on each other's commit, and as writes commit in
    /// id order (<see cref="ArticleIdRanges"/>), the lower one waiting on the higher is a deadlock: `bench
    /// store-writers` hit one in its first batches, the same speakers coming back article after article. A pair whose
    /// article then fails stays: the filter reads it and finds no quotation under it. Sorted, so that two writers
    /// doing this at once take the pairs' locks in one order.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> SpeakerCommands(IEnumerable<Document> documents) =>
        documents.SelectMany(d => d.Quotes).Select(q => (Key: q.SpeakerKey, Name: q.SpeakerName))
            .Where(p => p.Key is not null || p.Name is not null).Distinct()
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => Speaker(p.Key, p.Name));

    private static NpgsqlBatchCommand Speaker(string? key, string? name) =>
        Command("INSERT INTO speakers (speaker_key, speaker_name, name_words) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;",
            key, name, SpeakerFilter.NameWords(name).ToArray());

    public static void Remove(NpgsqlConnection connection, NpgsqlTransaction transaction, long articleId)
    {
        PostgresArticleStore.Execute(connection, transaction, "DELETE FROM quotes WHERE article_id = $1;", articleId);
        PostgresArticleStore.Execute(connection, transaction, "DELETE FROM figures WHERE article_id = $1;", articleId);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    /// <summary>The rows of articles <paramref name="first"/>…<paramref name="last"/>, by article, in position order.</summary>
    public static Dictionary<long, List<TSpan>> ByArticle<TRow, TSpan>(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string table, string columns, long first, long last, Func<DbDataReader, TRow> read, Func<TRow, TSpan> span)
    {
        // The row readers expect an article's four columns first; only its id is needed here.
        using var command = new NpgsqlCommand(
            $"SELECT article_id, NULL::text, NULL::text, NULL::text, {columns} FROM {table} WHERE article_id BETWEEN $1 AND $2 ORDER BY article_id, position;",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = last });
        using var reader = command.ExecuteReader();
        return RowReaders.ByArticle(reader, read, span);
    }
}
