using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>One paragraph-like piece of the article body, as the markup showed it.</summary>
public sealed record HtmlBlock(string Text, BlockHint Hint, double LinkDensity);

/// <summary>What the extractor took from a page: the article's body blocks (title not included) and its metadata.</summary>
public sealed class HtmlExtraction
{
    public string? Title { get; init; }
    public IReadOnlyList<HtmlBlock> Blocks { get; init; } = [];
    /// <summary>Publication time: UTC (Kind Utc) when the page gave an offset, else the page's clock time (Kind Unspecified).</summary>
    public DateTime? Published { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>
    /// The credit as the page writes it, what a reader view shows under the title (Readability's "byline"): the declared
    /// author values joined by ", ", else the whole author element or byline line the names were read from, cue and date
    /// included ("By Ann Lee March 3, 2015"). <see cref="Authors"/> holds the names alone.
    /// </summary>
    public string? Byline { get; init; }
    public string? Outlet { get; init; }
    /// <summary>Primary language subtag the page declares (html lang, content-language, og:locale), lower case; a hint only.</summary>
    public string? Language { get; init; }
    public string? Description { get; init; }
    /// <summary>Canonical URL (link rel=canonical, og:url, JSON-LD url).</summary>
    public string? Url { get; init; }
    /// <summary>Lines found inside the article area but left out of the body, with why ("byline", "caption").</summary>
    public IReadOnlyList<RemovedBlock> Dropped { get; init; } = [];
    /// <summary>
    /// Where the body came from: "dom", "dom+json-ld" (structured data confirmed the blocks), "json-ld", or "noscript"
    /// (the page showed almost no text, and its &lt;noscript&gt; markup held the body).
    /// </summary>
    public string BodySource { get; init; } = "dom";
    /// <summary>
    /// How sure the extractor is that <see cref="Blocks"/> is the article (0–1): high when one region clearly wins or the
    /// page's own signals (articleBody, JSON-LD) confirm it, low when the best candidate barely beat the others.
    /// </summary>
    public double Confidence { get; init; } = 1;
    /// <summary>Why the confidence is low, or what was doubtful (empty when nothing was).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Last modification time, same conventions as <see cref="Published"/>.</summary>
    public DateTime? Modified { get; init; }
    /// <summary>The page's lead image (og:image, JSON-LD image), as an absolute or page-relative URL.</summary>
    public string? Image { get; init; }

    /// <summary>Captions of the article's figures, galleries and tables: kept apart, never in <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Captions => Dropped.Where(d => d.Reason == "caption").Select(d => d.Text).ToList();

    /// <summary>The body text: blocks joined by a blank line.</summary>
    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text));
}
