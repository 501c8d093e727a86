using System.CommandLine;

namespace Recoupe.Cli.Commands;

/// <summary><c>eval KIND ...</c>: measure a stage against gold data. One subcommand per kind, one line each here.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure Recoupe against gold data");
        command.Subcommands.Add(EvalHtmlCommand.Create());
        command.Subcommands.Add(EvalExtractCommand.Create());
        command.Subcommands.Add(EvalStoriesCommand.Create());
        command.Subcommands.Add(EvalDigestCommand.Create());
        command.Subcommands.Add(EvalAgreementCommand.Create());
        return command;
    }
}
