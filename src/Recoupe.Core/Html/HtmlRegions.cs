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

    /// <summary>Sentence text outside a gallery from which the gallery is beside the article rather than the article itself.</summary>
    private const int OutsideSlideshowChars = 500;

    /// <summary>
    /// A gallery numbers its slides "1/50", "2/50"…: three or more blocks opening with counters over one total make each
    /// of them, with the element it opens (the slide: its title, legend and credit), a caption, whatever the class names
    /// say. A page whose sentences are nearly all in its slides is a slideshow article and keeps them.
    /// </summary>
    public static void MarkSlideshows(HtmlBlockWalker walk)
    {
        var blocks = walk.Blocks;
        Dictionary<int, List<int>>? byTotal = null;
        HashSet<(int, int)>? seen = null;
        for (var b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].Words > 40 || SlideCounter(blocks[b].Text) is not { } counter) continue;
            byTotal ??= new Dictionary<int, List<int>>();
            seen ??= new HashSet<(int, int)>();
            if (!seen.Add(counter)) continue;
            if (!byTotal.TryGetValue(counter.Total, out var list)) byTotal[counter.Total] = list = new List<int>();
            list.Add(b);
        }
        if (byTotal is null) return;

        var elements = walk.Elements;
        foreach (var starts in byTotal.Values)
        {
            if (starts.Count < 3) continue;
            // Each slide: the largest element its counter opens that does not reach the next counter.
            var slides = new List<(int First, int End)>();
            for (var k = 0; k < starts.Count; k++)
            {
                var b = starts[k];
                var limit = k + 1 < starts.Count ? starts[k + 1] : int.MaxValue;
                var end = b + 1;
                for (var e = blocks[b].Owner; e >= 0 && elements[e].FirstBlock == b && elements[e].EndBlock <= limit; e = elements[e].Parent)
                    end = elements[e].EndBlock;
                slides.Add((b, end));
            }
            long inside = 0, all = 0;
            var k2 = 0;
            for (var b = 0; b < blocks.Count; b++)
            {
                while (k2 < slides.Count && slides[k2].End <= b) k2++;
                if (!blocks[b].SentenceLike) continue;
                all += blocks[b].Text.Length;
                if (k2 < slides.Count && b >= slides[k2].First) inside += blocks[b].Text.Length;
            }
            if (all - inside < OutsideSlideshowChars) continue;
            foreach (var (first, end) in slides)
                for (var b = first; b < end; b++)
                {
                    if (blocks[b].Confirmed) continue;
                    blocks[b].Context = RegionKind.Caption;
                    // The counter's own line is the slide's title, a sentence or not.
                    if (b == first || blocks[b].Hint is BlockHint.Paragraph or BlockHint.ListItem or BlockHint.Quote) blocks[b].Hint = BlockHint.Caption;
                }
        }
    }

    /// <summary>A leading slide counter "3/50" or "3 / 50" (number at most the total, total at least 3), or null.</summary>
    internal static (int Number, int Total)? SlideCounter(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (!ReadNumber(text, ref i, out var number)) return null;
        while (i < text.Length && text[i] == ' ') i++;
        if (i >= text.Length || text[i] != '/') return null;
        i++;
        while (i < text.Length && text[i] == ' ') i++;
        if (!ReadNumber(text, ref i, out var total)) return null;
        if (i < text.Length && !char.IsWhiteSpace(text[i])) return null;
        return number >= 1 && number <= total && total >= 3 ? (number, total) : null;
    }

    private static bool ReadNumber(string text, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && i - start < 4 && char.IsAsciiDigit(text[i])) value = 10 * value + (text[i++] - '0');
        return i > start && (i >= text.Length || !char.IsAsciiDigit(text[i]));
    }
}
