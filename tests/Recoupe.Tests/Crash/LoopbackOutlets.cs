using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Recoupe.Tests.Watch;

namespace Recoupe.Tests.Crash;

/// <summary>
/// Simulated outlets (<see cref="SimulatedOutlet"/>'s pages and texts) served over real HTTP, for a watcher running as a
/// child process: outlet k lives at http://127.0.0.(k+2):PORT (Linux answers on all of 127/8), with a robots.txt that
/// shuts /private/, an RSS feed of all its articles, and their pages. Every request is logged with its time, so a test
/// can tell which pages a restarted watcher fetched again. Minimal HTTP/1.1: one request per connection.
/// </summary>
internal sealed class LoopbackOutlets : IDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _now;

    public LoopbackOutlets(int outlets, int articlesEach)
    {
        var start = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        _now = start.AddDays(1);
        Outlets = Enumerable.Range(1, outlets)
            .Select(i => new SimulatedOutlet(i, OutletKind.Rss, OutletFault.None, start, TimeSpan.FromMinutes(30) * (articlesEach - 1), TimeSpan.FromMinutes(30)))
            .ToList();
        var port = 0;
        foreach (var outlet in Outlets)
        {
            var listener = new TcpListener(Address(outlet), port);
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listeners.Add(listener);
            _ = Task.Run(() => AcceptAsync(listener, outlet));
        }
        Port = port;
    }

    public IReadOnlyList<SimulatedOutlet> Outlets { get; }
    public int Port { get; }

    /// <summary>Every request: its URL and when it came.</summary>
    public ConcurrentQueue<(string Url, DateTime At)> Requests { get; } = new();

    private static IPAddress Address(SimulatedOutlet outlet) => IPAddress.Parse($"127.0.0.{outlet.Index + 1}");

    public string Base(SimulatedOutlet outlet) => $"http://{Address(outlet)}:{Port}";
    public string FeedUrl(SimulatedOutlet outlet) => Base(outlet) + "/feed.rss";
    public string PageUrl(SimulatedOutlet outlet, SimArticle a) => Base(outlet) + a.Path;

    /// <summary>Every article's page (a /private/ one is not fetched, but its feed item is stored from its own text).</summary>
    public IEnumerable<string> AllPages() => Outlets.SelectMany(o => o.Articles.Select(a => PageUrl(o, a)));

    private async Task AcceptAsync(TcpListener listener, SimulatedOutlet outlet)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client, outlet));
        }
    }

    private async Task ServeAsync(TcpClient client, SimulatedOutlet outlet)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var path = head.Split(' ', 3) is [_, var p, _] ? p : "/";
                Requests.Enqueue((Base(outlet) + path, DateTime.UtcNow));
                var (status, type, body) = Answer(outlet, path);
                var bytes = Encoding.UTF8.GetBytes(body);
                var header = $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
                await stream.WriteAsync(bytes);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // The watcher was killed mid-request.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0) break;
            read += n;
            if (Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private (string Status, string Type, string Body) Answer(SimulatedOutlet outlet, string path)
    {
        if (path == "/robots.txt") return ("200 OK", "text/plain", "User-agent: *\nDisallow: /private/\n");
        if (path == "/feed.rss")
        {
            var items = new StringBuilder();
            foreach (var a in outlet.Articles)
                items.Append($"<item><title>{WebUtility.HtmlEncode(outlet.Title(a))}</title><link>{PageUrl(outlet, a)}</link>")
                    .Append($"<guid>{PageUrl(outlet, a)}</guid><pubDate>{a.Published.UtcDateTime:R}</pubDate></item>\n");
            return ("200 OK", "application/rss+xml; charset=utf-8",
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{outlet.Name}</title><link>{Base(outlet)}/</link>\n{items}</channel></rss>");
        }
        if (outlet.Articles.FirstOrDefault(a => a.Path == path) is { } article)
            return ("200 OK", "text/html; charset=utf-8", outlet.Page(article, _now, PageUrl(outlet, article)));
        return ("404 Not Found", "text/plain", "not found");
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var listener in _listeners) listener.Stop();
    }
}
