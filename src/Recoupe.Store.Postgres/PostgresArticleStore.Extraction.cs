using Npgsql;
using NpgsqlTypes;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>Quotations and figures across the store, and the speaker filter.</summary>
public sealed partial class PostgresArticleStore
{
    private static readonly string QuoteSelect =
        $"SELECT a.id, a.published, a.outlet, a.title, {Prefixed("q", RowReaders.QuoteColumns)} FROM quotes q JOIN articles a ON a.id = q.article_id";
    private const string QuoteOrder = "ORDER BY q.article_id, q.start, q.\"end\", q.position";

    public IReadOnlyList<StoredQuote> Quotes(QuoteQuery query) => QuoteListing.Take(query, ReadQuotes);

    public long CountQuotes(QuoteQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Speaker is null) return Scalar("SELECT count(*) FROM quotes;");
        return QuoteListing.Count(query, ReadQuotes);
    }

    public IReadOnlyList<StoredFigure> Figures(FigureQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 0) throw new ArgumentOutOfRangeException(nameof(query), "limit must not be negative");
        using var connection = _database.Open();
        using var command = new NpgsqlCommand(
            $"""
            SELECT a.id, a.published, a.outlet, a.title, {Prefixed("f", RowReaders.FigureColumns)}
            FROM figures f JOIN articles a ON a.id = f.article_id
            ORDER BY f.article_id, f.start, f."end", f.position LIMIT $1;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit is null ? DBNull.Value : (long)query.Limit.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        using var reader = command.ExecuteReader();
        var rows = new List<StoredFigure>();
        while (reader.Read()) rows.Add(RowReaders.Figure(reader));
        return rows;
    }

    /// <summary>
    /// Quotations in article then text order, each passed to <paramref name="take"/> until it returns false. A speaker
    /// filter is matched in code against the distinct speakers (the speakers table, migration 0004), then the
    /// quotations of the speakers that match are read by key through the quotes_speaker index.
    /// </summary>
    private void ReadQuotes(QuoteQuery query, Func<StoredQuote, bool> take)
    {
        using var connection = _database.Open();
        using var command = new NpgsqlCommand { Connection = connection };
        HashSet<(string? Name, string? Key)>? speakers = null;
        if (query.Speaker is { } speaker)
        {
            speakers = MatchingSpeakers(connection, new SpeakerFilter(speaker));
            if (speakers.Count == 0) return;
            command.CommandText =
                $"""
                {QuoteSelect}
                WHERE q.speaker_key = ANY($1) OR (q.speaker_key IS NULL AND q.speaker_name = ANY($2))
                {QuoteOrder};
                """;
            command.Parameters.Add(new NpgsqlParameter { Value = speakers.Select(s => s.Key).OfType<string>().Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = speakers.Where(s => s.Key is null).Select(s => s.Name).OfType<string>().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }
        else
        {
            command.CommandText = $"{QuoteSelect} {QuoteOrder};";
        }
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = RowReaders.Quote(reader);
            // One key may be shared by speakers the filter tells apart ("Jean Dupont", "Marie Dupont").
            if (speakers is not null && !speakers.Contains((row.Quote.SpeakerName, row.Quote.SpeakerKey))) continue;
            if (!take(row)) return;
        }
    }

    /// <summary>
    /// The stored (name, key) pairs the filter matches. Only the pairs whose key is one the filter takes as it is, or
    /// whose name shares a word with the query (the GIN index of migration 0007), are read and matched in code; pairs
    /// stored before that migration are read too and get their words written on the way.
    /// </summary>
    private static HashSet<(string? Name, string? Key)> MatchingSpeakers(NpgsqlConnection connection, SpeakerFilter filter)
    {
        var matching = new HashSet<(string? Name, string? Key)>();
        var unfilled = new List<(string? Key, string? Name)>();
        using (var command = new NpgsqlCommand(
            """
            SELECT speaker_key, speaker_name, false FROM speakers WHERE speaker_key = ANY($1)
            UNION ALL SELECT speaker_key, speaker_name, false FROM speakers WHERE name_words && $2
            UNION ALL SELECT speaker_key, speaker_name, true FROM speakers WHERE name_words IS NULL;
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = filter.KeyCandidates.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = filter.WordCandidates.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.IsDBNull(0) ? null : reader.GetString(0);
                var name = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (reader.GetBoolean(2)) unfilled.Add((key, name));
                if (filter.Matches(name, key)) matching.Add((name, key));
            }
        }
        if (unfilled.Count > 0) FillNameWords(connection, unfilled);
        return matching;
    }

    private static void FillNameWords(NpgsqlConnection connection, List<(string? Key, string? Name)> pairs)
    {
        using var batch = new NpgsqlBatch(connection);
        foreach (var (key, name) in pairs)
        {
            var update = new NpgsqlBatchCommand(
                "UPDATE speakers SET name_words = $3 WHERE speaker_key IS NOT DISTINCT FROM $1 AND speaker_name IS NOT DISTINCT FROM $2;");
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = SpeakerFilter.NameWords(name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(update);
        }
        try
        {
            batch.ExecuteNonQuery();
        }
        catch (PostgresException)
        {
            // A reader without the right to write: the pairs stay unfilled and are matched in code, as before.
        }
    }

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(',').Select(c => $"{alias}.{c.Trim()}"));
}
