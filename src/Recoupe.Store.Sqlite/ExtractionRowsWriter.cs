using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's quotations and figures into the quotes and figures tables (migration 0002), each with the
/// clean text it covers. Entity mentions live in the article's annotations only (migration 0005 says why); quotations
/// are indexed for search with their article (<see cref="SearchRowsWriter"/>). A row's id is <see cref="RowId"/>
/// (migration 0007): an article's rows are one range of the table, found without an index on article_id.
/// </summary>
public sealed class ExtractionRowsWriter : IArticleRowsWriter
{
    internal const string QuoteColumns = RowReaders.QuoteColumns;
    internal const string FigureColumns = RowReaders.FigureColumns;

    // Statements compiled once per connection (the store writes through one connection, under its lock), not per article.
    private readonly ConditionalWeakTable<SqliteConnection, Statements> _statements = new();

    /// <summary>Rows one article may have in each table: its row ids are articleId × RowsPerArticle + position.</summary>
    public const long RowsPerArticle = 1 << 20;

    /// <summary>The id of an article's row at <paramref name="position"/> (0-based) in the quotes or figures table.</summary>
    public static long RowId(long articleId, int position) => articleId * RowsPerArticle + position;

    /// <summary>First and last row id that articles <paramref name="first"/>…<paramref name="last"/> may use.</summary>
    public static (long First, long Last) RowRange(long first, long last) => (RowId(first, 0), RowId(last + 1, 0) - 1);

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
    {
        if (document.Quotes.Count >= RowsPerArticle || document.Figures.Count >= RowsPerArticle)
            throw new ArgumentException(
                $"an article may hold at most {RowsPerArticle - 1} quotations and as many figures", nameof(document));
        var text = document.Text.AsSpan();
        var statements = _statements.GetValue(connection, c => new Statements(c));
        for (var i = 0; i < document.Quotes.Count; i++)
        {
            var q = document.Quotes[i];
            statements.Quote.Bind(1, RowId(articleId, i)).Bind(2, articleId).Bind(3, q.Start).Bind(4, q.End).Bind(5, Name(q.Kind))
                .Bind(6, text[q.Start..q.End]).Bind(7, q.SpeakerName).Bind(8, q.SpeakerKey)
                .Bind(9, q.SpeakerSpan?.Start).Bind(10, q.SpeakerSpan?.End)
                .Bind(11, q.Cue).Bind(12, q.CueSpan?.Start).Bind(13, q.CueSpan?.End).Bind(14, q.SpeakerConfidence)
                .Run();
            if (q.SpeakerName is { } name) WriteSpeakerWords(statements.SpeakerWord, q.SpeakerKey, name, SpeakerFilter.NameWords(name));
        }
        for (var i = 0; i < document.Figures.Count; i++)
        {
            var f = document.Figures[i];
            statements.Figure.Bind(1, RowId(articleId, i)).Bind(2, articleId).Bind(3, f.Start).Bind(4, f.End).Bind(5, FormatValue(f.Value))
                .Bind(6, text[f.Start..f.End]).Bind(7, f.Unit).Bind(8, f.Counts).Bind(9, f.Qualifier)
                .Bind(10, f.Scope).Bind(11, f.ClaimedBy).Bind(12, f.ClaimedByKey)
                .Run();
        }
    }

    public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "DELETE FROM quotes WHERE rowid BETWEEN $first AND $last; DELETE FROM figures WHERE rowid BETWEEN $first AND $last;";
        var (first, last) = RowRange(articleId, articleId);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$last", last);
        command.ExecuteNonQuery();
    }

    /// <summary>Indexes a speaker's name words for the speaker filter (migration 0013); a pair already there is kept.</summary>
    internal static void WriteSpeakerWords(FastStatement statement, string? key, string name, IReadOnlyList<string> words)
    {
        foreach (var word in words) statement.Bind(1, word).Bind(2, key ?? "").Bind(3, name).Run();
    }

    internal static FastStatement SpeakerWordStatement(SqliteConnection connection) =>
        new(connection, "INSERT OR IGNORE INTO speaker_words (word, speaker_key, speaker_name) VALUES (?, ?, ?);");

    internal static string Name<T>(T value) where T : struct, Enum => RowReaders.Name(value);

    internal static string FormatValue(decimal value) => RowReaders.FormatValue(value);

    internal static decimal ParseValue(string value) => RowReaders.ParseValue(value);

    private sealed class Statements(SqliteConnection connection)
    {
        public FastStatement Quote { get; } = Insert(connection, "quotes", QuoteColumns);
        public FastStatement Figure { get; } = Insert(connection, "figures", FigureColumns);
        public FastStatement SpeakerWord { get; } = SpeakerWordStatement(connection);

        private static FastStatement Insert(SqliteConnection connection, string table, string columns)
        {
            var count = columns.Split(',').Length + 1;
            return new FastStatement(connection,
                $"INSERT INTO {table} (rowid, {columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", count))});");
        }
    }
}
