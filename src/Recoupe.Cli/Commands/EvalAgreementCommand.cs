using System.CommandLine;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Output;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>eval gold-agreement</c>: how far the second reader of gold/quotes agrees with the primary readers on the documents
/// both read, per set: span kinds (agreement and Cohen's kappa), speakers of the spans both call quotations, reported clauses.
/// </summary>
public static class EvalAgreementCommand
{
    public static Command Create() => Create(ExtractionGoldSets.Locate);

    public static Command Create(Func<ExtractionGoldSets> locate)
    {
        var command = new Command("gold-agreement", "Agreement between the two readers of the quotation gold (gold/quotes)");
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var sets = locate();
            var files = QuoteGoldFiles.Load(sets.RepositoryRoot, sets.SharedRoot, out var skipped);
            if (files is null)
            {
                context.Error.WriteLine($"recoupe: quotation gold: {skipped}");
                return ExitCodes.InputsFailed;
            }
            foreach (var set in files.Primary.Concat(files.Second).Select(d => d.Set).Distinct().Order(StringComparer.Ordinal))
            {
                var scores = GoldAgreement.Compare(files.Primary.Where(d => d.Set == set), files.Second.Where(d => d.Set == set));
                if (context.Json) CliJson.Write(context.Out, new { Set = set, scores.Documents, scores.Spans, scores.KindAgreement, scores.KindKappa,
                    scores.BothQuotations, scores.SpeakerAgreement, scores.ReportedF1, scores.ReportedCharacterOverlap, scores.Confusions });
                else context.Out.Write(scores.Report(set));
            }
            foreach (var problem in files.Problems) context.Out.WriteLine($"GOLD-PROBLEM {problem}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
