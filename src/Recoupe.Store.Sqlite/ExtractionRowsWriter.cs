using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's quotations and figures into the quotes and figures tables (migration 0002), each with the
/// clean text it covers. Entity mentions live in the article's annotations only (migration 0005 says why); quotations
/// are indexed for search with their article (<see cref="SearchRowsWriter"/>).
/// </summary>
public sealed class ExtractionRowsWriter : IArticleRowsWriter
{
    internal const string QuoteColumns =
        "article_id, start, \"end\", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue, cue_start, cue_end";
    internal const string FigureColumns =
        "article_id, start, \"end\", value, text, unit, counts, qualifier, scope, claimed_by, claimed_by_key";

    // Statements compiled once per connection (the store writes through one connection, under its lock), not per article.
    private readonly ConditionalWeakTable<SqliteConnection, Statements> _statements = new();

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
    {
        var text = document.Text.AsSpan();
        var statements = _statements.GetValue(connection, c => new Statements(c));
        foreach (var q in document.Quotes)
        {
            statements.Quote.Bind(1, articleId).Bind(2, q.Start).Bind(3, q.End).Bind(4, Name(q.Kind))
                .Bind(5, text[q.Start..q.End]).Bind(6, q.SpeakerName).Bind(7, q.SpeakerKey)
                .Bind(8, q.SpeakerSpan?.Start).Bind(9, q.SpeakerSpan?.End)
                .Bind(10, q.Cue).Bind(11, q.CueSpan?.Start).Bind(12, q.CueSpan?.End)
                .Run();
        }
        foreach (var f in document.Figures)
        {
            statements.Figure.Bind(1, articleId).Bind(2, f.Start).Bind(3, f.End).Bind(4, FormatValue(f.Value))
                .Bind(5, text[f.Start..f.End]).Bind(6, f.Unit).Bind(7, f.Counts).Bind(8, f.Qualifier)
                .Bind(9, f.Scope).Bind(10, f.ClaimedBy).Bind(11, f.ClaimedByKey)
                .Run();
        }
    }

    public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "DELETE FROM quotes WHERE article_id = $id; DELETE FROM figures WHERE article_id = $id;";
        command.Parameters.AddWithValue("$id", articleId);
        command.ExecuteNonQuery();
    }

    /// <summary>Enum values as the JSON columns and the CLI write them: "person", "organisation", "direct"…</summary>
    internal static string Name<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    internal static string FormatValue(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    internal static decimal ParseValue(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    private sealed class Statements(SqliteConnection connection)
    {
        public FastStatement Quote { get; } = Insert(connection, "quotes", QuoteColumns);
        public FastStatement Figure { get; } = Insert(connection, "figures", FigureColumns);

        private static FastStatement Insert(SqliteConnection connection, string table, string columns)
        {
            var count = columns.Split(',').Length;
            return new FastStatement(connection,
                $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Repeat("?", count))});");
        }
    }
}
