using System.CommandLine;

namespace Recoupe.Cli;

/// <summary>The root command with the global options; commands are registered by <see cref="Program.BuildRoot"/>.</summary>
public static class CliRoot
{
    public static RootCommand Create(params Command[] commands)
    {
        var root = new RootCommand("Recoupe cross-checks the news: ingest articles, then see who said what, which figures, which stories.");
        root.HelpName = "recoupe";
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Json);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>
    /// Parses and runs. A command line that does not parse is reported in one line per problem on standard error
    /// with exit code <see cref="ExitCodes.Error"/> (1 is kept for "some inputs failed").
    /// </summary>
    public static int Run(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0 || parse.Action is System.CommandLine.Help.HelpAction)
            return parse.Invoke(configuration);

        foreach (var error in parse.Errors)
            configuration.Error.WriteLine($"recoupe: {error.Message}");
        var command = parse.CommandResult.Command;
        var name = command is RootCommand ? "" : command.Name + " ";
        configuration.Error.WriteLine($"recoupe: see 'recoupe {name}--help'");
        return ExitCodes.Error;
    }
}
