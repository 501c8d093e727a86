using System.Text.Json;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>A field of a JSON article with a value of the wrong type or a string that is not text; the article fails with it.</summary>
internal sealed class JsonFieldException(string message) : Exception(message);

/// <summary>
/// Maps one JSON article object onto <see cref="SourceFields"/>. Known fields must have their type (a string; an id
/// or a date may be a number; an outlet may be an object with a name; authors a name, an object with a name or an
/// array of them): anything else fails the article with <see cref="JsonFieldException"/> naming the field, rather
/// than being coerced ("title": true) or dropped ("text": [...]). Strings must be text: a lone surrogate escape
/// ("\ud800" with no pair) fails too. Known keys have aliases ranked by preference
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
        try
        {
            return Map(article);
        }
        catch (InvalidOperationException)
        {
            // A key itself that is not text (System.Text.Json refuses to read it as a string).
            throw new JsonFieldException("a key is not valid text: it holds a lone surrogate escape (\\uD800-\\uDFFF without its pair)");
        }
    }

    private static SourceFields Map(JsonElement article)
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
                    var names = AuthorNames(property.Name, property.Value);
                    if (names.Count > 0 && known.Rank < authorsRank)
                    {
                        authors = names;
                        authorsRank = known.Rank;
                    }
                    continue;
                }
                var value = Typed(property.Name, known.Field, property.Value);
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
            var scalar = Scalar(property.Name, property.Value);
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

    /// <summary>A known field's value as text, or null when null; a value of another type fails the article.</summary>
    private static string? Typed(string key, Field field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => Text(key, value),
        JsonValueKind.Number when field is Field.Id or Field.Date => value.GetRawText(),
        JsonValueKind.Object when field is Field.Outlet && NameOf(key, value) is { } name => name,
        _ => throw WrongType(key, field switch
        {
            Field.Id => "a string or a number",
            Field.Date => "a string or a number (a date)",
            Field.Outlet => "a string or an object with a \"name\" string",
            _ => "a string",
        }, value),
    };

    /// <summary>A string, number or boolean as text; null for null, objects and arrays (kept aside, not read).</summary>
    private static string? Scalar(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(key, value),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Text(string key, JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonFieldException(
                $"field '{key}' is not valid text: it holds a lone surrogate escape (\\uD800-\\uDFFF without its pair)");
        }
    }

    /// <summary>Objects such as {"name": "Le Monde", "url": …} stand for their name.</summary>
    private static string? NameOf(string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? Text(key, name)
            : null;

    private static List<string> AuthorNames(string key, JsonElement value)
    {
        var names = new List<string>();
        void Add(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Null) return;
            var name = element.ValueKind == JsonValueKind.String ? Text(key, element) : NameOf(key, element)
                ?? throw WrongType(key, "a name, an object with a \"name\" string, or an array of them", element);
            if (!string.IsNullOrWhiteSpace(name) && !names.Contains(name.Trim())) names.Add(name.Trim());
        }
        if (value.ValueKind == JsonValueKind.Array)
            foreach (var element in value.EnumerateArray()) Add(element);
        else Add(value);
        return names;
    }

    private static JsonFieldException WrongType(string key, string expected, JsonElement value) =>
        new($"field '{key}' must be {expected}, found a JSON {Kind(value.ValueKind)}");

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
