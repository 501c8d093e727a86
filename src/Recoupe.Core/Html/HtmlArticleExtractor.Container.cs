using AngleSharp.Dom;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Html;

/// <summary>How blocks are valued and which element is chosen as the article's container.</summary>
public static partial class HtmlArticleExtractor
{
    /// <summary>How much a block says "article body" (positive) or "page furniture" (negative), in characters.</summary>
    private static double Value(TextBlock block)
    {
        var length = block.Text.Length;
        var density = block.LinkDensity;
        double value;
        if (block.Confirmed) return 1.5 * length;
        if (density >= 0.5) value = -length;
        else if (block.SentenceLike) value = (length - block.LinkChars) * (1 - density);
        else value = -0.3 * length;

        if (block.Hint == BlockHint.Caption || block.Teaser) return -0.3 * length;
        // Headings and list items are short by nature: they neither make nor break a container.
        if (value < 0 && density < 0.3 && block.Hint is BlockHint.Heading or BlockHint.ListItem) value = 0;
        return block.Context switch
        {
            RegionKind.Negative => value > 0 ? -0.6 * value : 1.5 * value,
            RegionKind.Meta => value > 0 && length < 150 ? -0.2 * length : value,
            RegionKind.Positive => value > 0 ? 1.3 * value : 0.7 * value,
            RegionKind.ArticleBody => value > 0 ? 2.0 * value : 0.5 * value,
            _ => value,
        };
    }

    /// <summary>The element whose subtree has the largest total block value; -1 when no subtree is worth anything.</summary>
    private static int ChooseContainer(HtmlBlockWalker walk)
    {
        var elements = walk.Elements;
        foreach (var element in elements)
        {
            element.Sum = 0;
            element.Gain = 0;
        }
        foreach (var block in walk.Blocks)
        {
            elements[block.Owner].Sum += block.Value;
            elements[block.Owner].Gain += Math.Max(0, block.Value);
        }
        // Elements are in document (pre-)order, so every child comes after its parent: one backward pass sums subtrees.
        for (var i = elements.Count - 1; i > 0; i--)
        {
            var parent = elements[i].Parent;
            if (parent < 0) continue;
            elements[parent].Sum += IsEmbeddedInBody(elements, i) ? Math.Max(elements[i].Sum, -EmbeddedRegionCost) : elements[i].Sum;
            elements[parent].Gain += elements[i].Gain;
        }

        var best = -1;
        var bestSum = 0.0;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (!element.IsBlockLevel || element.Sum <= bestSum) continue;
            best = i;
            bestSum = element.Sum;
        }
        return best;
    }

    /// <summary>What a gallery, a video player or a link box set inside a marked article body costs that body, at most.</summary>
    private const double EmbeddedRegionCost = 100;

    /// <summary>
    /// A negative or caption region that the page's own itemprop=articleBody holds (a gallery, a player, a link box between
    /// paragraphs) is left out when the body is selected: it costs the body a little, not its size, so a long one does
    /// not make a single paragraph win over the whole body.
    /// </summary>
    private static bool IsEmbeddedInBody(IReadOnlyList<WalkedElement> elements, int i) =>
        elements[i].Context is RegionKind.Negative or RegionKind.Caption && elements[elements[i].Parent].Context == RegionKind.ArticleBody;

    /// <summary>
    /// When the container is a two-column layout, keeps the column that holds the page's headline if it also holds a
    /// clear majority (60%) of the good text: the other column is a sidebar (an "about me" box, a promotion) even when
    /// written in sentences. Sections stacked one above the other split the text more evenly and stay together.
    /// A headline that stands alone above the body, as in most layouts, changes nothing.
    /// </summary>
    private const double TitleColumnShare = 0.6;

    private static int NarrowToTitleColumn(HtmlBlockWalker walk, int container, List<IElement> h1s, string? title)
    {
        if (container < 0 || title is null) return container;
        var titleKey = TextFolding.Key(title);
        var h1 = h1s.FirstOrDefault(h => TextFolding.Key(h.TextContent) == titleKey);
        if (h1 is null) return container;
        var elements = walk.Elements;
        var at = -1;
        for (var i = container; i < elements.Count && at < 0; i++)
            if (ReferenceEquals(elements[i].Element, h1)) at = i;
        if (at < 0) return container;

        while (true)
        {
            // The child of the container on the way down to the headline.
            var child = at;
            while (child >= 0 && elements[child].Parent != container) child = elements[child].Parent;
            if (child < 0 || child == at) return container;
            var column = elements[child];
            var whole = elements[container];
            if (column.Gain < TitleColumnShare * whole.Gain || column.Gain >= whole.Gain || column.Sum <= 0) return container;
            container = child;
        }
    }
}
