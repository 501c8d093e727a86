namespace Recoupe.Core.Model;

/// <summary>What the pipeline found out about an article, with where it found it.</summary>
public sealed class ArticleMetadata
{
    public string? Title { get; set; }
    /// <summary>Publication time; offset unknown is stored as UTC-less local time (Kind unspecified).</summary>
    public DateTime? Published { get; set; }
    /// <summary>How <see cref="Published"/> was found: "text", "dateline", "source", "html".</summary>
    public string? PublishedFrom { get; set; }
    /// <summary>The outlet that published this copy ("RT France", "Sputnik France").</summary>
    public string? Outlet { get; set; }
    /// <summary>The news agency behind the copy, when named ("AFP", "Reuters").</summary>
    public string? Agency { get; set; }
    public List<string> Authors { get; } = [];
    /// <summary>ISO 639-1 code from our own identifier ("fr", "en"), or "und" when unsure.</summary>
    public string Language { get; set; } = "und";
    public double LanguageConfidence { get; set; }
    public string? Url { get; set; }
    public string? DatelinePlace { get; set; }
    /// <summary>How sure the HTML extractor was of the main text, and why not more (null: not an HTML page).</summary>
    public ExtractionNote? Extraction { get; set; }
}

/// <summary>The HTML extractor's confidence (0–1) that the text it kept is the article, and its warnings.</summary>
public sealed record ExtractionNote(double Confidence, IReadOnlyList<string> Warnings);
