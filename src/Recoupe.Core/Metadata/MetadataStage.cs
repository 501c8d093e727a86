using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>
/// Finds title, publication date, dateline, outlet, agency and authors from the text, from what cleaning removed
/// (any reason: repeated titles, credits, embeds, widgets, captions) and from the source's fields.
/// What a preparation stage already found (HTML meta tags) is kept; the source's fields fill what the text leaves open.
/// </summary>
public sealed partial class MetadataStage(DateFinder dates, KnownSources sources, CreditCues cues) : IDocumentStage
{
    public MetadataStage() : this(DateFinder.Default, KnownSources.Default, CreditCues.Default) { }

    public string Name => "metadata";

    /// <summary>Lines longer than this are article prose, not furniture that could carry a date or a credit.</summary>
    private const int ShortLine = 160;

    public void Run(Document document)
    {
        var metadata = document.Metadata;
        var fields = document.Source.Fields;
        var language = metadata.Language is "und" or "" ? null : metadata.Language;
        var lines = CollectLines(document);

        SetTitle(document, fields);
        metadata.Url ??= string.IsNullOrWhiteSpace(fields.Url) ? null : fields.Url.Trim();

        var datedLines = FindDatedLines(lines, metadata.Title);
        var dateline = FindDateline(document, language);
        SetPublished(document, fields, datedLines, dateline);

        SetAgency(document, lines, dateline, language);
        SetOutlet(document, fields, lines, dateline, language);
        SetAuthors(document, fields, lines, dateline, language);
        if (IsMasthead(metadata.Title, metadata) && NextTitleLine(document) is { } below) metadata.Title = WithoutTrailingDate(below);
        metadata.Title = WithoutOutletSuffix(metadata.Title, metadata.Outlet);
        // what the text leaves open: the agency its credits or dateline name, then the site's host (one resolver for every view)
        metadata.Outlet = OutletNames.Resolve(metadata);
    }

    // ---- Lines worth reading ---------------------------------------------------------------------------------

    /// <summary>Where a line comes from: a removed block, or a paragraph of the text (with its index).</summary>
    private sealed record Line(string Text, int Paragraph, bool Removed)
    {
        /// <summary>A title or heading of the text: it may name an agency as its subject, never as a credit.</summary>
        public bool IsHeading { get; init; }
    }

    /// <summary>Every removed line, and the text's lines short enough to be furniture (titles, credits, datelines, embeds).</summary>
    private static List<Line> CollectLines(Document document)
    {
        var lines = new List<Line>();
        for (var p = 0; p < document.Paragraphs.Count; p++)
        {
            var paragraph = document.Paragraphs[p];
            foreach (var line in document.Text[paragraph.Start..paragraph.End].Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0 && trimmed.Length <= ShortLine)
                    lines.Add(new Line(trimmed, p, false) { IsHeading = paragraph.Role is ParagraphRole.Title or ParagraphRole.Heading });
            }
        }
        foreach (var removed in document.Removed)
            foreach (var line in removed.Text.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0) lines.Add(new Line(trimmed, -1, true));
            }
        return lines;
    }

    // ---- Title -----------------------------------------------------------------------------------------------

    private void SetTitle(Document document, SourceFields fields)
    {
        var titleParagraph = document.Paragraphs.FirstOrDefault(p => p.Role == ParagraphRole.Title);
        var title = titleParagraph is not null ? document.Slice(titleParagraph) : null;
        title ??= document.Metadata.Title;
        title ??= fields.Title;
        if (string.IsNullOrWhiteSpace(title)) return;
        document.Metadata.Title = WithoutTrailingDate(title.Trim());
    }

    /// <summary>"AGENCE KESTRIA - Service France": the outlet's or agency's own name and a desk, not a headline.</summary>
    private static bool IsMasthead(string? title, ArticleMetadata metadata)
    {
        if (title is null) return false;
        foreach (var name in new[] { metadata.Agency, metadata.Outlet })
        {
            if (string.IsNullOrEmpty(name) || !title.StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = title[name.Length..].Trim(' ', '-', '–', '—', '|', ':');
            if (rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3) return true;
        }
        return false;
    }

    /// <summary>
    /// The first paragraph after the title that reads as a headline: one short line without final punctuation, not
    /// a line that opens with a date ("10/03/2026 07:52 - INTEMPÉRIES").
    /// </summary>
    private string? NextTitleLine(Document document)
    {
        var index = document.Paragraphs.FindIndex(p => p.Role == ParagraphRole.Title);
        if (index < 0) return null;
        foreach (var paragraph in document.Paragraphs.Skip(index + 1).Take(3))
        {
            var next = document.Slice(paragraph).Trim();
            if (next.Length == 0 || next.Length > ShortLine || next.Contains('\n') || next[^1] is '.' or '!' or '?' or ':') return null;
            if (dates.Find(next).FirstOrDefault() is { Start: 0 }) continue;
            return next;
        }
        return null;
    }

    /// <summary>"Poutine : «…» 20 nov. 2015, 15:59" → "Poutine : «…»".</summary>
    private string WithoutTrailingDate(string title)
    {
        var found = dates.Find(title);
        if (found.Count == 0) return title;
        var last = found[^1];
        if (last.End < title.TrimEnd().Length || !last.IsFull || last.Start == 0) return title;
        var cut = title[..last.Start].TrimEnd(' ', ',', '-', '–', '—', '|', '·', '\u00A0');
        return cut.Length > 0 ? cut : title;
    }

    /// <summary>"Procès … | Médiapulse" → "Procès …" when the suffix is the outlet's name (HTML titles carry it).</summary>
    private static string? WithoutOutletSuffix(string? title, string? outlet)
    {
        if (title is null || string.IsNullOrWhiteSpace(outlet)) return title;
        foreach (var separator in new[] { " | ", " - ", " – ", " — ", " : " })
        {
            var suffix = separator + outlet;
            if (title.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && title.Length > suffix.Length)
                return title[..^suffix.Length].TrimEnd();
        }
        return title;
    }
}
