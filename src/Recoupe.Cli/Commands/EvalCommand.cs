using System.CommandLine;

namespace Recoupe.Cli.Commands;

/// <summary><c>eval ...</c>: measure a stage against gold. Each kind of evaluation is a subcommand in its own file.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure Recoupe against gold annotations");
        command.Subcommands.Add(EvalExtractCommand.Create());
        return command;
    }
}
