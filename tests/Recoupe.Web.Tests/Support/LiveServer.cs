using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Recoupe.Web.Tests.Support;

/// <summary>The app on Kestrel on a free loopback port (127.0.0.1:0), with a fresh database: what a browser talks to.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveServer(WebApplication app, string folder, string address)
    {
        _app = app;
        Folder = folder;
        Address = address.TrimEnd('/');
        Client = new HttpClient { BaseAddress = new Uri(Address) };
    }

    public string Folder { get; }
    /// <summary>http://127.0.0.1:PORT</summary>
    public string Address { get; }
    public HttpClient Client { get; }

    /// <param name="settings">More configuration (e.g. "Recoupe:MaxInFlightBytes").</param>
    public static async Task<LiveServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?> { ["Recoupe:Db"] = Path.Combine(folder, "live.db") };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = RecoupeWebApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(all));
        await app.StartAsync();
        var address = app.Urls.Single();
        new Uri(address).IsLoopback.Should().BeTrue();
        return new LiveServer(app, folder, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
