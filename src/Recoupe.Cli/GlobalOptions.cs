using System.CommandLine;

namespace Recoupe.Cli;

/// <summary>Options every command accepts, before or after the command name.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "The article database (SQLite file, created on first ingest)",
        HelpName = "PATH",
        DefaultValueFactory = _ => "./recoupe.db",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON to standard output instead of text",
        Recursive = true,
    };
}
