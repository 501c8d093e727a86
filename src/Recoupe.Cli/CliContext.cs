using System.CommandLine;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;
using Recoupe.Store.Postgres;
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
    /// <summary>Something no command expected went wrong (a bug): said in one line, never as a stack trace.</summary>
    public const int Unexpected = 3;
}

/// <summary>An error to report in one line on standard error, ending the command with <see cref="ExitCode"/>.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>What a command's action works with: its parse result, its output writers, the global options.</summary>
public sealed class CliContext
{
    private readonly TerminalSafeWriter _out;
    private readonly TerminalSafeWriter _error;

    public CliContext(ParseResult parse)
    {
        Parse = parse;
        _out = new TerminalSafeWriter(parse.InvocationConfiguration.Output);
        _error = new TerminalSafeWriter(parse.InvocationConfiguration.Error);
    }

    public ParseResult Parse { get; }

    /// <summary>
    /// Standard output. Text passes through <see cref="TerminalText"/> (stored text may hold escape sequences); with
    /// --json it is the writer itself, since the serializer escapes every control character and the JSON stays exact.
    /// </summary>
    public TextWriter Out => Json ? RawOut : _out;

    /// <summary>Standard output as given, for JSON and for renderers that clean their own text (the digest's tables).</summary>
    public TextWriter RawOut => Parse.InvocationConfiguration.Output;

    /// <summary>Standard error, through <see cref="TerminalText"/>: its lines name sources and quote what failed.</summary>
    public TextWriter Error => _error;

    public bool Json => Parse.GetValue(GlobalOptions.Json);
    public string DbPath => Parse.GetValue(GlobalOptions.Db) ?? "./recoupe.db";

    /// <summary>True when standard error is the process's own console and a terminal (live progress makes sense).</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Parse.InvocationConfiguration.Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>True when --db (or RECOUPE_DB) names a PostgreSQL store (postgres://…) rather than a SQLite file.</summary>
    public bool IsPostgres => PostgresDatabase.IsLocation(DbPath);

    /// <summary>The store as messages name it: the file, or the PostgreSQL URL without its password.</summary>
    public string DbName => IsPostgres ? PostgresDatabase.Describe(DbPath) : DbPath;

    /// <summary>Opens the store; a command that only reads passes <paramref name="create"/> false to refuse a missing one.</summary>
    public IArticleStore OpenStore(bool create) =>
        Open<IArticleStore>(create, () => new PostgresArticleStore(DbPath, create), () => new SqliteArticleStore(DbPath, new SqliteStoreOptions { CreateIfMissing = create }));

    /// <summary>Opens the story tables of an existing database (never creates one unless <paramref name="create"/>).</summary>
    public IStoryStore OpenStories(bool create = false) =>
        Open<IStoryStore>(create, () => new PostgresStoryStore(DbPath, create), () => new SqliteStoryStore(DbPath, createIfMissing: create));

    /// <summary>
    /// The watched sources and their state, beside the articles in either store (the SQLite file, or the PostgreSQL
    /// database's migration 0010); <paramref name="createIfMissing"/> false refuses a missing store in one line.
    /// </summary>
    public ISourceStore OpenSources(bool createIfMissing) =>
        Open<ISourceStore>(createIfMissing, () => new PostgresSourceStore(DbPath, createIfMissing), () => new SqliteSourceStore(DbPath, createIfMissing));

    /// <summary>
    /// The alert rules, events and webhooks, beside the stories in either store (the SQLite file, or the PostgreSQL
    /// database's migration 0008); <paramref name="createIfMissing"/> false refuses a missing store in one line.
    /// </summary>
    public AlertTables OpenAlerts(bool createIfMissing) =>
        Open<AlertTables>(createIfMissing, () => new PostgresAlertStore(DbPath, createIfMissing), () => new SqliteAlertStore(DbPath, createIfMissing));

    /// <summary>
    /// Opens one of the stores on the chosen engine; a command that only reads (<paramref name="create"/> false) refuses
    /// a missing store in one line, and a store that cannot be opened is a one-line error naming it.
    /// </summary>
    private T Open<T>(bool create, Func<T> postgres, Func<T> sqlite)
    {
        if (!create) RequireDatabase();
        try
        {
            return IsPostgres ? postgres() : sqlite();
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>A command that reads refuses a missing database file in one line, before SQLite could create it.</summary>
    private void RequireDatabase()
    {
        if (!IsPostgres && !File.Exists(DbPath))
            throw new CliException($"no database at {DbPath}; run `recoupe ingest` first (or pass --db PATH)");
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
        finally
        {
            context._out.Flush();
            context._error.Flush();
        }
    }
}
