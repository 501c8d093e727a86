using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;

namespace Recoupe.Cli.Commands;

/// <summary><c>articles [--limit N] [--json]</c>: the stored articles in id order.</summary>
public static class ArticlesCommand
{
    /// <summary>Rows a text table shows when no --limit is given (JSON gives all).</summary>
    public const int DefaultTableRows = 50;

    public static Command Create()
    {
        var limit = SharedOptions.Limit("articles", DefaultTableRows);

        var command = new Command("articles", "List stored articles: id, date, outlet, language, title");
        command.Options.Add(limit);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            using var store = context.OpenStore(create: false);
            var requested = parse.GetValue(limit);
            if (context.Json)
            {
                CliJson.Write(context.Out, store.List(requested));
                return ExitCodes.Ok;
            }

            var shown = requested ?? DefaultTableRows;
            var rows = store.List(shown);
            WriteTable(context.Out, rows);
            var total = store.Count();
            if (requested is null && total > rows.Count)
                context.Error.WriteLine($"showing {rows.Count} of {total} articles; --limit N or --json for more");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<Recoupe.Core.Storage.ArticleSummary> rows)
    {
        const int outletWidth = 24;
        var idWidth = Math.Max(2, rows.Count == 0 ? 2 : rows.Max(r => r.Id.ToString(CultureInfo.InvariantCulture).Length));
        output.WriteLine($"{"ID".PadLeft(idWidth)}  {"DATE",-10}  {"OUTLET",-outletWidth}  {"LANG",-4}  TITLE");
        foreach (var row in rows)
        {
            var date = row.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
            var outlet = Cut(OutletNames.Shown(row.Outlet), outletWidth);
            output.WriteLine(
                $"{row.Id.ToString(CultureInfo.InvariantCulture).PadLeft(idWidth)}  {date,-10}  {outlet,-outletWidth}  {row.Language,-4}  {row.Title}");
        }
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
