using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Output;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>eval digest [--errors]</c> (errors of the dev split only): conflict precision and recall of the digest's figures on the labelled pairs of
/// gold/figure-pairs (conflict / compatible / different referent), on the dev split, the frozen split and both.
/// </summary>
public static class EvalDigestCommand
{
    public static Command Create()
    {
        var errors = new Option<bool>("--errors") { Description = "Also list the dev split's pairs the digest gets wrong (never the frozen split's)" };
        var command = new Command("digest", "Score the digest's figure conflicts against gold/figure-pairs (dev and frozen splits)");
        command.Options.Add(errors);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            if (FigurePairSets.Locate(out var why) is not { } sets)
            {
                context.Error.WriteLine($"recoupe: eval digest: {why}");
                return ExitCodes.InputsFailed;
            }
            var pairs = sets.ReadGold();
            var skipped = new List<string>();
            var scores = FigurePairEvaluation.Score(pairs, story =>
            {
                var articles = sets.Articles(pairs.Where(p => p.Story == story).SelectMany(p => new[] { p.A.Doc, p.B.Doc }));
                if (articles is null) skipped.Add(story);
                return articles;
            });
            if (context.Json)
            {
                CliJson.Write(context.Out, new
                {
                    Splits = scores.ToDictionary(s => s.Key, s => new
                    {
                        s.Value.Pairs, s.Value.GoldConflicts, s.Value.Predicted, s.Value.Correct, s.Value.Unplaced,
                        Precision = Math.Round(s.Value.Precision, 4), Recall = Math.Round(s.Value.Recall, 4),
                    }),
                    Skipped = skipped,
                });
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"figure pairs ({FigurePairSets.Gold}): {pairs.Count} pairs");
            foreach (var name in new[] { "dev", "frozen", "all" })
            {
                var s = scores[name];
                context.Out.WriteLine($"  {name,-7} conflict P {N(s.Precision)}  R {N(s.Recall)}  ({s.Correct}/{s.Predicted} flagged right, {s.Correct}/{s.GoldConflicts} gold conflicts found; {s.Pairs} pairs, {s.Unplaced} unplaced)");
            }
            if (skipped.Count > 0) context.Out.WriteLine($"  stories skipped (data absent): {string.Join(", ", skipped)}");
            if (parse.GetValue(errors))
                foreach (var e in scores["dev"].Errors) context.Out.WriteLine("    " + e);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string N(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
