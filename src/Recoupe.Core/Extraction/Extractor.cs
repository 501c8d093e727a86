using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Extraction;

/// <summary>Runs the extraction stages on a document; builds documents from plain text for evaluation.</summary>
public static class Extractor
{
    public static IReadOnlyList<IDocumentStage> Stages { get; } = [new EntityStage(), new QuoteStage(), new FigureStage()];

    public static Document Run(Document document)
    {
        foreach (var stage in Stages)
        {
            stage.Run(document);
            document.StagesRun.Add(stage.Name);
        }
        return document;
    }

    /// <summary>
    /// A document over exactly this text (no cleaning), one paragraph per blank-line-separated block, so that
    /// offsets stay those of the input (gold offsets index the raw text).
    /// </summary>
    public static Document FromText(string text, string source, string? language = null)
    {
        var doc = new Document(text, new RawArticle { Source = source, Format = InputFormat.Text, Raw = text });
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            var start = i;
            var end = text.IndexOf("\n\n", i, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            var trimmed = end;
            while (trimmed > start && char.IsWhiteSpace(text[trimmed - 1])) trimmed--;
            doc.Paragraphs.Add(new Paragraph(start, trimmed, doc.Paragraphs.Count == 0 ? ParagraphRole.Title : ParagraphRole.Body));
            i = end;
        }
        if (language is not null) doc.Metadata.Language = language;
        return doc;
    }
}
