using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Recoupe.Web.Hosting;

namespace Recoupe.Web.Api;

/// <summary>
/// The page's words, per language, as data (wwwroot/i18n/CODE.json): the language asked for (<c>?lang=</c>, the page's
/// switch), else the first of the browser's Accept-Language that we have, else English.
/// </summary>
public static class UiStrings
{
    public const string Default = "en";

    /// <summary>Languages with a strings file, by code.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Languages { get; } = StaticAssets.All.Values
        .Where(a => a.Name.StartsWith("i18n/", StringComparison.Ordinal) && a.Name.EndsWith(".json", StringComparison.Ordinal))
        .ToDictionary(a => a.Name["i18n/".Length..^".json".Length], a => JsonDocument.Parse(a.Content).RootElement.Clone(), StringComparer.Ordinal);

    public static void MapUiStrings(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/ui/strings", Strings)
            .WithName("UiStrings")
            .WithSummary("The page's words in the reader's language (?lang=, else Accept-Language, else English)")
            .Produces<UiStringsModel>();

    public sealed record UiStringsModel(string Lang, IReadOnlyList<string> Available, JsonElement Strings);

    private static IResult Strings(HttpContext http, string? lang)
    {
        http.Response.Headers.Vary = "Accept-Language";
        var chosen = Choose(lang, http.Request.Headers.AcceptLanguage.ToString());
        return Results.Ok(new UiStringsModel(chosen, Languages.Keys.Order(StringComparer.Ordinal).ToList(), Languages[chosen]));
    }

    /// <summary>The language to show: <paramref name="asked"/> when we have it, else the Accept-Language entries by quality, else English.</summary>
    public static string Choose(string? asked, string? acceptLanguage)
    {
        if (Primary(asked) is { } a && Languages.ContainsKey(a)) return a;
        if (!string.IsNullOrWhiteSpace(acceptLanguage) && StringWithQualityHeaderValue.TryParseList(acceptLanguage.Split(','), out var entries))
        {
            foreach (var entry in entries.Where(e => (e.Quality ?? 1) > 0).OrderByDescending(e => e.Quality ?? 1))
                if (Primary(entry.Value.Value) is { } code && Languages.ContainsKey(code)) return code;
        }
        return Default;
    }

    private static string? Primary(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Split('-', '_')[0].Trim().ToLowerInvariant();
}
