using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Recoupe.Core.Model;

namespace Recoupe.Core.Storage;

/// <summary>
/// What the annotations column holds: every span kind except tokens (cheap to recompute, bulky to keep), and except
/// quotations and figures, which their own rows hold (quotes and figures tables). Articles written before schema 6
/// also carry those two here, which reading still accepts.
/// </summary>
public sealed class StoredAnnotations
{
    public List<Paragraph> Paragraphs { get; set; } = [];
    public List<Sentence> Sentences { get; set; } = [];
    [JsonConverter(typeof(EntityMentionsJson))]
    public List<EntityMention> Entities { get; set; } = [];
    public List<Quotation>? Quotes { get; set; }
    public List<Figure>? Figures { get; set; }
    public List<DateMention> Dates { get; set; } = [];
    public List<RemovedBlock> Removed { get; set; } = [];
    /// <summary>The HTML extractor's confidence and warnings (absent for other inputs and for articles stored before).</summary>
    public ExtractionNote? Extraction { get; set; }
}

/// <summary>
/// What the dateline column holds: the dateline span when the text has one, and the place either way
/// (<see cref="ArticleMetadata.DatelinePlace"/> may be known without a span).
/// </summary>
public sealed record StoredDateline(int? Start, int? End, string? Place, string? Agency, DateOnly? Date);

/// <summary>JSON and date formats of the store's columns.</summary>
public static class ColumnJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Keep accented text readable in the column (this is not HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropComputedProperties } },
    };

    /// <summary>Computed properties (e.g. <see cref="TextRange.Length"/>) cannot be read back, so they are not written.</summary>
    private static void DropComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            var property = type.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
                type.Properties.RemoveAt(i);
        }
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"null where {typeof(T).Name} was expected");

    /// <summary>ISO 8601; a 'Z' suffix only when the time is known to be UTC, fractions only when present.</summary>
    public static string FormatDate(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z",
        DateTimeKind.Local => FormatDate(value.ToUniversalTime()),
        _ => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
    };

    public static DateTime ParseDate(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
