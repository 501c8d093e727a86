using Recoupe.Core.Cleaning;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Extraction;

/// <summary>Runs the extraction stages on a document; builds documents from plain text for evaluation.</summary>
public static class Extractor
{
    public static IReadOnlyList<IDocumentStage> Stages { get; } = [new EntityStage(), new QuoteStage(), new FigureStage()];

    /// <summary>The stages whose output extraction reads (tokens and sentences, language, dates), run first when they have not run.</summary>
    private static readonly IDocumentStage[] Prerequisites = [new SegmentStage(), new LanguageStage(), new DatesStage()];

    /// <summary>What each extraction stage requires before it in a pipeline: the segmenter's tokens and sentences (the language
    /// and dates, when their stages did not run, fall back to the document's metadata and to none).</summary>
    public static IReadOnlyList<string> Prepared { get; } = [Prerequisites[0].Name];

    public static Document Run(Document document)
    {
        foreach (var stage in Prerequisites)
        {
            if (document.StagesRun.Contains(stage.Name)) continue;
            if (stage is LanguageStage && document.Metadata.Language != "und") continue; // the caller said which language
            stage.Run(document);
            document.StagesRun.Add(stage.Name);
        }
        foreach (var stage in Stages)
        {
            stage.Run(document);
            document.StagesRun.Add(stage.Name);
        }
        return document;
    }

    /// <summary>
    /// A document over exactly this text (no cleaning, so offsets stay those of the input, as gold offsets index
    /// the raw text): one paragraph per blank-line-separated block, and blocks that a scraper ran together
    /// ("…a-t-il écrit.Car il y a…") cut where the paragraph ungluer of the cleaning stages would cut them.
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
            var first = doc.Paragraphs.Count == 0;
            var block = text[start..trimmed];
            var from = start;
            foreach (var piece in first ? [new GluedPiece(block, false, null)] : ParagraphUngluer.Split(block))
            {
                var at = text.IndexOf(piece.Text, from, trimmed - from, StringComparison.Ordinal);
                if (at < 0) continue;
                var role = first ? ParagraphRole.Title : piece.IsHeading ? ParagraphRole.Heading : ParagraphRole.Body;
                doc.Paragraphs.Add(new Paragraph(at, at + piece.Text.Length, role));
                from = at + piece.Text.Length;
            }
            i = end;
        }
        if (language is not null) doc.Metadata.Language = language;
        return doc;
    }
}
