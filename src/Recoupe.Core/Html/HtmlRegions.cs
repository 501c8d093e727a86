using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>Corrections to the regions the walk read from tag, role and class names, once the page's text is measured.</summary>
internal static class HtmlRegions
{
    /// <summary>Share of the page's sentence text above which an element is the page itself, not a region of it.</summary>
    private const double WrapperShare = 0.8;

    /// <summary>A weakly named region whose text is at least this share of sentences, and at most <see cref="ProseLinkShare"/> links, is prose.</summary>
    private const double ProseSentenceShare = 0.5;
    private const double ProseLinkShare = 0.25;

    /// <summary>
    /// Reads again the region cues the text contradicts, then the regions below them:
    /// <list type="bullet">
    /// <item>A region cue (negative, metadata, caption) on an element that holds nearly all the page's sentences names a
    /// wrapper's state or template ("js-loading", "has-comments", "page-with-sidebar"), not a side region. A real
    /// comment thread or sidebar never holds the article too.</item>
    /// <item>A negative name made of weak cues only ("read-more", "more-features") on an element whose text is prose
    /// (mostly sentences, few links) is the rest of the story behind a button, or one of its sections: the text wins.
    /// Link rails and teaser cards under such names stay negative.</item>
    /// </list>
    /// </summary>
    public static void Correct(HtmlBlockWalker walk)
    {
        var elements = walk.Elements;
        var sentenceChars = new long[elements.Count];
        long total = 0;
        foreach (var block in walk.Blocks)
        {
            if (!block.SentenceLike || block.Teaser) continue;
            sentenceChars[block.Owner] += block.Text.Length;
            total += block.Text.Length;
        }
        if (total < 200) return;
        for (var i = elements.Count - 1; i > 0; i--)
            if (elements[i].Parent >= 0) sentenceChars[elements[i].Parent] += sentenceChars[i];

        var changed = false;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (element.Own is not (RegionKind.Negative or RegionKind.Meta or RegionKind.Caption)) continue;
            var wrapper = sentenceChars[i] >= WrapperShare * total;
            var prose = element.WeakNegative && element.TextChars > 0 &&
                        sentenceChars[i] >= ProseSentenceShare * element.TextChars && element.LinkChars <= ProseLinkShare * element.TextChars;
            if (!wrapper && !prose) continue;
            element.Own = RegionKind.Neutral;
            changed = true;
        }
        if (!changed) return;
        // Elements come in document order, parents first: one forward pass recomputes every region.
        foreach (var element in elements)
            element.Context = HtmlBlockWalker.ContextOf(element.Own, element.Parent >= 0 ? elements[element.Parent].Context : RegionKind.Neutral);
        foreach (var block in walk.Blocks)
        {
            block.Context = elements[block.Owner].Context;
            // Text that turns out to sit in a caption region (a gallery's legends once its "widget" wrapper is read
            // again) is a caption, as the walk would have said had it known.
            if (block.Context == RegionKind.Caption && block.Hint is BlockHint.Paragraph or BlockHint.ListItem or BlockHint.Quote)
                block.Hint = BlockHint.Caption;
        }
    }
}
