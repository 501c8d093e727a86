using System.CommandLine;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;

namespace Recoupe.Cli.Commands;

/// <summary><c>figures [--limit N] [--json]</c>: the figures across the store with what they count, scope and who claims them.</summary>
public static class FiguresCommand
{
    public static Command Create()
    {
        var limit = SharedOptions.Limit("figures", ArticlesCommand.DefaultTableRows);

        var command = new Command("figures", "List figures across the store: value, unit, what they count, qualifier, scope, who claims them, outlet, article");
        command.Options.Add(limit);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var store = context.OpenStore(create: false);
            var requested = parse.GetValue(limit);
            var query = new FigureQuery { Limit = context.Json ? requested : requested ?? ArticlesCommand.DefaultTableRows };
            var rows = store.Figures(query);
            if (context.Json)
                CliJson.Write(context.Out, rows.Select(StoredFigureView.Of));
            else
            {
                var table = new TextTable(("VALUE", 12), ("UNIT", 6), ("COUNTS", 24), ("QUALIFIER", 12), ("SCOPE", 28),
                    ("CLAIMED BY", 28), ("OUTLET", 20), ("ARTICLE", 0));
                foreach (var row in rows)
                {
                    var f = row.Figure;
                    table.Add(CellFormat.Value(f.Value), f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, OutletNames.Shown(row.Article.Outlet),
                        CellFormat.Id(row.Article.Id));
                }
                table.Write(context.Out);
                if (requested is null)
                {
                    var total = store.CountFigures();
                    if (total > rows.Count)
                        context.Error.WriteLine($"showing {rows.Count} of {total} figures; --limit N or --json for more");
                }
            }
            ReprocessCommand.WarnIfPending(context, store, "figures");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
