using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Recoupe.Web.Hosting;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Hardening;

/// <summary>Issue 17: what write requests hold in memory is reserved first, bounded per request and for the whole server.</summary>
public sealed class WriteMemoryTests
{
    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    [Fact]
    public async Task A_small_gzipped_batch_that_inflates_past_the_requests_share_is_413_while_it_is_read_and_gives_its_room_back()
    {
        // 64 KB bodies: a request's articles may hold 16 times that (1 MB); this one inflates to about 6 MB of articles.
        using var app = new RecoupeAppFactory(maxRequestBytes: 64 * 1024);
        var client = app.CreateClient();
        var text = string.Concat(Enumerable.Repeat("Le conseil municipal a voté le budget des écoles et des routes. ", 1000));
        var lines = string.Join("\n", Enumerable.Range(0, 100).Select(i => Articles.Json($"Bombe {i}", text)));
        var body = Gzip(lines);
        body.Length.Should().BeLessThan(64 * 1024);

        var problem = await ApiJson.Problem(await client.PostAsync("/api/articles", Http.Bytes(body, "application/x-ndjson")),
            HttpStatusCode.RequestEntityTooLarge);
        problem["detail"].Str().Should().Contain("would hold more than").And.Contain("api:line");

        var status = await ApiJson.Read(await client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(0, "nothing of a refused request is stored");
        status["writeMemory"]!["inUse"].Long().Should().Be(0, "a refused request gives its room back");
        status["writeMemory"]!["peak"].Long().Should().BeInRange(1, 16 * 64 * 1024);
    }

    [Fact]
    public async Task When_other_requests_hold_the_servers_write_memory_a_request_waits_then_gets_503_with_retry_after()
    {
        // 1 MiB for all writes; a client that declares 524,000 bytes and drips holds all but 576 bytes of it while its body comes.
        await using var server = await LiveServer.StartAsync(new Dictionary<string, string?>
        {
            ["Recoupe:MaxInFlightBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Recoupe:BudgetWaitSeconds"] = "1",
        });
        using var dripper = new TcpClient();
        var address = new Uri(server.Address);
        await dripper.ConnectAsync(address.Host, address.Port);
        var stream = dripper.GetStream();
        var head = $"POST /api/articles HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: text/plain\r\nContent-Length: 524000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + new string('a', 1024)));
        await Task.Delay(500); // the server has read the headers and reserved the room

        var refused = await server.Client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain"));
        var problem = await ApiJson.Problem(refused, HttpStatusCode.ServiceUnavailable);
        problem["detail"].Str().Should().Contain("retry");
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeGreaterThanOrEqualTo(1);

        // Once the dripping client goes away, its room comes back and the same article is taken.
        dripper.Dispose();
        for (var i = 0; i < 50; i++)
        {
            var status = await ApiJson.Read(await server.Client.GetAsync("/api/status"), HttpStatusCode.OK);
            if (status["writeMemory"]!["inUse"].Long() == 0) break;
            await Task.Delay(100);
        }
        (await ApiJson.Read(await server.Client.PostAsync("/api/articles", Http.Body(Articles.French(), "text/plain")), HttpStatusCode.OK))
            ["stored"].Int().Should().Be(1);
    }

    [Fact]
    public async Task Reservations_are_granted_in_arrival_order_and_a_wait_that_runs_out_takes_nothing()
    {
        var budget = new WriteBudget(100);
        var first = (await budget.ReserveAsync(80, TimeSpan.Zero, CancellationToken.None))!;
        (await budget.ReserveAsync(50, TimeSpan.FromMilliseconds(100), CancellationToken.None)).Should().BeNull();
        budget.InUse.Should().Be(80);

        var large = budget.ReserveAsync(60, TimeSpan.FromSeconds(10), CancellationToken.None);
        var small = budget.ReserveAsync(10, TimeSpan.FromSeconds(10), CancellationToken.None);
        await Task.Delay(50);
        small.IsCompleted.Should().BeFalse("a small request does not overtake the large one waiting before it, though it would fit");
        first.Dispose();
        using var largeLease = (await large)!;
        using var smallLease = (await small)!;
        budget.InUse.Should().Be(70);
        largeLease.TryResize(95).Should().BeFalse("growing past the capacity is refused at once");
        largeLease.TryResize(90).Should().BeTrue();
        budget.Peak.Should().Be(100);
    }
}
