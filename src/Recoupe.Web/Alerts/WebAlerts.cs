using Recoupe.App.Alerts;
using Recoupe.Ingest;
using Recoupe.Core.Storage;
using Recoupe.Web.Storage;

namespace Recoupe.Web.Alerts;

/// <summary>
/// The server's alerts: after each grouping the writer looks for story events (<see cref="AlertDetector"/>, on the
/// writer's connections and thread), and <see cref="HookDeliveryService"/> sends them to the webhooks beside it.
/// </summary>
public sealed class WebAlerts(WriteStore writer, ILogger<WebAlerts> log) : IDisposable
{
    private readonly Lazy<AlertTables> _store = new(writer.Factory.OpenAlerts);

    /// <summary>Finds the events of what the last grouping added (writer thread only). A failure is logged; the next grouping catches up.</summary>
    public void Detect()
    {
        try
        {
            var run = new AlertDetector(_store.Value, writer.Stories, writer.Store).Run();
            if (run.Events.Count > 0) log.LogInformation("alerts: {Count} new", run.Events.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "alerts: detection failed; the next grouping looks again");
        }
    }

    public void Dispose()
    {
        if (_store.IsValueCreated) _store.Value.Dispose();
    }
}

/// <summary>Sends webhook deliveries while the server runs (its own connection and HTTP client; never on the writer).</summary>
public sealed class HookDeliveryService(WriteStore writer, ILogger<HookDeliveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var store = writer.Factory.OpenAlerts();
        using var http = new HttpClient();
        var deliverer = new HookDeliverer(store, http, new HookDeliveryOptions { UserAgent = RecoupeUserAgent.Value });
        try
        {
            await deliverer.RunAsync(pass => log.LogInformation("hooks: {Delivered} delivered, {Retrying} to retry, {GivenUp} given up",
                pass.Delivered, pass.Retrying, pass.GivenUp), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            log.LogError(e, "hooks: delivery stopped; pending deliveries wait in the store");
        }
    }
}
