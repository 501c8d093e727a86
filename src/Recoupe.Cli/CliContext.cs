using System.CommandLine;
using Recoupe.Store.Sqlite;

namespace Recoupe.Cli;

/// <summary>Exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran but some inputs failed (each named on standard error).</summary>
    public const int InputsFailed = 1;
    /// <summary>The command could not run: unknown id, missing or unreadable database, bad option value.</summary>
    public const int Error = 2;
}

/// <summary>An error to report in one line on standard error, ending the command with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>What a command's action works with: its parse result, its output writers, the global options.</summary>
public sealed class CliContext(ParseResult parse)
{
    public ParseResult Parse { get; } = parse;
    public TextWriter Out => Parse.InvocationConfiguration.Output;
    public TextWriter Error => Parse.InvocationConfiguration.Error;
    public bool Json => Parse.GetValue(GlobalOptions.Json);
    public string DbPath => Parse.GetValue(GlobalOptions.Db) ?? "./recoupe.db";

    /// <summary>True when standard error is the process's own console and a terminal (live progress makes sense).</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Opens the store; a command that only reads passes <paramref name="create"/> false to refuse a missing file.</summary>
    public SqliteArticleStore OpenStore(bool create)
    {
        if (!create && !File.Exists(DbPath))
            throw new CliException($"no database at {DbPath} (ingest articles first, or pass --db PATH)");
        try
        {
            return new SqliteArticleStore(DbPath);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Runs a command body: a <see cref="CliException"/> becomes one line on standard error and its exit code.</summary>
    public static int Run(ParseResult parse, Func<CliContext, int> body)
    {
        var context = new CliContext(parse);
        try
        {
            return body(context);
        }
        catch (CliException e)
        {
            context.Error.WriteLine($"recoupe: {e.Message}");
            return e.ExitCode;
        }
    }
}
