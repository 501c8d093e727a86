using System.Data.Common;
using System.Globalization;
using Recoupe.Core.Stories;

namespace Recoupe.Core.Storage;

/// <summary>
/// Reads the story rows every store selects in the same column order, from any ADO.NET reader: a story
/// (id, label, headline, key_entities, key_words, size, outlets, first_date, last_date, closed), a member (article_id,
/// position, published, outlet, title, original_id) and an event (seq, kind, from_ids, into_id, moved, triggered_by, at).
/// </summary>
public static class StoryRowReaders
{
    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateOnly? Day(DbDataReader reader, int ordinal) =>
        Text(reader, ordinal) is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>A story day as every store writes it ("yyyy-MM-dd"), the form <see cref="Story"/> reads back.</summary>
    public static string DayText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A story member's article id as a store row id; a clusterer id that is not one is an error, named.</summary>
    public static long StoreArticleId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"story article id '{id}' is not a store article id");

    public static StoredStory Story(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        ColumnJson.Deserialize<List<string>>(reader.GetString(3)), ColumnJson.Deserialize<List<string>>(reader.GetString(4)),
        reader.GetInt32(5), ColumnJson.Deserialize<List<string>>(reader.GetString(6)), Day(reader, 7), Day(reader, 8),
        // SQLite keeps closed as 0/1, PostgreSQL as a boolean.
        reader.GetFieldType(9) == typeof(bool) ? reader.GetBoolean(9) : reader.GetInt64(9) != 0);

    public static StoryMember Member(DbDataReader reader) => new(reader.GetInt64(0), reader.GetInt32(1),
        Text(reader, 2) is { } published ? ColumnJson.ParseDate(published) : null, Text(reader, 3), Text(reader, 4),
        reader.IsDBNull(5) ? null : reader.GetInt64(5));

    public static StoredStoryEvent Event(DbDataReader reader) => new(reader.GetInt32(0),
        reader.GetString(1) == "merge" ? StoryEventKind.Merge : StoryEventKind.Split,
        ColumnJson.Deserialize<List<string>>(reader.GetString(2)), reader.GetString(3),
        ColumnJson.Deserialize<List<long>>(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetInt64(5),
        ColumnJson.ParseDate(reader.GetString(6)));

    /// <summary>Every row of <paramref name="reader"/>, read by <paramref name="read"/>.</summary>
    public static List<T> All<T>(DbDataReader reader, Func<DbDataReader, T> read)
    {
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
