using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Recoupe.Web.Tests.Support;

/// <summary>
/// The server in a process of its own (<c>dotnet Recoupe.Web.dll</c> from the test's output), on a free loopback port
/// with a fresh database, so its memory is its own to measure. Killed on dispose.
/// </summary>
public sealed partial class ServerChild : IDisposable
{
    private readonly Process _process;

    private ServerChild(Process process, string folder, Uri address)
    {
        _process = process;
        Folder = folder;
        Address = address;
    }

    public string Folder { get; }
    public Uri Address { get; }
    public int Pid => _process.Id;

    public static async Task<ServerChild> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "recoupe-child-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Recoupe.Web.dll"));
        var args = new Dictionary<string, string>(settings) { ["urls"] = "http://127.0.0.1:0", ["Recoupe:Db"] = Path.Combine(folder, "child.db") };
        foreach (var (key, value) in args)
        {
            info.ArgumentList.Add("--" + key);
            info.ArgumentList.Add(value);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        // The server says where it listens once it does ("listening on loopback only (http://127.0.0.1:PORT)").
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Watch(string? line)
        {
            if (line is null) { ready.TrySetException(new InvalidOperationException("the server ended: " + string.Join("\n", output))); return; }
            output.Enqueue(line);
            if (line.Contains("listening on", StringComparison.Ordinal) && Listening().Match(line) is { Success: true } match)
                ready.TrySetResult(new Uri(match.Value));
        }
        process.OutputDataReceived += (_, e) => Watch(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ServerChild(process, folder, await ready.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Listening();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(15_000);
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
