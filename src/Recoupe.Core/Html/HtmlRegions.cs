using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>Corrections to the regions the walk read from tag, role and class names, once the page's text is measured.</summary>
internal static partial class HtmlRegions
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

    /// <summary>Stamped posts in a row longer than this (sentence characters between two stamps) are not a thread's posts.</summary>
    private const int ThreadPostChars = 1500;

    /// <summary>Sentence text between the headline and a thread, at least, for the thread to be below an article.</summary>
    private const int ArticleBeforeThreadChars = 1000;

    /// <summary>
    /// A comment thread whatever its class names: three or more posts in a row, each opened by a short line that carries
    /// a date or a clock time ("Ann · March 10, 2017 at 1:26 AM", "#2 小鳳 2013/12/28 10:28") and followed by a little
    /// prose, below at least a long article's worth of sentences after the headline. The smallest element holding the
    /// posts is not the article. A live blog's timed posts come right under the headline, so they are never read so.
    /// </summary>
    public static void MarkStampedThreads(HtmlBlockWalker walk, int headline)
    {
        var blocks = walk.Blocks;
        var start = headline == int.MaxValue ? 0 : headline + 1;
        long before = 0;
        int first = -1, last = -1, posts = 0;
        long sinceStamp = 0;
        for (var b = start; b <= blocks.Count; b++)
        {
            if (b == blocks.Count)
            {
                if (posts >= 2) MarkThread(walk, first, last, before);
                return;
            }
            if (blocks[b].Words <= 15 && !blocks[b].SentenceLike && HasStamp(blocks[b].Text))
            {
                var post = first >= 0 && sinceStamp > 0 && sinceStamp <= ThreadPostChars;
                if (post) { posts++; last = b; }
                if (!post && posts >= 2 && MarkThread(walk, first, last, before)) return;
                if (!post)
                {
                    // The prose since the previous stamp (or since the headline) is the article's, not a post's.
                    before += sinceStamp;
                    first = b;
                    posts = 0;
                }
                sinceStamp = 0;
                continue;
            }
            // A post's text: its lines of a few words or more (a one-word "Reply" is not prose).
            if (blocks[b].Words >= 3) sinceStamp += blocks[b].Text.Length;
        }
    }

    /// <summary>Marks the smallest element holding the thread's first and last stamps, when enough article text comes before it.</summary>
    private static bool MarkThread(HtmlBlockWalker walk, int first, int last, long before)
    {
        if (before < ArticleBeforeThreadChars) return false;
        var elements = walk.Elements;
        var e = walk.Blocks[first].Owner;
        while (e >= 0 && elements[e].EndBlock <= last) e = elements[e].Parent;
        if (e <= 0) return false;
        var region = elements[e];
        // The element must start at the thread, not hold the article above it too.
        long sentencesAbove = 0;
        for (var b = region.FirstBlock; b < first; b++)
            if (walk.Blocks[b].SentenceLike) sentencesAbove += walk.Blocks[b].Text.Length;
        if (sentencesAbove > ThreadPostChars) return false;
        // A thread ends the page's text: dated entries followed by more of the story are the story's own (a chronology).
        long sentencesBelow = 0;
        for (var b = region.EndBlock; b < walk.Blocks.Count; b++)
            if (walk.Blocks[b] is { SentenceLike: true, Teaser: false } below && below.Context != RegionKind.Negative) sentencesBelow += below.Text.Length;
        if (sentencesBelow > ThreadPostChars) return false;
        for (var b = region.FirstBlock; b < region.EndBlock; b++)
            if (!walk.Blocks[b].Confirmed) walk.Blocks[b].Context = RegionKind.Negative;
        return true;
    }

    /// <summary>True when the line carries a clock time (10:28) or an all-digit date (2013/12/28, 28.12.2013).</summary>
    internal static bool HasStamp(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiDigit(text[i - 1]))) continue;
            var j = i;
            while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
            var digits = j - i;
            if (j + 2 < text.Length && text[j] == ':' && digits <= 2 && char.IsAsciiDigit(text[j + 1]) && char.IsAsciiDigit(text[j + 2]) &&
                (j + 3 >= text.Length || !char.IsAsciiDigit(text[j + 3]))) return true;
            if (j < text.Length && text[j] is '/' or '.' or '-' && digits <= 4)
            {
                var sep = text[j];
                var k = j + 1;
                var second = k;
                while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
                if (k - second is >= 1 and <= 2 && k < text.Length && text[k] == sep && k + 1 < text.Length && char.IsAsciiDigit(text[k + 1])) return true;
            }
            i = j;
        }
        return false;
    }
}
