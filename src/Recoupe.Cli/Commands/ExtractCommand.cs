using System.CommandLine;
using System.Text.Json;
using Recoupe.Cli.Output;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Ingest;

namespace Recoupe.Cli.Commands;

/// <summary>One extracted article as <c>extract --json</c> prints it, one object per line.</summary>
public sealed record ExtractedJson(
    string File, string? Title, string Text, DateTime? Published, IReadOnlyList<string> Authors, string? Outlet, string? Language)
{
    /// <summary>For HTML pages: how sure the extractor is that <see cref="Text"/> is the article (0–1), and why not more.</summary>
    public double? Confidence { get; init; }
    public IReadOnlyList<string>? Warnings { get; init; }
    public DateTime? Modified { get; init; }
    public string? Url { get; init; }
    public string? Image { get; init; }
    /// <summary>For HTML pages: the captions of the article's figures, left out of <see cref="Text"/>.</summary>
    public IReadOnlyList<string>? Captions { get; init; }
    /// <summary>For HTML pages: the credit line as the page shows it ("By Ann Lee March 3, 2015"); Authors holds the names.</summary>
    public string? Byline { get; init; }
}

/// <summary>
/// <c>extract PATH...|- [--json]</c>: main-text extraction alone, storing nothing. HTML pages go through the article
/// extractor, feed and JSON bodies given as markup through its fragment mode; plain text is passed on as it is.
/// </summary>
public static class ExtractCommand
{
    private static readonly JsonSerializerOptions JsonLines = new(CliJson.Options) { WriteIndented = false };

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "HTML pages (also .html.gz), feeds, JSON Lines, text files, folders, http(s) URLs, or - for standard input",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("extract", "Extract each article's main text, title, date, authors, outlet and language; store nothing");
        command.Arguments.Add(inputs);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var paths = parse.GetValue(inputs) ?? [];
            var standardInput = paths.Contains(ArticleReader.StandardInputName) ? Console.OpenStandardInput() : null;
            var failed = 0;
            foreach (var item in ArticleReader.Read(paths, standardInput))
            {
                if (item is ReadFailure failure)
                {
                    context.Error.WriteLine($"recoupe: {failure.Source}: {failure.Error}");
                    failed++;
                    continue;
                }
                var article = ((ReadArticle)item).Article;
                ExtractedJson extracted;
                try
                {
                    extracted = Extract(article);
                }
                catch (ArticleRejectedException rejected)
                {
                    context.Error.WriteLine($"recoupe: {article.Source}: {rejected.Message}");
                    failed++;
                    continue;
                }
                if (context.Json) context.Out.WriteLine(JsonSerializer.Serialize(extracted, JsonLines));
                else WriteText(context.Out, extracted);
            }
            return failed == 0 ? ExitCodes.Ok : ExitCodes.InputsFailed;
        }));
        return command;
    }

    public static ExtractedJson Extract(RawArticle article)
    {
        var fields = article.Fields;
        if (article.Format == InputFormat.Html)
        {
            var page = HtmlArticleExtractor.Extract(article.Raw);
            return new ExtractedJson(article.Source, page.Title, page.Text, page.Published, page.Authors, page.Outlet, page.Language)
            {
                Confidence = page.Confidence, Warnings = page.Warnings, Modified = page.Modified, Url = page.Url, Image = page.Image,
                Captions = page.Captions, Byline = page.Byline,
            };
        }
        if (fields.BodyIsHtml && !string.IsNullOrWhiteSpace(fields.Body))
        {
            var body = HtmlArticleExtractor.ExtractFragment(fields.Body);
            return new ExtractedJson(article.Source, fields.Title ?? body.Title, JoinLead(fields.Lead, body.Text), null,
                fields.Authors, fields.Outlet, fields.Language ?? body.Language);
        }
        // Plain text is its own body; a JSON line or a feed item without a body field has no text to extract.
        var text = article.Format == InputFormat.Text ? article.Raw.Trim()
            : fields.Body is null ? "" : JoinLead(fields.Lead, fields.Body.Trim());
        if (text.Length == 0) throw new ArticleRejectedException("no text");
        return new ExtractedJson(article.Source, fields.Title, text, null, fields.Authors, fields.Outlet, fields.Language);
    }

    private static string JoinLead(string? lead, string body) =>
        string.IsNullOrWhiteSpace(lead) ? body : lead.Trim() + "\n\n" + body;

    private static void WriteText(TextWriter output, ExtractedJson article)
    {
        output.WriteLine($"== {article.File}");
        if (article.Title is not null) output.WriteLine($"title:     {article.Title}");
        if (article.Published is { } published) output.WriteLine($"published: {published:yyyy-MM-dd HH:mm}{(published.Kind == DateTimeKind.Utc ? " UTC" : "")}");
        if (article.Authors.Count > 0) output.WriteLine($"authors:   {string.Join(", ", article.Authors)}");
        if (article.Outlet is not null) output.WriteLine($"outlet:    {article.Outlet}");
        if (article.Language is not null) output.WriteLine($"language:  {article.Language}");
        if (article.Confidence is { } confidence)
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"confidence: {confidence:F2}"));
        foreach (var warning in article.Warnings ?? []) output.WriteLine($"warning:   {warning}");
        output.WriteLine();
        output.WriteLine(article.Text);
        output.WriteLine();
    }
}
