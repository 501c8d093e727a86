namespace Recoupe.Core.Html;

/// <summary>Corrections to the regions the walk read from tag, role and class names, once the page's text is measured.</summary>
internal static class HtmlRegions
{
    /// <summary>Share of the page's sentence text above which an element is the page itself, not a region of it.</summary>
    private const double WrapperShare = 0.8;

    /// <summary>
    /// A region cue (negative, metadata, caption) on an element that holds nearly all the page's sentences names a
    /// wrapper's state or template ("js-loading", "has-comments", "page-with-sidebar"), not a side region: it is
    /// ignored, and the regions below it are read again. A real comment thread or sidebar never holds the article too.
    /// </summary>
    public static void IgnoreWrapperCues(HtmlBlockWalker walk)
    {
        var elements = walk.Elements;
        var sentenceChars = new long[elements.Count];
        long total = 0;
        foreach (var block in walk.Blocks)
        {
            if (!block.SentenceLike) continue;
            sentenceChars[block.Owner] += block.Text.Length;
            total += block.Text.Length;
        }
        if (total < 200) return;
        for (var i = elements.Count - 1; i > 0; i--)
            if (elements[i].Parent >= 0) sentenceChars[elements[i].Parent] += sentenceChars[i];

        var changed = false;
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].Own is not (RegionKind.Negative or RegionKind.Meta or RegionKind.Caption)) continue;
            if (sentenceChars[i] < WrapperShare * total) continue;
            elements[i].Own = RegionKind.Neutral;
            changed = true;
        }
        if (!changed) return;
        // Elements come in document order, parents first: one forward pass recomputes every region.
        foreach (var element in elements)
            element.Context = HtmlBlockWalker.ContextOf(element.Own, element.Parent >= 0 ? elements[element.Parent].Context : RegionKind.Neutral);
        foreach (var block in walk.Blocks) block.Context = elements[block.Owner].Context;
    }
}
