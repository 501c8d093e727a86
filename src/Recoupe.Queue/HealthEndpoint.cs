using System.Net;
using System.Text;
using System.Text.Json;

namespace Recoupe.Queue;

/// <summary>
/// The health and readiness endpoints of a worker or an assigner, for a supervisor or a load balancer:
/// <c>GET /health</c> answers 200 while the process runs; <c>GET /ready</c> answers 200 when it can do its work now
/// (<paramref name="ready"/>: connected to RabbitMQ and PostgreSQL), else 503; both with a small JSON body of the
/// process's figures. Served on <c>http://HOST:PORT/</c> by the runtime's own listener (no web stack in a worker).
/// </summary>
public sealed class HealthEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<bool> _ready;
    private readonly Func<object> _figures;
    private readonly string _role;

    public HealthEndpoint(string prefix, string role, Func<bool> ready, Func<object> figures)
    {
        (_role, _ready, _figures) = (role, ready, figures);
        _listener.Prefixes.Add(prefix.EndsWith('/') ? prefix : prefix + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? "";
        int status;
        bool ready;
        try { ready = _ready(); }
        catch (Exception) { ready = false; } // a check that throws is a process not ready
        status = path switch
        {
            "/health" => 200,
            "/ready" => ready ? 200 : 503,
            _ => 404,
        };
        var body = status == 404
            ? "{\"error\":\"not found: /health or /ready\"}"
            : JsonSerializer.Serialize(new { role = _role, alive = true, ready, figures = _figures() }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        try
        {
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException)
        {
            // the client went away
        }
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }
}
