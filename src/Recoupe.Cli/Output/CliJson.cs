using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recoupe.Cli.Output;

/// <summary>JSON as every command writes it (DESIGN.md): camelCase, ISO 8601 dates, enums as camelCase strings.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable accents and quotes; the output is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(TextWriter output, T value)
    {
        output.WriteLine(JsonSerializer.Serialize(value, Options));
    }
}

/// <summary>A stretch of an article's clean text: <see cref="Text"/> equals the text from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed record SpanJson(int Start, int End, string Text);

/// <summary>Evidence for a claim, in the one shape DESIGN.md gives it.</summary>
public sealed record EvidenceJson(long ArticleId, int Start, int End, string Text);
