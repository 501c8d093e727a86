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

    public RecoupeAppFactory(string? apiKey = null, long? maxRequestBytes = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "recoupe-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DbPath = Path.Combine(Folder, "web.db");
        _settings = new Dictionary<string, string?> { ["Recoupe:Db"] = DbPath };
        if (apiKey is not null) _settings["Recoupe:ApiKey"] = apiKey;
        if (maxRequestBytes is not null) _settings["Recoupe:MaxRequestBytes"] = maxRequestBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
        if (!disposing) return;
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
