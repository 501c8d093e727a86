using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recoupe.Web.Tests.Support;

/// <summary>Reads API answers as JSON trees, checking status and media type on the way.</summary>
public static class ApiJson
{
    public static async Task<JsonNode> Read(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", body.Length > 2000 ? body[..2000] : body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>An RFC 7807 problem: application/problem+json with the status repeated in the body.</summary>
    public static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await Read(response, expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["status"]!.GetValue<int>().Should().Be((int)expected);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
    public static long Long(this JsonNode? node) => node!.GetValue<long>();
    public static int Int(this JsonNode? node) => node!.GetValue<int>();
    public static JsonArray Arr(this JsonNode? node) => node!.AsArray();

    public static string Compact(object value) => JsonSerializer.Serialize(value);
}
