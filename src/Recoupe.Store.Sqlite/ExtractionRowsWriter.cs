using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's quotations and figures into the quotes and figures tables (migration 0002), each with the
/// clean text it covers. Entity mentions live in the article's annotations only (migration 0005 says why).
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
        var text = document.Text;
        var statements = _statements.GetValue(connection, c => new Statements(c));
        if (document.Quotes.Count > 0)
        {
            var insert = statements.For(transaction, statements.Quote);
            foreach (var q in document.Quotes)
            {
                Run(insert, articleId, q.Start, q.End, Name(q.Kind), text[q.Start..q.End], q.SpeakerName, q.SpeakerKey,
                    q.SpeakerSpan?.Start, q.SpeakerSpan?.End, q.Cue, q.CueSpan?.Start, q.CueSpan?.End);
            }
        }
        if (document.Figures.Count > 0)
        {
            var insert = statements.For(transaction, statements.Figure);
            foreach (var f in document.Figures)
            {
                Run(insert, articleId, f.Start, f.End, FormatValue(f.Value), text[f.Start..f.End], f.Unit, f.Counts, f.Qualifier,
                    f.Scope, f.ClaimedBy, f.ClaimedByKey);
            }
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
        public SqliteCommand Quote { get; } = Insert(connection, "quotes", QuoteColumns);
        public SqliteCommand Figure { get; } = Insert(connection, "figures", FigureColumns);

        public SqliteCommand For(SqliteTransaction transaction, SqliteCommand command)
        {
            command.Transaction = transaction;
            return command;
        }

        private static SqliteCommand Insert(SqliteConnection connection, string table, string columns)
        {
            var count = columns.Split(',').Length;
            var command = connection.CreateCommand();
            command.CommandText =
                $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)))});";
            for (var i = 0; i < count; i++)
                command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture) });
            return command;
        }
    }

    private static void Run(SqliteCommand insert, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }
}
