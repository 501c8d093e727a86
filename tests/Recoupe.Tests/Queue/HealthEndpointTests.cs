using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Recoupe.Queue;

namespace Recoupe.Tests.Queue;

/// <summary>The health and readiness endpoints a worker or an assigner serves with <c>--health URL</c>.</summary>
public sealed class HealthEndpointTests
{
    private static string FreePrefix()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    [Fact]
    public async Task Health_is_200_while_running_and_ready_follows_the_check_200_then_503_when_the_connection_is_lost()
    {
        var connected = true;
        var prefix = FreePrefix();
        using var endpoint = new HealthEndpoint(prefix, "worker", () => connected, () => new { stored = 12 });
        using var client = new HttpClient();

        var health = await client.GetAsync(prefix + "health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("role").GetString().Should().Be("worker");
            body.RootElement.GetProperty("figures").GetProperty("stored").GetInt32().Should().Be(12);
        }
        (await client.GetAsync(prefix + "ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        connected = false;
        (await client.GetAsync(prefix + "ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await client.GetAsync(prefix + "health")).StatusCode.Should().Be(HttpStatusCode.OK, "alive, though not ready");
        (await client.GetAsync(prefix + "other")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
