using System.CommandLine;

namespace Recoupe.Cli;

/// <summary>Options every command accepts, before or after the command name.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "The article database: a SQLite file (created on first ingest), or a PostgreSQL store as postgres://user:password@host/database; RECOUPE_DB gives the default",
        HelpName = "PATH",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RECOUPE_DB") is { Length: > 0 } fromEnvironment ? fromEnvironment : "./recoupe.db",
        Recursive = true,
    };

    static GlobalOptions() =>
        OptionValues.Check(Db, path => string.IsNullOrWhiteSpace(path) ? "is not a file name" : Directory.Exists(path) ? "is a folder, not a database file" : null);

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write JSON to standard output instead of text",
        Recursive = true,
    };
}
