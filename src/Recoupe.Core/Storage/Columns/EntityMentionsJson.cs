using System.Text.Json;
using System.Text.Json.Serialization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// The entity mentions of the annotations column, written compactly: each entity (type, name, key, role) once, then
/// each mention as [start, end, entity, via] in the article's order. About 23 mentions an article on fr-news repeat a
/// few entities, and one object per mention made them half the column. Columns written before schema 6 hold one
/// object per mention, which reading still accepts.
/// <code>{"entities": [["person", "Vladimir Poutine", "putin", "président russe"]], "mentions": [[40, 56, 0, "name"]]}</code>
/// </summary>
public sealed class EntityMentionsJson : JsonConverter<List<EntityMention>>
{
    public override void Write(Utf8JsonWriter writer, List<EntityMention> mentions, JsonSerializerOptions options)
    {
        var index = new Dictionary<(EntityType, string, string, string?), int>();
        var entities = new List<(EntityType Type, string Name, string Key, string? Role)>();
        var refs = new int[mentions.Count];
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            var entity = (m.Type, m.Name, m.Key, m.Role);
            if (!index.TryGetValue(entity, out var at))
            {
                index[entity] = at = entities.Count;
                entities.Add(entity);
            }
            refs[i] = at;
        }

        writer.WriteStartObject();
        writer.WriteStartArray("entities");
        foreach (var (type, name, key, role) in entities)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(TypeName(type));
            writer.WriteStringValue(name);
            writer.WriteStringValue(key);
            if (role is not null) writer.WriteStringValue(role);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("mentions");
        for (var i = 0; i < mentions.Count; i++)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(mentions[i].Start);
            writer.WriteNumberValue(mentions[i].End);
            writer.WriteNumberValue(refs[i]);
            writer.WriteStringValue(mentions[i].Via);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override List<EntityMention> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray) // before schema 6: one object per mention
            return JsonSerializer.Deserialize<List<EntityMention>>(ref reader, options) ?? [];
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("entity mentions: an object or an array was expected");

        using var document = JsonDocument.ParseValue(ref reader);
        var entities = document.RootElement.GetProperty("entities").EnumerateArray().Select(e =>
        {
            var fields = e.EnumerateArray().ToList();
            return (Type: ParseType(fields[0].GetString()!), Name: fields[1].GetString()!, Key: fields[2].GetString()!,
                Role: fields.Count > 3 ? fields[3].GetString() : null);
        }).ToList();
        return document.RootElement.GetProperty("mentions").EnumerateArray().Select(m =>
        {
            var fields = m.EnumerateArray().ToList();
            var entity = entities[fields[2].GetInt32()];
            return new EntityMention(fields[0].GetInt32(), fields[1].GetInt32(), entity.Type, entity.Name, entity.Key)
            {
                Role = entity.Role,
                Via = fields[3].GetString()!,
            };
        }).ToList();
    }

    // The same names as the enum converter of ColumnJson writes elsewhere ("person", "organisation", "place").
    private static string TypeName(EntityType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    private static EntityType ParseType(string name) =>
        Enum.TryParse<EntityType>(name, ignoreCase: true, out var type) ? type : throw new JsonException($"unknown entity type '{name}'");
}
