using System.Diagnostics;

namespace Recoupe.Tests.Queue;

/// <summary>
/// Restarts the local RabbitMQ node with <c>rabbitmqctl stop_app</c> / <c>start_app</c> (the broker stops serving and
/// closes every connection; durable queues and persistent messages stay), as an operator's restart does. Needs root
/// (or the rabbitmq user) on the machine that runs RabbitMQ, as CI is.
/// </summary>
internal static class RabbitMqRestart
{
    private const string Control = "/usr/sbin/rabbitmqctl";

    public static string? SkipReason =>
        !File.Exists(Control) ? $"needs {Control} to restart RabbitMQ"
        : Environment.UserName != "root" ? "needs root to restart RabbitMQ with rabbitmqctl"
        : null;

    public static void Run(Action stopped)
    {
        Ctl("stop_app");
        stopped();
        Thread.Sleep(3000); // clients see refused connections and keep trying
        Ctl("start_app");
        Ctl("await_startup");
    }

    private static void Ctl(string verb)
    {
        using var process = Process.Start(new ProcessStartInfo(Control, verb) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {verb} failed: {output}");
    }
}
