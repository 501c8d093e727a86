using System.CommandLine;
using Recoupe.Cli.Startup;
using Recoupe.Cli;

namespace Recoupe.Tests.Cli;

/// <summary>What one command line did, run in process as the program runs it: exit code, standard output and error.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string FirstErrorLine => Error.Split('\n')[0];

    /// <summary>Runs <paramref name="args"/> through <see cref="CliRoot.Run"/> on <paramref name="root"/> (the real program's commands by default).</summary>
    public static CliRun Of(IReadOnlyList<string> args, RootCommand? root = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRoot.Run(root ?? Program.BuildRoot(), args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
