using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recoupe.Core.Digest.Rendering;

/// <summary>The digest as JSON (DESIGN.md conventions): camelCase, ISO 8601 dates, enums as camelCase strings.</summary>
public static class DigestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // readable accents and quotation marks; the output is a file of its own, never embedded in a page
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(StoryDigest digest) => JsonSerializer.Serialize(digest, Options);

    public static StoryDigest? Parse(string json) => JsonSerializer.Deserialize<StoryDigest>(json, Options);
}
