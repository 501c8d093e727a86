using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>article ID [--raw] [--json]</c>: one stored article, its metadata and cleaned text (or its original input), then
/// its entities, quotations and figures.
/// </summary>
public static class ArticleCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "The article id (see `articles`)", CustomParser = OptionValues.Id() };
        var raw = new Option<bool>("--raw") { Description = "Print the original input instead of the cleaned text (with --json: add raw and fields)" };

        var command = new Command("article", "Show one stored article");
        command.Arguments.Add(id);
        command.Options.Add(raw);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var articleId = parse.GetValue(id);
            using var store = context.OpenStore(create: false);
            var article = store.Get(articleId) ?? throw new CliException($"no article with id {articleId} in {context.DbPath}");
            var withRaw = parse.GetValue(raw);
            if (context.Json)
                CliJson.Write(context.Out, ArticleView.From(article, withRaw));
            else if (withRaw)
                context.Out.Write(article.Raw.Raw);
            else
                WriteText(context.Out, article);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, StoredArticle article)
    {
        var metadata = article.Metadata;
        output.WriteLine($"Article {article.Id}: {metadata.Title ?? "(no title)"}");
        if (metadata.Published is { } published)
        {
            var format = published.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm";
            var from = metadata.PublishedFrom is null ? "" : $" (from {metadata.PublishedFrom})";
            output.WriteLine($"Published:  {published.ToString(format, CultureInfo.InvariantCulture)}{from}");
        }
        if (metadata.Outlet is not null || metadata.Agency is not null)
            output.WriteLine($"Outlet:     {string.Join(", ", new[] { metadata.Outlet, metadata.Agency is null ? null : $"agency {metadata.Agency}" }.Where(s => s is not null))}");
        if (metadata.Authors.Count > 0) output.WriteLine($"Authors:    {string.Join(", ", metadata.Authors)}");
        output.WriteLine($"Language:   {metadata.Language} ({metadata.LanguageConfidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        if (metadata.DatelinePlace is not null) output.WriteLine($"Dateline:   {metadata.DatelinePlace}");
        if (metadata.Url is not null) output.WriteLine($"Url:        {metadata.Url}");
        output.WriteLine($"Source:     {article.Raw.Source} ({article.Raw.Format})");
        output.WriteLine();
        output.WriteLine(article.Text);
        WriteEntities(output, article);
        WriteQuotes(output, article);
        WriteFigures(output, article);
    }

    /// <summary>One row per entity (mentions linked by key), with every way the text names it.</summary>
    private static void WriteEntities(TextWriter output, StoredArticle article)
    {
        var entities = article.Entities
            .GroupBy(e => (e.Type, e.Key))
            .OrderBy(g => g.Min(e => e.Start))
            .ToList();
        output.WriteLine();
        output.WriteLine($"Entities ({entities.Count}, {article.Entities.Count} mentions)");
        if (entities.Count == 0) return;
        var table = new TextTable(("NAME", 30), ("TYPE", 12), ("KEY", 24), ("ROLE", 30), ("MENTIONS", 0));
        foreach (var entity in entities)
        {
            var mentions = entity
                .GroupBy(e => article.Text[e.Start..e.End], StringComparer.Ordinal)
                .Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key);
            var roles = entity.Select(e => e.Role).OfType<string>().Distinct(StringComparer.Ordinal);
            table.Add(entity.First().Name, CellFormat.Kind(entity.Key.Type), entity.Key.Key, string.Join("; ", roles),
                string.Join(", ", mentions));
        }
        table.Write(output);
    }

    private static void WriteQuotes(TextWriter output, StoredArticle article)
    {
        output.WriteLine();
        output.WriteLine($"Quotations ({article.Quotes.Count})");
        if (article.Quotes.Count == 0) return;
        var table = new TextTable(("SPEAKER", 24), ("KIND", 8), ("CUE", 20), ("AT", 11), ("QUOTE", 0));
        foreach (var q in article.Quotes.OrderBy(q => q.Start))
        {
            table.Add(q.SpeakerName ?? q.SpeakerKey ?? "?", CellFormat.Kind(q.Kind), q.Cue,
                $"{q.Start.ToString(CultureInfo.InvariantCulture)}-{q.End.ToString(CultureInfo.InvariantCulture)}",
                article.Text[q.Start..q.End]);
        }
        table.Write(output);
    }

    private static void WriteFigures(TextWriter output, StoredArticle article)
    {
        output.WriteLine();
        output.WriteLine($"Figures ({article.Figures.Count})");
        if (article.Figures.Count == 0) return;
        var table = new TextTable(("VALUE", 12), ("UNIT", 6), ("COUNTS", 24), ("QUALIFIER", 12), ("SCOPE", 28), ("CLAIMED BY", 28),
            ("TEXT", 0));
        foreach (var f in article.Figures.OrderBy(f => f.Start))
            table.Add(CellFormat.Value(f.Value), f.Unit, f.Counts, f.Qualifier, f.Scope, f.ClaimedBy, article.Text[f.Start..f.End]);
        table.Write(output);
    }
}
