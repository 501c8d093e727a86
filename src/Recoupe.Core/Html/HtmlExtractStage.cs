using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>
/// Turns HTML input into blocks of the article's main text: a whole page (<see cref="InputFormat.Html"/>) goes through
/// <see cref="HtmlArticleExtractor.Extract"/>; a feed or JSON body given as markup (<see cref="SourceFields.BodyIsHtml"/>)
/// is a fragment that is all article, and the source's own title and lead come first. Other inputs are left to the
/// plain-text stage. The blocks carry their HTML hints; the cleaning stages run on them as on plain text.
/// </summary>
public sealed class HtmlExtractStage : IDraftStage
{
    public string Name => "html";

    public void Run(ArticleDraft draft)
    {
        var raw = draft.Raw;
        if (raw.Format == InputFormat.Html) RunOnPage(draft);
        else if (raw.Fields.BodyIsHtml && !string.IsNullOrWhiteSpace(raw.Fields.Body)) RunOnBody(draft);
    }

    private static void RunOnPage(ArticleDraft draft)
    {
        HtmlExtraction extraction;
        try
        {
            extraction = HtmlArticleExtractor.Extract(draft.Raw.Raw);
        }
        catch (ArticleRejectedException rejected)
        {
            throw new ArticleRejectedException($"{draft.Raw.Source}: {rejected.Message}");
        }

        var fields = draft.Raw.Fields;
        var title = extraction.Title ?? fields.Title;
        if (title is not null) draft.Blocks.Add(new Block(title, BlockHint.Title));
        AddBody(draft, extraction);

        var found = draft.Found;
        found.Title = title;
        if (extraction.Published is { } published)
        {
            found.Published = published;
            found.PublishedFrom = "html";
        }
        found.Authors.AddRange(extraction.Authors);
        found.Outlet = extraction.Outlet;
        found.Url = extraction.Url;
        found.Extraction = new ExtractionNote(extraction.Confidence, extraction.Warnings);
        HintLanguage(found, extraction.Language);
    }

    private static void RunOnBody(ArticleDraft draft)
    {
        var fields = draft.Raw.Fields;
        HtmlExtraction extraction;
        try
        {
            extraction = HtmlArticleExtractor.ExtractFragment(fields.Body!);
        }
        catch (ArticleRejectedException rejected)
        {
            // A feed item with a title and a lead is still an article when its body markup holds nothing more.
            if (string.IsNullOrWhiteSpace(fields.Title) || string.IsNullOrWhiteSpace(fields.Lead))
                throw new ArticleRejectedException($"{draft.Raw.Source}: body markup: {rejected.Message}");
            extraction = new HtmlExtraction();
        }

        if (!string.IsNullOrWhiteSpace(fields.Title)) draft.Blocks.Add(new Block(fields.Title.Trim(), BlockHint.Title));
        if (!string.IsNullOrWhiteSpace(fields.Lead)) draft.Blocks.Add(new Block(fields.Lead.Trim(), BlockHint.Lead));
        AddBody(draft, extraction);
        if (fields.Title is null && extraction.Title is not null) draft.Found.Title = extraction.Title;
        if (fields.Language is null) HintLanguage(draft.Found, extraction.Language);
    }

    private static void AddBody(ArticleDraft draft, HtmlExtraction extraction)
    {
        foreach (var block in extraction.Blocks)
            draft.Blocks.Add(new Block(block.Text, block.Hint) { LinkDensity = block.LinkDensity });
        // Credits and date lines the extractor set aside stay visible to the metadata stages, as cleaning's drops do.
        draft.Removed.AddRange(extraction.Dropped);
    }

    /// <summary>The page's declared language is a hint for the language stage, never a finding: confidence stays 0.</summary>
    private static void HintLanguage(ArticleMetadata found, string? language)
    {
        if (language is null || found.Language != "und") return;
        found.Language = language;
        found.LanguageConfidence = 0;
    }
}
