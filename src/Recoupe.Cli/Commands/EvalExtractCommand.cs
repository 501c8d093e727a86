using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Output;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>eval extract [--gold samples|seeds|quotes-dev|PATH]... [--texts PATH] [--errors] [--json]</c>: precision, recall
/// and F1 of quotations (found; with the right speaker), entities and figures against each gold set. Without --gold,
/// every gold set that can be found; one that cannot is reported as skipped, with why.
/// </summary>
public static class EvalExtractCommand
{
    public static Command Create() => Create(ExtractionGoldSets.Locate);

    public static Command Create(Func<ExtractionGoldSets> locate)
    {
        var gold = new Option<string[]>("--gold", "-g")
        {
            Description = $"Gold set to score: {string.Join(", ", ExtractionGoldSets.Names)}, {ExtractionGoldSets.QuotesGoldName}, or a gold file's path (repeatable; default: the first three)",
            HelpName = "SET",
        };
        var texts = new Option<string?>("--texts")
        {
            Description = "For a gold file given by path: the folder of its texts, or the corpus (.jsonl) of a quotes-dev-shaped gold",
            HelpName = "PATH",
        };
        OptionValues.Check(texts, OptionValues.ExistingPath);
        var errors = new Option<bool>("--errors") { Description = "Also list every miss, extra and wrong speaker or claimer" };

        var command = new Command("extract", "Score entities, quotations and figures against the gold sets (samples, seeds, quotes-dev)");
        command.Options.Add(gold);
        command.Options.Add(texts);
        command.Options.Add(errors);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var requested = parse.GetValue(gold) is { Length: > 0 } given ? given : null;
            var sets = locate();
            if (requested is not null && requested.Contains(EntityGoldSet.Name))
            {
                // the entity gold scores named mentions by split and type: a report of its own
                var (documents, skipped) = EntityGoldSet.Load(sets.RepositoryRoot, sets.SharedRoot);
                if (documents is null)
                {
                    context.Error.WriteLine($"recoupe: gold set {EntityGoldSet.Name}: {skipped}");
                    return ExitCodes.InputsFailed;
                }
                var parts = EntityGoldSet.Score(documents);
                foreach (var line in EntityEvaluation.Report(parts)) context.Out.WriteLine(line);
                if (parse.GetValue(errors))
                    foreach (var (part, s) in parts)
                        foreach (var error in s.Errors) context.Out.WriteLine($"    {error}");
                context.Out.WriteLine();
                requested = requested.Where(n => n != EntityGoldSet.Name).ToArray();
                if (requested.Length == 0) return ExitCodes.Ok;
            }
            var runs = (requested ?? ExtractionGoldSets.Names).Select(name => sets.Run(name, parse.GetValue(texts))).ToList();
            var withErrors = parse.GetValue(errors);
            if (context.Json)
                CliJson.Write(context.Out, new { Sets = runs.Select(run => RunJson(run, withErrors)) });
            else
                foreach (var run in runs) WriteText(context.Out, run, withErrors);
            // Asking for a set by name and not getting it is a failed input; the default run just reports what it skipped.
            if (requested is not null)
                foreach (var run in runs.Where(r => r.Skipped is not null))
                    context.Error.WriteLine($"recoupe: gold set {run.Name}: {run.Skipped}");
            return requested is not null && runs.Any(r => r.Skipped is not null) ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, GoldSetRun run, bool withErrors)
    {
        if (run.Quotes is { } quotes)
        {
            output.WriteLine($"{run.Name}: ({run.Description})");
            foreach (var (part, scores) in quotes.Parts) output.Write(scores.Report($"  [{part}]"));
            foreach (var problem in quotes.Problems) output.WriteLine($"  GOLD-PROBLEM {problem}");
            if (withErrors)
            {
                output.WriteLine("  errors of the tune split (the frozen split is measured, not read):");
                foreach (var error in quotes.TuneErrors) output.WriteLine($"    {error}");
            }
            output.WriteLine();
            return;
        }
        if (run.Scores is not { } result)
        {
            output.WriteLine($"{run.Name}: skipped ({run.Skipped})");
            output.WriteLine();
            return;
        }
        var s = result.Scores;
        output.WriteLine($"{run.Name}: {result.Documents} documents ({run.Description})");
        output.WriteLine($"  quotations found            {Line(s.QuotesFound)}");
        output.WriteLine($"  quotations + speaker        {Line(s.QuotesWithSpeaker)}");
        output.WriteLine($"  direct + speaker            {Line(s.DirectWithSpeaker)}");
        output.WriteLine($"  direct >= 6 words + speaker R {Number(s.LongDirectWithSpeaker.Recall)}  ({s.LongDirectWithSpeaker.GoldFound}/{s.LongDirectWithSpeaker.Gold} gold found)");
        if (s.NotQuoteTotal > 0)
            output.WriteLine($"  not-quotations taken        {s.NotQuoteTaken}/{s.NotQuoteTotal} ({(100 * s.NotQuoteTakenRate).ToString("0.0", CultureInfo.InvariantCulture)} %)");
        if (result.EntitiesAnnotated)
            output.WriteLine($"  entities                    {Line(s.Entities)}{(result.EntitiesPartial ? "  [gold lists each article's main entities: P is a lower bound]" : "")}");
        else
            output.WriteLine("  entities                    not annotated in this gold");
        output.WriteLine($"  figures found               {Line(s.FiguresFound)}");
        output.WriteLine($"  figures + counts            {Line(s.FiguresCounts)}");
        output.WriteLine($"  figures + claimer           {Line(s.FiguresClaimer)}");
        foreach (var (language, part) in result.ByLanguage)
        {
            output.WriteLine($"  [{language}] quotations + speaker   {Line(part.QuotesWithSpeaker)}");
            output.WriteLine($"  [{language}] direct + speaker       {Line(part.DirectWithSpeaker)}");
            if (part.NotQuoteTotal > 0)
                output.WriteLine($"  [{language}] not-quotations taken   {part.NotQuoteTaken}/{part.NotQuoteTotal} ({(100 * part.NotQuoteTakenRate).ToString("0.0", CultureInfo.InvariantCulture)} %)");
            output.WriteLine($"  [{language}] figures + claimer      {Line(part.FiguresClaimer)}");
        }
        if (result.NotFound.Count > 0)
            output.WriteLine($"  gold snippets not in the cleaned text (counted as missed): {result.NotFound.Count}");
        if (result.Failures.Count > 0)
            output.WriteLine($"  documents not scored: {result.Failures.Count}");
        foreach (var failure in result.Failures) output.WriteLine($"    {failure}");
        if (withErrors)
        {
            foreach (var missing in result.NotFound) output.WriteLine($"    NOT-IN-TEXT {missing}");
            foreach (var error in s.Errors) output.WriteLine($"    {error}");
        }
        output.WriteLine();
    }

    private static string Line(Tally t) =>
        $"P {Number(t.Precision)}  R {Number(t.Recall)}  F1 {Number(t.F1)}  ({t.Correct}/{t.Predicted} predicted right, {t.GoldFound}/{t.Gold} gold found)";

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed record TallyJson(double Precision, double Recall, double F1, int Correct, int Predicted, int GoldFound, int Gold)
    {
        public static TallyJson From(Tally t) =>
            new(Math.Round(t.Precision, 4), Math.Round(t.Recall, 4), Math.Round(t.F1, 4), t.Correct, t.Predicted, t.GoldFound, t.Gold);
    }

    private static object RunJson(GoldSetRun run, bool withErrors)
    {
        if (run.Quotes is { } quotes)
            return new
            {
                run.Name,
                run.Description,
                Parts = quotes.Parts.ToDictionary(p => p.Key, p => new
                {
                    p.Value.Documents,
                    DirectWithSpeaker = TallyJson.From(p.Value.DirectWithSpeaker),
                    QuotationsFound = TallyJson.From(p.Value.QuotationsFound),
                    Speaker = new { Accuracy = Math.Round(p.Value.SpeakerAccuracy, 4), Right = p.Value.SpeakerRight, Abstained = p.Value.SpeakerAbstained, Wrong = p.Value.SpeakerWrong },
                    Partial = new { Found = p.Value.PartialFound.GoldFound, Gold = p.Value.PartialFound.Gold, WithSpeaker = p.Value.PartialWithSpeaker },
                    NotQuotes = new { Total = p.Value.NotQuoteTotal, Taken = p.Value.NotQuoteTaken },
                    Reported = TallyJson.From(p.Value.Reported),
                }),
                quotes.Problems,
                Errors = withErrors ? quotes.TuneErrors : null,
            };
        if (run.Scores is not { } result) return new { run.Name, run.Description, run.Skipped };
        var s = result.Scores;
        return new
        {
            run.Name,
            run.Description,
            result.Documents,
            Quotations = new
            {
                Found = TallyJson.From(s.QuotesFound),
                WithSpeaker = TallyJson.From(s.QuotesWithSpeaker),
                DirectWithSpeaker = TallyJson.From(s.DirectWithSpeaker),
                LongDirectWithSpeaker = TallyJson.From(s.LongDirectWithSpeaker),
                NotQuotes = new { Total = s.NotQuoteTotal, Taken = s.NotQuoteTaken },
            },
            Entities = result.EntitiesAnnotated ? TallyJson.From(s.Entities) : null,
            EntitiesPrecisionIsLowerBound = result.EntitiesPartial,
            Figures = new
            {
                Found = TallyJson.From(s.FiguresFound),
                Counts = TallyJson.From(s.FiguresCounts),
                Claimer = TallyJson.From(s.FiguresClaimer),
            },
            ByLanguage = result.ByLanguage.ToDictionary(p => p.Key, p => new
            {
                QuotationsWithSpeaker = TallyJson.From(p.Value.QuotesWithSpeaker),
                DirectWithSpeaker = TallyJson.From(p.Value.DirectWithSpeaker),
                NotQuotes = new { Total = p.Value.NotQuoteTotal, Taken = p.Value.NotQuoteTaken },
                FiguresClaimer = TallyJson.From(p.Value.FiguresClaimer),
            }),
            result.NotFound,
            result.Failures,
            Errors = withErrors ? s.Errors : null,
        };
    }
}
