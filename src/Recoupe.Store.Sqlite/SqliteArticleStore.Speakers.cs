using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

public sealed partial class SqliteArticleStore
{
    /// <summary>
    /// The stored (name, key) pairs that <paramref name="filter"/> matches. Only the pairs whose key is one the filter
    /// takes by itself, or whose name shares a word with the query, are read (migration 0013's index, as PostgreSQL's
    /// name_words); <see cref="SpeakerFilter.Matches"/> decides on those. Reading all 7,186 distinct pairs of fr-news
    /// and matching each in code took 62–143 ms under load (figures of `bench search` in the README).
    /// </summary>
    private HashSet<(string? Name, string? Key)> MatchingSpeakers(SpeakerFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            """
            SELECT DISTINCT speaker_key, speaker_name FROM quotes WHERE speaker_key IN (SELECT value FROM json_each($keys))
            UNION
            SELECT nullif(speaker_key, ''), speaker_name FROM speaker_words WHERE word IN (SELECT value FROM json_each($words));
            """;
        command.Parameters.AddWithValue("$keys", ColumnJson.Serialize(filter.KeyCandidates));
        command.Parameters.AddWithValue("$words", ColumnJson.Serialize(filter.WordCandidates));
        using var reader = command.ExecuteReader();
        var matching = new HashSet<(string? Name, string? Key)>();
        while (reader.Read())
        {
            var key = reader.IsDBNull(0) ? null : reader.GetString(0);
            var name = reader.IsDBNull(1) ? null : reader.GetString(1);
            if (filter.Matches(name, key)) matching.Add((name, key));
        }
        return matching;
    }

    /// <summary>Indexes the name words of the speakers stored before migration 0013, once, when the store opens.</summary>
    private void FillSpeakerWords()
    {
        if (Convert.ToInt64(Scalar("SELECT count(*) FROM speaker_words_unfilled;"), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        using var transaction = _connection.BeginTransaction();
        var pairs = new List<(string? Key, string Name)>();
        using (var read = _connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT DISTINCT speaker_key, speaker_name FROM quotes WHERE speaker_name IS NOT NULL;";
            using var reader = read.ExecuteReader();
            while (reader.Read()) pairs.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1)));
        }
        using (var insert = ExtractionRowsWriter.SpeakerWordStatement(_connection))
            foreach (var (key, name) in pairs) ExtractionRowsWriter.WriteSpeakerWords(insert, key, name, SpeakerFilter.NameWords(name));
        using (var done = _connection.CreateCommand())
        {
            done.Transaction = transaction;
            done.CommandText = "DELETE FROM speaker_words_unfilled;";
            done.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
