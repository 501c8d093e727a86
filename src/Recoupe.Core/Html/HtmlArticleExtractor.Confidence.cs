namespace Recoupe.Core.Html;

/// <summary>
/// When no region clearly holds the article: the best candidate anyway, and how sure the extractor is of what it
/// returns. A page is refused only when it shows no text worth returning at all.
/// </summary>
public static partial class HtmlArticleExtractor
{
    /// <summary>Below this many words in the best candidate, a page is an empty shell or a list of links.</summary>
    private const int MinimumFallbackWords = 3;

    /// <summary>
    /// The smallest element that holds most of the page's plain text (text outside links, outside regions named as
    /// navigation or comments, captions left out), and those blocks of it. The scoring found no container worth
    /// anything: this is the least bad candidate, returned with a low confidence.
    /// </summary>
    private static (int Container, List<TextBlock> Blocks) Fallback(HtmlBlockWalker walk)
    {
        var elements = walk.Elements;
        var plain = new double[elements.Count];
        foreach (var block in walk.Blocks)
            if (IsFallbackText(block)) plain[block.Owner] += block.Text.Length - block.LinkChars;
        for (var i = elements.Count - 1; i > 0; i--)
            if (elements[i].Parent >= 0) plain[elements[i].Parent] += plain[i];
        if (plain[0] <= 0) return (-1, []);

        // Down from the root while one child holds at least 80% of the text: the children of an element follow it.
        var container = 0;
        for (var moved = true; moved;)
        {
            moved = false;
            for (var i = container + 1; i < elements.Count && elements[i].FirstBlock < elements[container].EndBlock; i++)
            {
                if (elements[i].Parent != container || !elements[i].IsBlockLevel || plain[i] < 0.8 * plain[container]) continue;
                container = i;
                moved = true;
                break;
            }
        }
        var blocks = new List<TextBlock>();
        for (var b = elements[container].FirstBlock; b < elements[container].EndBlock; b++)
            if (IsFallbackText(walk.Blocks[b])) blocks.Add(walk.Blocks[b]);
        return (container, blocks);
    }

    private static bool IsFallbackText(TextBlock block) =>
        block.Context != RegionKind.Negative && block.LinkDensity < 0.5 && block.Hint != Model.BlockHint.Caption;

    /// <summary>
    /// How clearly the container won (0.5–1): its value against the best element outside it (neither its ancestor nor
    /// its descendant), raised when the page's own signals (itemprop=articleBody, JSON-LD articleBody, &lt;article&gt;,
    /// &lt;main&gt;) back it, lowered for a short body.
    /// </summary>
    private static double Confidence(HtmlBlockWalker walk, int container, IReadOnlyList<TextBlock> selected, int chars, List<string> warnings)
    {
        var elements = walk.Elements;
        var best = elements[container];
        var rival = 0.0;
        foreach (var element in elements)
            if (element.IsBlockLevel && element.FirstBlock < element.EndBlock &&
                (element.EndBlock <= best.FirstBlock || element.FirstBlock >= best.EndBlock))
                rival = Math.Max(rival, element.Sum);
        var margin = best.Sum <= 0 ? 0 : Math.Clamp((best.Sum - rival) / best.Sum, 0, 1);
        var confidence = 0.5 + 0.5 * margin;
        if (margin < 0.3) warnings.Add($"another part of the page scored nearly as high ({rival:F0} against {best.Sum:F0})");
        var backed = selected.Any(b => b.Confirmed || b.Context is RegionKind.ArticleBody or RegionKind.Positive);
        if (backed) confidence = Math.Max(confidence, 0.9);
        if (chars < 300)
        {
            confidence *= 0.7;
            warnings.Add($"short body ({chars} characters)");
        }
        return Math.Round(confidence, 2);
    }
}
