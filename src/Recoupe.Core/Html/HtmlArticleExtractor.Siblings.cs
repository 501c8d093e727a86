namespace Recoupe.Core.Html;

/// <summary>
/// Prose set above the container: a lead paragraph (standfirst) in its own element between the headline and the
/// body. The container is one element; pages often put the lead in a sibling of the element that holds the
/// paragraphs, under a parent that also holds captions or related boxes and so loses. Siblings after the body are
/// not joined: there, prose is as often a newsletter or membership pitch as a closing note.
/// </summary>
public static partial class HtmlArticleExtractor
{
    /// <summary>Below this many characters, a sibling is a label or a date line, not prose worth joining.</summary>
    private const int SiblingProseChars = 80;

    /// <summary>A sibling with more of its text in links than this is a link box.</summary>
    private const double SiblingLinkDensity = 0.25;

    /// <summary>
    /// The block ranges to read, in page order: the container's, and those of its siblings (children of its parent)
    /// between the headline and the container that are prose: sentences, few links, no region named as furniture or
    /// author box, worth more than they cost. Without a headline shown on the page, nothing joins.
    /// </summary>
    private static List<(int First, int End)> ContainerRanges(HtmlBlockWalker walk, int container, int headlineBlock)
    {
        var elements = walk.Elements;
        var info = elements[container];
        var ranges = new List<(int First, int End)> { (info.FirstBlock, info.EndBlock) };
        var parent = info.Parent;
        if (parent < 0) return ranges;
        for (var i = parent + 1; i < container; i++)
        {
            var sibling = elements[i];
            if (sibling.Parent != parent || sibling.FirstBlock >= info.FirstBlock) continue;
            if (sibling.FirstBlock <= headlineBlock || !IsProseSibling(walk, sibling)) continue;
            ranges.Add((sibling.FirstBlock, sibling.EndBlock));
        }
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        return ranges;
    }

    private static bool IsProseSibling(HtmlBlockWalker walk, WalkedElement sibling)
    {
        if (!sibling.IsBlockLevel || sibling.EndBlock <= sibling.FirstBlock || sibling.Sum <= 0) return false;
        if (sibling.TextChars < SiblingProseChars || sibling.LinkChars > SiblingLinkDensity * sibling.TextChars) return false;
        var sentences = false;
        for (var b = sibling.FirstBlock; b < sibling.EndBlock; b++)
        {
            var block = walk.Blocks[b];
            if (block.Context is RegionKind.Negative or RegionKind.Meta || block.Teaser) return false;
            sentences |= block.SentenceLike && block.Value > 0;
        }
        return sentences;
    }

    /// <summary>
    /// A display formula written out as its symbols ("x ˙ = σ ( y − x )", as MathML reads): mostly one-character tokens,
    /// with a mathematical operator among them. It is part of the text, as a sentence is, though it has no words.
    /// </summary>
    private static bool IsFormula(string text)
    {
        int tokens = 0, single = 0;
        var operators = false;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            tokens++;
            if (token.Length == 1) single++;
            foreach (var c in token)
                operators |= char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.MathSymbol;
        }
        return operators && tokens >= 5 && single >= 0.6 * tokens;
    }
}
