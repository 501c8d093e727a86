using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

// One host at a time: WebApplicationFactory finds the app's host by listening to host-building events process-wide,
// and the browser tests build a second (real Kestrel) host; 2 cores gain nothing from running them side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Recoupe.Web.Tests.Support;

/// <summary>The app in-process (TestServer) on a fresh database of its own, deleted on dispose.</summary>
public sealed class RecoupeAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _ownsFolder;

    /// <param name="folder">A folder to keep the database in (kept on dispose); a new temporary one when null.</param>
    /// <param name="settings">More configuration (e.g. "Recoupe:WritesPerMinute").</param>
    public RecoupeAppFactory(string? apiKey = null, long? maxRequestBytes = null, string? folder = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        _ownsFolder = folder is null;
        Folder = folder ?? Path.Combine(Path.GetTempPath(), "recoupe-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DbPath = Path.Combine(Folder, "web.db");
        _settings = new Dictionary<string, string?> { ["Recoupe:Db"] = DbPath };
        if (apiKey is not null) _settings["Recoupe:ApiKey"] = apiKey;
        if (maxRequestBytes is not null) _settings["Recoupe:MaxRequestBytes"] = maxRequestBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string Folder { get; }
    public string DbPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseEnvironment("Production"); // problem details as a client sees them, no developer pages
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_ownsFolder) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Small request builders for the API.</summary>
public static class Http
{
    /// <summary>Text as UTF-8 with exactly the Content-Type given (parameters included).</summary>
    public static ByteArrayContent Body(string text, string mediaType) => Bytes(Encoding.UTF8.GetBytes(text), mediaType);

    public static ByteArrayContent Bytes(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }
}

/// <summary>The bundled fictional sample corpus (samples/articles), POSTed with the media type of each file.</summary>
public static class Samples
{
    public static string Folder => Path.Combine(Recoupe.Tests.Support.SharedData.SamplesDir, "articles");

    public static string? MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" => "text/plain; charset=utf-8",
        ".html" => "text/html",
        ".jsonl" => "application/x-ndjson",
        ".rss" => "application/rss+xml",
        ".atom" => "application/atom+xml",
        _ => null,
    };

    /// <summary>Posts every sample file (in name order) and returns how many articles were stored.</summary>
    public static async Task<int> PostAll(HttpClient client)
    {
        var stored = 0;
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (MediaType(file) is not { } type) continue;
            var response = await client.PostAsync("/api/articles?source=" + Uri.EscapeDataString(Path.GetFileName(file)),
                Http.Bytes(await File.ReadAllBytesAsync(file), type));
            var answer = await ApiJson.Read(response, System.Net.HttpStatusCode.OK);
            stored += answer["stored"].Int();
        }
        return stored;
    }
}
