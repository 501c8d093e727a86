using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Recoupe.Tests.Crash;

/// <summary>
/// The built CLI (<c>Recoupe.Cli.dll</c>, copied beside the tests by the project reference) run as a real child process
/// with <c>dotnet</c>, so that it can be killed with SIGKILL at any moment like a crashed or killed command.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process) => _process = process;

    public static string CliDll { get; } = Path.Combine(AppContext.BaseDirectory, "Recoupe.Cli.dll");

    /// <summary>The host that runs the tests (set by <c>dotnet test</c>), else the one on PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public bool HasExited => _process.HasExited;

    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Record(e.Data);
        process.ErrorDataReceived += (_, e) => cli.Record(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a command to its end and returns what it printed; fails when it takes too long or exits with an error.</summary>
    public static string Run(TimeSpan timeout, params string[] args)
    {
        using var cli = Start(args);
        var code = cli.WaitForExit(timeout);
        if (code != 0) throw new InvalidOperationException($"recoupe {string.Join(' ', args)} exited with {code}: {cli.Output}");
        return cli.Output;
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Where <c>recoupe serve</c> listens, once it says so ("recoupe: serving DB on http://…").</summary>
    public string WaitForListening(TimeSpan timeout)
    {
        if (!_listening.Task.Wait(timeout)) throw new TimeoutException($"serve did not start within {timeout}: {Output}");
        return _listening.Task.Result;
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix); true when the process was still running.</summary>
    public bool KillNine()
    {
        if (_process.HasExited) return false;
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            return false; // it ended between the check and the kill
        }
        _process.WaitForExit();
        return true;
    }

    /// <summary>SIGTERM: a server's orderly stop (it stores what it accepted, then exits).</summary>
    public int Terminate(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            term?.WaitForExit();
        }
        return WaitForExit(timeout);
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"recoupe did not end within {timeout}: {Output}");
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException("the process ended before listening"));
            return;
        }
        lock (_output) _output.AppendLine(line);
        var at = line.IndexOf("http://", StringComparison.Ordinal);
        if (line.StartsWith("recoupe: serving", StringComparison.Ordinal) && at > 0)
            _listening.TrySetResult(line[at..].Split(' ', ',')[0]);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
    }
}
