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
}
