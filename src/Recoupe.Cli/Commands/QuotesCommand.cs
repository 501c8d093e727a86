using System.CommandLine;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;

namespace Recoupe.Cli.Commands;

/// <summary><c>quotes [--speaker NAME] [--limit N] [--json]</c>: who said what across the store.</summary>
public static class QuotesCommand
{
    public static Command Create()
    {
        var speaker = new Option<string?>("--speaker", "-s")
        {
            Description = "Only this speaker's quotations: a name or part of one, any case, with or without accents (\"poutine\", \"Vladimir Poutine\")",
            HelpName = "NAME",
        };
        OptionValues.Check(speaker, value =>
        {
            if (string.IsNullOrWhiteSpace(value)) return "is not a name";
            try { _ = new SpeakerFilter(value); return null; }
            catch (ArgumentException e) { return $"is refused: {e.Message}"; }
        });
        var limit = SharedOptions.Limit("quotations", ArticlesCommand.DefaultTableRows);

        var command = new Command("quotes", "List quotations across the store: speaker, quotation, kind, article, outlet, date");
        command.Options.Add(speaker);
        command.Options.Add(limit);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var store = context.OpenStore(create: false);
            var requested = parse.GetValue(limit);
            var query = new QuoteQuery { Speaker = parse.GetValue(speaker)?.Trim(), Limit = context.Json ? requested : requested ?? ArticlesCommand.DefaultTableRows };
            var rows = store.Quotes(query);
            if (context.Json)
                CliJson.Write(context.Out, rows.Select(StoredQuoteView.Of));
            else
            {
                var table = new TextTable(("SPEAKER", 24), ("KIND", 8), ("ARTICLE", 7), ("OUTLET", 20), ("DATE", 10), ("QUOTE", 0));
                foreach (var row in rows)
                {
                    var q = row.Quote;
                    table.Add(q.SpeakerName ?? q.SpeakerKey ?? "?", CellFormat.Kind(q.Kind), CellFormat.Id(row.Article.Id),
                        OutletNames.Shown(row.Article.Outlet), CellFormat.Date(row.Article.Published), row.Text);
                }
                table.Write(context.Out);
                if (requested is null)
                {
                    var total = store.CountQuotes(query with { Limit = null });
                    if (total > rows.Count)
                        context.Error.WriteLine($"showing {rows.Count} of {total} quotations; --limit N or --json for more");
                }
            }
            if (query.Speaker is not null && rows.Count == 0)
                context.Error.WriteLine($"no quotation by a speaker matching '{query.Speaker}'");
            ReprocessCommand.WarnIfPending(context, store, "quotations");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
