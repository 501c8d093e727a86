using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Pipeline;

/// <summary>
/// Runs the preparation stages over a draft, fixes the cleaned text into a <see cref="Document"/>
/// (paragraphs joined by a blank line), then runs the annotation stages in order.
/// </summary>
public sealed class Pipeline(IReadOnlyList<IDraftStage> prepare, IReadOnlyList<IDocumentStage> annotate)
{
    public const string ParagraphSeparator = "\n\n";

    public IReadOnlyList<IDraftStage> Prepare { get; } = prepare;
    public IReadOnlyList<IDocumentStage> Annotate { get; } = InOrder(prepare, annotate);

    /// <summary>The annotation stages, once each is seen to come after the stages it requires (each stage assigns its name).</summary>
    private static IReadOnlyList<IDocumentStage> InOrder(IReadOnlyList<IDraftStage> prepare, IReadOnlyList<IDocumentStage> annotate)
    {
        var assigned = prepare.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stage in annotate)
        {
            foreach (var required in stage.Requires)
                if (!assigned.Contains(required))
                    throw new InvalidOperationException($"pipeline: stage '{stage.Name}' requires '{required}', which no stage before it assigns");
            assigned.Add(stage.Name);
        }
        return annotate;
    }

    public Document Process(RawArticle raw)
    {
        var draft = new ArticleDraft(raw);
        var ran = new List<string>();
        foreach (var stage in Prepare)
        {
            stage.Run(draft);
            ran.Add(stage.Name);
        }

        var document = BuildDocument(draft);
        document.StagesRun.AddRange(ran);
        foreach (var stage in Annotate)
        {
            stage.Run(document);
            document.StagesRun.Add(stage.Name);
        }
        return document;
    }

    /// <summary>Joins the kept blocks into the fixed text and records one paragraph span per block.</summary>
    public static Document BuildDocument(ArticleDraft draft)
    {
        var kept = draft.Blocks.Where(b => !string.IsNullOrWhiteSpace(b.Text)).ToList();
        if (kept.Count == 0)
            throw new ArticleRejectedException("no article text left after cleaning");

        var text = new StringBuilder();
        var spans = new List<Paragraph>(kept.Count);
        foreach (var block in kept)
        {
            if (text.Length > 0) text.Append(ParagraphSeparator);
            var body = block.Text.Trim();
            var start = text.Length;
            text.Append(body);
            var role = block.Hint switch
            {
                BlockHint.Title => ParagraphRole.Title,
                BlockHint.Lead => ParagraphRole.Lead,
                BlockHint.Heading => ParagraphRole.Heading,
                _ => ParagraphRole.Body,
            };
            spans.Add(new Paragraph(start, text.Length, role));
        }

        var document = new Document(text.ToString(), draft.Raw);
        document.Paragraphs.AddRange(spans);
        document.Removed.AddRange(draft.Removed);
        CopyMetadata(draft.Found, document.Metadata);
        return document;
    }

    private static void CopyMetadata(ArticleMetadata from, ArticleMetadata to)
    {
        to.Title = from.Title;
        to.Published = from.Published;
        to.PublishedFrom = from.PublishedFrom;
        to.Outlet = from.Outlet;
        to.Agency = from.Agency;
        to.Authors.AddRange(from.Authors);
        to.Language = from.Language;
        to.LanguageConfidence = from.LanguageConfidence;
        to.Url = from.Url;
        to.DatelinePlace = from.DatelinePlace;
        to.Extraction = from.Extraction;
    }
}
