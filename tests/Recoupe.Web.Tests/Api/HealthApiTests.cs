using System.Net;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

/// <summary><c>/api/health</c> and <c>/api/ready</c>: what a supervisor or a load balancer asks.</summary>
public sealed class HealthApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_running_server_is_alive_and_ready_once_its_articles_are_grouped()
    {
        var client = _app.CreateClient();
        var health = await ApiJson.Read(await client.GetAsync("/api/health"), HttpStatusCode.OK);
        health["alive"]!.GetValue<bool>().Should().BeTrue();

        await Samples.PostAll(client);
        var ready = await ApiJson.Read(await client.GetAsync("/api/ready"), HttpStatusCode.OK);
        ready["ready"]!.GetValue<bool>().Should().BeTrue();
        ready["reason"].Should().BeNull();
    }
}
