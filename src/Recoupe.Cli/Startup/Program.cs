using System.CommandLine;
using Recoupe.Cli.Commands;

namespace Recoupe.Cli.Startup;

public static class Program
{
    public static int Main(string[] args)
    {
        // An exception escaping on another thread would end the process with a stack trace: say it in one line instead.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            CliRoot.ReportUnexpected(e.ExceptionObject as Exception ?? new InvalidOperationException(e.ExceptionObject?.ToString()), Console.Error);
            Environment.Exit(ExitCodes.Unexpected);
        };
        return CliRoot.Run(BuildRoot(), args);
    }

    /// <summary>Every command, one line each; a new command is a file in Commands/ plus its line here.</summary>
    public static RootCommand BuildRoot() => CliRoot.Create(
    [
        IngestCommand.Create(),
        ArticlesCommand.Create(),
        ArticleCommand.Create(),
        ExtractCommand.Create(),
        QuotesCommand.Create(),
        FiguresCommand.Create(),
        ReprocessCommand.Create(),
        EvalCommand.Create(),
        DigestCommand.Create(),
        ServeCommand.Create(),
        StoriesCommand.Create(),
        StoryCommand.Create(),
        ReclusterCommand.Create(),
        SourcesCommand.Create(),
        WatchCommand.Create(),
        QueueCommands.Worker(),
        QueueCommands.Assign(),
        QueueCommands.Status(),
        AlertsCommand.Create(),
        HooksCommand.Create(),
    ]);
}
