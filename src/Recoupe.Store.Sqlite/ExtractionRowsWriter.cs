using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Writes an article's entities (one row per entity, migration 0005), quotations and figures (migration 0002) into
/// their tables, each quotation and figure with the clean text it covers.
/// </summary>
public sealed class ExtractionRowsWriter : IArticleRowsWriter
{
    internal const string EntityColumns = "article_id, type, key, name, role, mentions, first_start, first_end";
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
        if (document.Entities.Count > 0)
        {
            var insert = statements.For(transaction, statements.Entity);
            foreach (var e in ArticleEntities(document.Entities))
                Run(insert, articleId, Name(e.Type), e.Key, e.Name, e.Role, e.Mentions, e.FirstStart, e.FirstEnd);
        }
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
            "DELETE FROM article_entities WHERE article_id = $id; DELETE FROM quotes WHERE article_id = $id; DELETE FROM figures WHERE article_id = $id;";
        command.Parameters.AddWithValue("$id", articleId);
        command.ExecuteNonQuery();
    }

    /// <summary>An article's entities, one per (type, key), in order of first mention; the role is the first one given.</summary>
    internal static IEnumerable<ArticleEntity> ArticleEntities(IReadOnlyList<EntityMention> mentions)
    {
        var byKey = new Dictionary<(EntityType, string), ArticleEntity>();
        var order = new List<(EntityType, string)>();
        foreach (var m in mentions.OrderBy(m => m.Start).ThenBy(m => m.End))
        {
            var id = (m.Type, m.Key);
            if (byKey.TryGetValue(id, out var seen))
                byKey[id] = seen with { Mentions = seen.Mentions + 1, Role = seen.Role ?? m.Role };
            else
            {
                byKey[id] = new ArticleEntity(m.Type, m.Key, m.Name, m.Role, 1, m.Start, m.End);
                order.Add(id);
            }
        }
        return order.Select(id => byKey[id]);
    }

    internal sealed record ArticleEntity(EntityType Type, string Key, string Name, string? Role, int Mentions, int FirstStart, int FirstEnd);

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
        public SqliteCommand Entity { get; } = Insert(connection, "article_entities", EntityColumns);
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
