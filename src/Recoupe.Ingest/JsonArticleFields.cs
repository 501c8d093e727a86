using System.Text.Json;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>
/// Maps one JSON article object onto <see cref="SourceFields"/>. Known keys have aliases ranked by preference
/// ("text" before "body" before "content"); a lower-ranked alias that is not used, and every other scalar key,
/// goes to <see cref="SourceFields.Extra"/> so nothing the source said is lost.
/// </summary>
internal static class JsonArticleFields
{
    private enum Field { Id, Title, Lead, Body, Url, Date, Outlet, Language, Authors }

    private static readonly Dictionary<string, (Field Field, int Rank)> KnownKeys = Build(
        (Field.Id, ["id"]),
        (Field.Title, ["title", "headline"]),
        (Field.Lead, ["heading", "lead", "description", "summary"]),
        (Field.Body, ["text", "body", "content"]),
        (Field.Url, ["url", "link"]),
        (Field.Date, ["date", "published", "pubDate"]),
        (Field.Outlet, ["outlet", "source", "site"]),
        (Field.Language, ["lang", "language"]),
        (Field.Authors, ["author", "authors"]));

    private static Dictionary<string, (Field, int)> Build(params (Field Field, string[] Keys)[] table)
    {
        var map = new Dictionary<string, (Field, int)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, keys) in table)
            for (var rank = 0; rank < keys.Length; rank++)
                map[keys[rank]] = (field, rank);
        return map;
    }

    public static SourceFields From(JsonElement article)
    {
        var chosen = new (string Key, int Rank, string Value)?[Enum.GetValues<Field>().Length];
        List<string>? authors = null;
        var authorsRank = int.MaxValue;
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        var unused = new List<(string Key, string Value)>();

        foreach (var property in article.EnumerateObject())
        {
            if (KnownKeys.TryGetValue(property.Name, out var known))
            {
                if (known.Field == Field.Authors)
                {
                    var names = AuthorNames(property.Value);
                    if (names.Count > 0 && known.Rank < authorsRank)
                    {
                        authors = names;
                        authorsRank = known.Rank;
                    }
                    continue;
                }
                var value = Scalar(property.Value) ?? NameOf(property.Value);
                if (string.IsNullOrWhiteSpace(value)) continue;
                value = value.Trim();
                var slot = (int)known.Field;
                if (chosen[slot] is { } current)
                {
                    if (known.Rank < current.Rank)
                    {
                        unused.Add((current.Key, current.Value));
                        chosen[slot] = (property.Name, known.Rank, value);
                    }
                    else unused.Add((property.Name, value));
                }
                else chosen[slot] = (property.Name, known.Rank, value);
                continue;
            }
            var scalar = Scalar(property.Value);
            if (scalar is not null) extra.TryAdd(property.Name, scalar);
        }
        foreach (var (key, value) in unused) extra.TryAdd(key, value);

        string? Get(Field f) => chosen[(int)f]?.Value;
        var body = Get(Field.Body);
        return new SourceFields
        {
            Id = Get(Field.Id),
            Title = Get(Field.Title),
            Lead = Get(Field.Lead),
            Body = body,
            BodyIsHtml = body is not null && HtmlMarkup.LooksLikeMarkup(body),
            Url = Get(Field.Url),
            Date = Get(Field.Date),
            Outlet = Get(Field.Outlet),
            Language = Get(Field.Language),
            Authors = authors ?? [],
            Extra = extra,
        };
    }

    /// <summary>A string, number or boolean as text; null for null, objects and arrays.</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Objects such as {"name": "Le Monde", "url": …} stand for their name.</summary>
    private static string? NameOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("name", out var name) ? Scalar(name) : null;

    private static List<string> AuthorNames(JsonElement value)
    {
        var names = new List<string>();
        void Add(JsonElement element)
        {
            var name = Scalar(element) ?? NameOf(element);
            if (!string.IsNullOrWhiteSpace(name) && !names.Contains(name.Trim())) names.Add(name.Trim());
        }
        if (value.ValueKind == JsonValueKind.Array)
            foreach (var element in value.EnumerateArray()) Add(element);
        else Add(value);
        return names;
    }
}
