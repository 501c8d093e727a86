using System.CommandLine;
using System.Globalization;
using Recoupe.Cli.Output;
using Recoupe.Core.Storage;

namespace Recoupe.Cli.Commands;

/// <summary><c>article ID [--raw] [--json]</c>: one stored article, its metadata and cleaned text (or its original input).</summary>
public static class ArticleCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("id") { Description = "The article id (see `articles`)" };
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
                CliJson.Write(context.Out, ArticleJson.From(article, withRaw));
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
    }
}
