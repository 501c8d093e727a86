using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Recoupe.Cli;

/// <summary>The root command with the global options; commands are registered by <see cref="Program.BuildRoot"/>.</summary>
public static class CliRoot
{
    /// <summary>Set to 1 to see the stack trace of an unexpected error (a bug), which is otherwise one line.</summary>
    public const string DebugVariable = "RECOUPE_DEBUG";

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
    /// Parses and runs. A command line that does not parse is reported on standard error — the problem in one line
    /// (naming the option and the value), then the command's usage — with exit code <see cref="ExitCodes.Error"/> (1
    /// is kept for "some inputs failed"). An exception no command expected is one line too, with
    /// <see cref="ExitCodes.Unexpected"/>: the user never sees a stack trace unless <see cref="DebugVariable"/> asks for it.
    /// </summary>
    public static int Run(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count == 0 || parse.Action is HelpAction)
                return parse.Invoke(configuration);
            ReportUsageError(parse, configuration.Error);
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            ReportUnexpected(e, configuration.Error);
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>One line for an exception nothing expected (the full trace only when <see cref="DebugVariable"/> is 1).</summary>
    public static void ReportUnexpected(Exception e, TextWriter error)
    {
        try
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
            error.WriteLine(Environment.GetEnvironmentVariable(DebugVariable) == "1"
                ? $"recoupe: unexpected error: {inner}"
                : $"recoupe: unexpected error: {inner.GetType().Name}: {Output.TerminalText.Clean(OneLine(inner.Message))} (set {DebugVariable}=1 for details)");
        }
        catch (IOException)
        {
            // Standard error itself is gone: the exit code is all that is left to say it.
        }
    }

    private static void ReportUsageError(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        // A command that only groups others (the root, eval) says which word it did not know or that one is missing,
        // instead of System.CommandLine's "Required command was not provided." followed by the unknown word.
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            var unknown = parse.UnmatchedTokens.FirstOrDefault(t => !t.StartsWith('-'));
            error.WriteLine(unknown is not null
                ? $"recoupe: unknown command '{(path.Length == 0 ? "" : path + " ")}{unknown}'"
                : $"recoupe: {(path.Length == 0 ? "" : path + ": ")}a command is required");
        }
        else
        {
            foreach (var message in parse.Errors.Select(e => OneLine(e.Message)).Distinct(StringComparer.Ordinal))
                error.WriteLine($"recoupe: {message}");
        }

        error.Write(Usage(parse, path));
        error.WriteLine($"recoupe: see 'recoupe {(path.Length == 0 ? "" : path + " ")}--help'");
    }

    /// <summary>The command's help from its usage line on (its description left out): what the user can type instead.</summary>
    private static string Usage(ParseResult parse, string path)
    {
        var help = new StringWriter();
        var root = (RootCommand)parse.RootCommandResult.Command;
        root.Parse([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]).Invoke(new InvocationConfiguration { Output = help, Error = help });
        var text = help.ToString();
        var usage = text.IndexOf("Usage:", StringComparison.Ordinal);
        return usage > 0 ? text[usage..] : text;
    }

    /// <summary>The command words after "recoupe" ("eval html"), empty for the root.</summary>
    private static string CommandPath(CommandResult result)
    {
        var words = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c && c.Command is not RootCommand; r = r.Parent)
            words.Insert(0, c.Command.Name);
        return string.Join(' ', words);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
