using System.Data.Common;
using System.Globalization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// Reads the rows every store selects in the same column order, from any ADO.NET reader: an article reference
/// (id, published, outlet, title), then a quotation's or a figure's columns (<see cref="QuoteColumns"/>,
/// <see cref="FigureColumns"/>), or an article row (id, then <see cref="ArticleRow"/>'s columns).
/// </summary>
public static class RowReaders
{
    public const string QuoteColumns =
        "article_id, start, \"end\", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue, cue_start, cue_end, speaker_confidence";
    public const string FigureColumns =
        "article_id, start, \"end\", value, text, unit, counts, qualifier, scope, claimed_by, claimed_by_key";

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static ArticleRef ArticleRef(DbDataReader reader) => new(
        reader.GetInt64(0),
        Text(reader, 1) is { } published ? ColumnJson.ParseDate(published) : null,
        Text(reader, 2),
        Text(reader, 3));

    /// <summary>An article reference, then <see cref="QuoteColumns"/>.</summary>
    public static StoredQuote Quote(DbDataReader reader)
    {
        TextRange? Range(int start) =>
            reader.IsDBNull(start) || reader.IsDBNull(start + 1) ? null : new TextRange(reader.GetInt32(start), reader.GetInt32(start + 1));
        var quote = new Quotation(reader.GetInt32(5), reader.GetInt32(6), Enum.Parse<QuoteKind>(reader.GetString(7), ignoreCase: true))
        {
            SpeakerName = Text(reader, 9),
            SpeakerKey = Text(reader, 10),
            SpeakerSpan = Range(11),
            Cue = Text(reader, 13),
            CueSpan = Range(14),
            // (null in a row stored before the column existed, until the article is processed again)
            SpeakerConfidence = reader.IsDBNull(16) ? null : reader.GetDouble(16),
        };
        return new StoredQuote(ArticleRef(reader), quote, reader.GetString(8));
    }

    /// <summary>An article reference, then <see cref="FigureColumns"/>.</summary>
    public static StoredFigure Figure(DbDataReader reader)
    {
        var figure = new Figure(reader.GetInt32(5), reader.GetInt32(6), ParseValue(reader.GetString(7)))
        {
            Unit = Text(reader, 9),
            Counts = Text(reader, 10),
            Qualifier = Text(reader, 11),
            Scope = Text(reader, 12),
            ClaimedBy = Text(reader, 13),
            ClaimedByKey = Text(reader, 14),
        };
        return new StoredFigure(ArticleRef(reader), figure, reader.GetString(8));
    }

    /// <summary>The id, then the columns of <see cref="ArticleRow"/> in its order.</summary>
    public static StoredArticle Article(DbDataReader reader) =>
        new ArticleRow(reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6),
            reader.GetString(7), reader.GetString(8), reader.GetDouble(9), Text(reader, 10), Text(reader, 11), reader.GetString(12),
            reader.GetString(13), reader.GetString(14), reader.GetString(15), reader.GetString(16), reader.GetString(17),
            reader.GetInt32(18), reader.GetString(19)).ToStored(reader.GetInt64(0));

    /// <summary>A quotation search hit (score not set): row id, article_id, start, end, text, kind, speaker name and key, then the article's published, outlet, title.</summary>
    public static QuoteSearchHit QuoteHit(DbDataReader reader) => new(
        reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
        Enum.TryParse<QuoteKind>(reader.GetString(5), ignoreCase: true, out var kind) ? kind : QuoteKind.Direct,
        Text(reader, 6), Text(reader, 7), Text(reader, 8) is { } published ? ColumnJson.ParseDate(published) : null,
        Text(reader, 9), Text(reader, 10), 0);

    /// <summary>Rows read by <paramref name="read"/> (article id first), grouped by article in the reader's order.</summary>
    public static Dictionary<long, List<TSpan>> ByArticle<TRow, TSpan>(DbDataReader reader, Func<DbDataReader, TRow> read, Func<TRow, TSpan> span)
    {
        var byArticle = new Dictionary<long, List<TSpan>>();
        while (reader.Read())
        {
            var articleId = reader.GetInt64(0);
            if (!byArticle.TryGetValue(articleId, out var list)) byArticle[articleId] = list = [];
            list.Add(span(read(reader)));
        }
        return byArticle;
    }

    /// <summary>Enum values as the JSON columns and the CLI write them: "person", "organisation", "direct"…</summary>
    public static string Name<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string FormatValue(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseValue(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
