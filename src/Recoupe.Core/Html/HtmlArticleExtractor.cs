using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Html;

/// <summary>
/// Finds an article's main text in a whole HTML page, with its title, date, authors, outlet, language and URL.
/// <para>
/// How: the page is prescanned (scripts, styles and comments out; nesting capped), parsed with AngleSharp, and its
/// visible text cut into blocks. Each block gets a value: positive for sentence-like text with few links, negative for
/// link lists, short labels and anything inside a region whose tag, role or class names say navigation, comments,
/// sharing, related links, ads, cookies… The element whose subtree has the largest total value is the article's
/// container (the smallest region that holds most good text and little junk). Inside it, the blocks that read as body
/// (paragraphs, headings followed by text, lists, quotes) are kept and bylines, captions and labels dropped.
/// JSON-LD articleBody, when present, confirms blocks; it replaces the DOM text only when the DOM clearly holds
/// less of the same article (a script-rendered page), never when it disagrees with the page.
/// </para>
/// </summary>
public static partial class HtmlArticleExtractor
{
    /// <summary>Less selected text than this is not an article.</summary>
    public const int MinimumArticleChars = 60;

    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        IsScripting = false,
        SkipComments = true,
        SkipScriptText = true,
        SkipRawText = true,
        DisableElementPositionTracking = true,
        IsNotSupportingFrames = true,
        // Most attributes (src, data-*, on*, srcset…) never matter here; not building them is a third of the parse.
        ShouldEmitAttribute = (ref AngleSharp.Html.Parser.Tokens.Struct.StructHtmlToken _, ReadOnlyMemory<char> name) =>
            UsedAttributes.Contains(name.Span),
    }));

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UsedAttributes = new HashSet<string>(
        ["class", "id", "itemprop", "role", "hidden", "aria-hidden", "style", "property", "name", "content", "http-equiv",
         "rel", "href", "lang", "xml:lang", "datetime", "charset"],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Extracts the article from a whole page. Throws <see cref="ArticleRejectedException"/> when the page holds none.</summary>
    public static HtmlExtraction Extract(string html) => Run(html, fragment: false);

    /// <summary>
    /// Extracts body text from a fragment of markup that is all article (a feed item's content:encoded, a JSON body):
    /// no container is searched for, but link lists, labels and captions are still dropped.
    /// </summary>
    public static HtmlExtraction ExtractFragment(string html) => Run(html, fragment: true);

    private static HtmlExtraction Run(string html, bool fragment)
    {
        ArgumentNullException.ThrowIfNull(html);
        var (_, metadata, walk, title, container, noscript) = Analyze(html, fragment);
        var blocks = walk.Blocks;
        var dropped = new List<RemovedBlock>();
        var selected = container < 0 ? [] : Select(walk, container, title, dropped);
        var warnings = new List<string>();
        var fallback = !fragment && selected.Sum(b => b.Text.Length) < MinimumArticleChars;
        if (fallback)
        {
            // No region clearly holds an article: the best candidate anyway, flagged, unless the page shows no text.
            var (fallbackContainer, fallbackBlocks) = Fallback(walk);
            if (fallbackBlocks.Sum(b => b.Words) >= Math.Max(MinimumFallbackWords, selected.Sum(b => b.Words)))
            {
                container = fallbackContainer;
                selected = fallbackBlocks;
                dropped.Clear();
            }
            warnings.Add(blocks.Any(b => b.SentenceLike)
                ? "no region of the page clearly holds an article: its text is mostly navigation, link lists or labels; the best candidate is returned"
                : "the page holds no sentences, only short lines; the best candidate is returned");
        }
        var selectedText = string.Join("\n\n", selected.Select(b => b.Text));

        var bodySource = selected.Any(b => b.Confirmed) ? "dom+json-ld" : "dom";
        List<HtmlBlock> result = selected.Select(b => new HtmlBlock(b.Text, b.Hint, Math.Round(b.LinkDensity, 3))).ToList();
        if (fallback && NoscriptBody(noscript, selected.Sum(b => b.Words)) is { } noscriptBlocks)
        {
            // The page shows its body only to readers without scripts (lazy loading): the DOM held next to nothing.
            result = noscriptBlocks;
            bodySource = "noscript";
            fallback = false;
            warnings.Clear();
            warnings.Add("the body was read from the page's <noscript> markup: the visible page held almost no text");
        }
        if (metadata.JsonLd?.Body is { } jsonText && PreferJsonBody(selectedText, jsonText))
        {
            result = SplitJsonBody(jsonText);
            bodySource = "json-ld";
            fallback = false;
            warnings.Clear();
        }

        var chars = result.Sum(b => b.Text.Length);
        if (result.Sum(b => b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) < MinimumFallbackWords &&
            selected.Sum(b => b.Words) < MinimumFallbackWords)
            throw new ArticleRejectedException(blocks.Any(b => b.SentenceLike)
                ? "no article found in the HTML page: its only sentences are in navigation, link lists or comment regions"
                : "no article found in the HTML page: it holds no sentence-like text, only short labels and links");
        var confidence = bodySource == "json-ld" ? 0.8
            : bodySource == "noscript" ? 0.6
            : fallback ? (selected.Any(b => b.SentenceLike) ? 0.3 : 0.1)
            : Confidence(walk, container, selected, chars, warnings);

        var containerElement = container >= 0 ? walk.Elements[container].Element : null;
        var authors = metadata.Authors(out var byline);
        if (authors.Count == 0) authors = AuthorsFromBylines(BylinesNear(walk, container, dropped), out byline);
        return new HtmlExtraction
        {
            // The headline shown decides which line of the page is the title (left out of the body); the title
            // reported is the one the page declares, in the reader's order of trust, else that headline.
            Title = metadata.DeclaredTitle ?? title,
            Blocks = result,
            Published = metadata.Published(containerElement),
            Modified = metadata.Modified(),
            Image = metadata.Image,
            Authors = authors,
            Byline = byline,
            Outlet = metadata.Outlet,
            Language = metadata.Language,
            Description = metadata.Description,
            Url = metadata.Url,
            Dropped = dropped,
            BodySource = bodySource,
            Confidence = confidence,
            Warnings = warnings,
        };
    }

    /// <summary>What the analysis of a page found: its index and metadata, its measured blocks, the headline, the container (-1: none).</summary>
    private readonly record struct PageAnalysis(
        HtmlPageIndex Index, HtmlMetadataReader Metadata, HtmlBlockWalker Walk, string? Title, int Container, string Noscript);

    /// <summary>Parses the page, cuts and measures its blocks, and chooses the element that holds the article.</summary>
    private static PageAnalysis Analyze(string html, bool fragment)
    {
        var prescan = HtmlPrescan.Run(html);
        var document = Parser.Value!.ParseDocument(prescan.Html);
        var root = document.Body ?? document.DocumentElement;
        if (root is null || document.DocumentElement is null) throw new ArticleRejectedException("the HTML has no body");
        var index = HtmlPageIndex.Build(document.DocumentElement);
        var metadata = new HtmlMetadataReader(document, index, prescan.JsonLd);

        var markers = MarkerAncestors(index);
        var walk = HtmlBlockWalker.Walk(root, markers);
        var blocks = walk.Blocks;
        if (blocks.Count == 0)
            throw new ArticleRejectedException("the HTML page shows no text (empty body, or only scripts and markup)");

        var title = ChooseTitle(index, metadata, blocks);
        var jsonBody = metadata.JsonLd?.Body is { Length: >= 100 } body ? NormalizeForMatch(body) : null;
        SumText(walk);
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            Measure(block);
            // A table's row is not a card: its title cell is often a link, and its other cells describe it.
            block.Teaser = block.LinkDensity < 0.5 && !block.InDataTable && IsTeaser(walk, block, b);
        }
        HtmlRegions.Correct(walk);
        HtmlRegions.MarkSlideshows(walk);
        HtmlRegions.MarkStampedThreads(walk, HeadlineBlock(walk, title is null ? null : TextFolding.Key(title)));
        HtmlRegions.MarkTemplateCards(walk);
        MarkLabelledSections(walk, markers);
        // Each confirmation is a substring search of the structured body: a budget keeps huge pages linear.
        var confirmBudget = 100_000_000L;
        foreach (var block in blocks)
        {
            if (jsonBody is not null && block.Text.Length >= 30 && block.Hint != BlockHint.Caption && confirmBudget > 0)
            {
                confirmBudget -= jsonBody.Length;
                block.Confirmed = jsonBody.Contains(NormalizeForMatch(block.Text), StringComparison.Ordinal);
            }
            block.Value = Value(block);
        }

        var container = fragment ? 0 : NarrowToTitleColumn(walk, ChooseContainer(walk), index.H1s, title);
        return new PageAnalysis(index, metadata, walk, title, container, prescan.Noscript);
    }

    /// <summary>Elements that hold the page's h1 or its itemprop=articleBody: such wrappers are never taken for boilerplate.</summary>
    private static HashSet<IElement> MarkerAncestors(HtmlPageIndex index)
    {
        var set = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var marker in index.H1s.Concat(index.ArticleBodies))
            for (var e = marker.ParentElement; e is not null && set.Add(e); e = e.ParentElement)
            {
            }
        return set;
    }

    /// <summary>
    /// A line such as "3 réactions" or "Les plus lus" that opens an element marks the element as not the article,
    /// whatever its class names say (sites with generated class names give no other cue).
    /// </summary>
    private static void MarkLabelledSections(HtmlBlockWalker walk, HashSet<IElement> markers)
    {
        var blocks = walk.Blocks;
        var elements = walk.Elements;
        for (var b = 0; b < blocks.Count; b++)
        {
            var label = blocks[b];
            if (label.Words > 8 || label.Context == RegionKind.Negative || !HtmlCues.IsSectionLabel(label.Text)) continue;
            // The largest element that this line opens, holding more than the line, and not the article's own ancestors.
            var section = -1;
            for (var e = label.Owner; e >= 0 && elements[e].FirstBlock == b && !markers.Contains(elements[e].Element); e = elements[e].Parent)
                if (elements[e].EndBlock - elements[e].FirstBlock >= 2) section = e;
            if (section < 0) continue;
            if (label.LinkDensity > 0.5 && IsProseAfterLabel(blocks, b + 1, elements[section].EndBlock))
            {
                // A "Read more" link over the rest of the story (an expander): the label goes, the prose stays. A
                // heading label ("3 reactions") over sentences names a section, comments most often.
                label.Context = RegionKind.Negative;
                continue;
            }
            for (var i = elements[section].FirstBlock; i < elements[section].EndBlock; i++)
                blocks[i].Context = RegionKind.Negative;
        }
    }

    /// <summary>
    /// True when blocks [<paramref name="from"/>, <paramref name="end"/>) are running prose: several hundred characters,
    /// almost all in sentence-like blocks, nearly free of links and with no teaser card. A box of related articles is
    /// links and cards; a label over such text opens the rest of the story.
    /// </summary>
    private static bool IsProseAfterLabel(IReadOnlyList<TextBlock> blocks, int from, int end)
    {
        int chars = 0, linkChars = 0, sentenceChars = 0;
        for (var i = from; i < end; i++)
        {
            var block = blocks[i];
            if (block.Teaser) return false;
            chars += block.Text.Length;
            linkChars += block.LinkChars;
            if (block.SentenceLike) sentenceChars += block.Text.Length;
        }
        return chars >= 400 && linkChars < 0.05 * chars && sentenceChars >= 0.8 * chars;
    }

    private static void SumText(HtmlBlockWalker walk)
    {
        var elements = walk.Elements;
        foreach (var block in walk.Blocks)
        {
            elements[block.Owner].TextChars += block.Text.Length;
            elements[block.Owner].LinkChars += block.LinkChars;
        }
        for (var i = elements.Count - 1; i > 0; i--)
        {
            var parent = elements[i].Parent;
            if (parent < 0) continue;
            elements[parent].TextChars += elements[i].TextChars;
            elements[parent].LinkChars += elements[i].LinkChars;
        }
    }

    /// <summary>Up to this many characters, an element around a block is a card rather than a body.</summary>
    private const int CardChars = 400;

    /// <summary>
    /// A sentence that shares a small element (a card) with a link-only line is the blurb of a link to another page,
    /// as in rails of related articles: "&lt;h3&gt;&lt;a&gt;Headline&lt;/a&gt;&lt;/h3&gt;&lt;p&gt;One sentence.&lt;/p&gt;". A linked
    /// heading marks the card even when the blurb is long enough to make the card's links a small share.
    /// </summary>
    private static bool IsTeaser(HtmlBlockWalker walk, TextBlock block, int blockIndex)
    {
        var elements = walk.Elements;
        // A card is a small part of the page: in a fragment or a tiny page, the whole text is not a card.
        var pageChars = elements[0].TextChars;
        for (var e = elements[block.Owner].Parent; e >= 0 && elements[e].TextChars <= CardChars && 2 * elements[e].TextChars < pageChars; e = elements[e].Parent)
        {
            var card = elements[e];
            for (var b = card.FirstBlock; b < card.EndBlock; b++)
            {
                var other = walk.Blocks[b];
                if (ReferenceEquals(other, block)) continue;
                // A heading that is mostly a link, above the sentence, heads another page's card however long the blurb.
                if (other.Hint == BlockHint.Heading && other.LinkDensity >= LinkedHeadingDensity && b < blockIndex) return true;
                if (card.LinkChars >= 0.2 * card.TextChars && other.LinkDensity >= 0.6) return true;
            }
        }
        return false;
    }

    /// <summary>From this share of its text in links, a heading is the headline of a link to another page.</summary>
    private const double LinkedHeadingDensity = 0.5;

    private static void Measure(TextBlock block)
    {
        var text = block.Text;
        int words = 0, punctuation = 0, unspaced = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsUnspacedScript(c))
            {
                // Scripts written without spaces (Chinese, Japanese, Thai…): about two characters make a word.
                unspaced++;
                inWord = false;
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                if (!inWord) words++;
                inWord = true;
                continue;
            }
            inWord = c is '\'' or '’' or '-' && inWord;
            if (IsClausePunctuation(c)) punctuation++;
        }
        words += (unspaced + 1) / 2;
        block.Words = words;
        var last = text.Length > 0 ? text[^1] : ' ';
        block.SentenceLike = (words >= 10 && punctuation >= 1) || (words >= 5 && HtmlBlockWalker.IsTerminal(last) && last != ':');
    }

    /// <summary>Punctuation that separates clauses or ends sentences, in Latin, CJK, Arabic and Indic scripts.</summary>
    internal static bool IsClausePunctuation(char c) =>
        c is ',' or '.' or ';' or ':' or '!' or '?' or '…' or '。' or '、' or '，' or '！' or '？' or '；' or '：' or '．'
            or '؟' or '،' or '؛' or '।' or '۔' or '·';

    /// <summary>Han, kana, Thai, Lao, Khmer and Myanmar letters: words are not separated by spaces.</summary>
    internal static bool IsUnspacedScript(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u0E00' and <= '\u0EFF' or >= '\u1780' and <= '\u17FF' or >= '\u1000' and <= '\u109F' or >= '\uFF66' and <= '\uFF9F';

    private static List<TextBlock> Select(HtmlBlockWalker walk, int container, string? title, List<RemovedBlock> dropped)
    {
        var info = walk.Elements[container];
        // A form holding less than half the container's good text is a widget (search, newsletter, comment form);
        // a larger one wraps the page (ASP.NET sites put everything in one form) and says nothing.
        var minWrapperGain = 0.5 * info.Gain;
        var titleKey = title is null ? null : TextFolding.Key(title);
        var titleSeen = false;

        var candidates = new List<(TextBlock Block, string? Reason)>();
        foreach (var b in ContainerRanges(walk, container, HeadlineBlock(walk, titleKey)).SelectMany(r => Enumerable.Range(r.First, r.End - r.First)))
        {
            var block = walk.Blocks[b];
            if (!titleSeen && titleKey is not null && block.Hint is BlockHint.Heading or BlockHint.Paragraph &&
                TextFolding.Key(block.Text) == titleKey)
            {
                titleSeen = true;
                continue;
            }
            var inWidgetForm = block.Form >= 0 && walk.Elements[block.Form].Gain < minWrapperGain;
            candidates.Add((block, Reject(block, inWidgetForm)));
        }

        // The nearest kept block before and after each candidate, found in two linear passes.
        var keptBefore = new TextBlock?[candidates.Count];
        var keptAfter = new TextBlock?[candidates.Count];
        TextBlock? last = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            keptBefore[i] = last;
            if (candidates[i].Reason is null) last = candidates[i].Block;
        }
        last = null;
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            keptAfter[i] = last;
            if (candidates[i].Reason is null) last = candidates[i].Block;
        }

        var selected = new List<TextBlock>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (block, reason) = candidates[i];
            // A label, or a heading that links (a product or a place named as a subheading), between two kept
            // sentences of the same flow is part of the text.
            if ((reason == "label" || (reason == "links" && block.Hint == BlockHint.Heading)) &&
                IsInsideFlow(walk, block, keptBefore[i], keptAfter[i])) reason = null;
            if (reason is null) selected.Add(block);
            else if (reason is "byline" or "caption") dropped.Add(new RemovedBlock(block.Text, reason));
        }

        // A body neither starts nor ends with labels, nor ends with a heading that leads nowhere, nor with text of an
        // author's region (class "author", an address): below the story, that is the author's biography box.
        while (selected.Count > 0 && (IsLooseEnd(selected[^1], atEnd: true) || IsTrailingAuthorText(selected[^1])))
        {
            if (IsTrailingAuthorText(selected[^1])) dropped.Add(new RemovedBlock(selected[^1].Text, "bio"));
            selected.RemoveAt(selected.Count - 1);
        }
        while (selected.Count > 0 && IsLooseEnd(selected[0], atEnd: false)) selected.RemoveAt(0);
        return selected;
    }

    /// <summary>The first heading or paragraph that shows the headline, or int.MaxValue when none does.</summary>
    private static int HeadlineBlock(HtmlBlockWalker walk, string? titleKey)
    {
        if (titleKey is null) return int.MaxValue;
        for (var b = 0; b < walk.Blocks.Count; b++)
            if (walk.Blocks[b].Hint is BlockHint.Heading or BlockHint.Paragraph && TextFolding.Key(walk.Blocks[b].Text) == titleKey) return b;
        return int.MaxValue;
    }

    /// <summary>
    /// A short line between two kept sentences of the same flow (same element, or sibling elements) is part of the
    /// text: a run-in subheading written as a plain line, a one-line paragraph.
    /// </summary>
    private static bool IsInsideFlow(HtmlBlockWalker walk, TextBlock block, TextBlock? before, TextBlock? after)
    {
        if (block.Words < 2) return false;
        if (before is not { SentenceLike: true } || after is not { SentenceLike: true }) return false;
        return SameFlow(walk, block, before) || SameFlow(walk, block, after);
    }

    private static bool SameFlow(HtmlBlockWalker walk, TextBlock a, TextBlock b) =>
        a.Owner == b.Owner || walk.Elements[a.Owner].Parent == walk.Elements[b.Owner].Parent;

    private static bool IsTrailingAuthorText(TextBlock block) => block.Context == RegionKind.Meta && !block.Confirmed;

    private static bool IsLooseEnd(TextBlock block, bool atEnd) =>
        !block.SentenceLike && !block.Confirmed && block.Hint switch
        {
            BlockHint.Heading => atEnd,
            BlockHint.ListItem or BlockHint.Quote or BlockHint.Preformatted => false,
            _ => block.Words < 4,
        };

    /// <summary>Why a block of the container is not body text, or null when it is.</summary>
    private static string? Reject(TextBlock block, bool inWidgetForm)
    {
        if (block.Confirmed) return null;
        if (block.Context == RegionKind.Negative) return "boilerplate";
        if (inWidgetForm) return "form";
        // A short title inside a caption region ("3/50 City for sale") names a slide of a gallery: it goes with the
        // captions. A sentence there may be the story's own text set beside a picture.
        if (block.Hint == BlockHint.Caption || (block.Context == RegionKind.Caption && !block.SentenceLike)) return "caption";
        if (block.Teaser) return "teaser";
        // The cells of a data table in the article are kept whole, links (a title column) and labels (a year) included.
        if (block.InDataTable && block.Text.Length <= 300) return null;
        var density = block.LinkDensity;
        if (density > 0.5 || (density > 0.3 && !block.SentenceLike)) return "links";
        if (IsByline(block)) return "byline";
        if (block.Context == RegionKind.Meta && (block.Text.Length < 150 || !block.SentenceLike)) return "byline";
        if (block.Words <= 8 && HtmlCues.OpensWith(block.Text, HtmlCues.FurnitureOpeners)) return "furniture";
        if (block.SentenceLike || IsFormula(block.Text)) return null;
        return block.Hint switch
        {
            BlockHint.Heading or BlockHint.Quote or BlockHint.Preformatted => null,
            BlockHint.ListItem => block.Words >= 1 ? null : "label",
            _ when block.OwnerTag == "p" && block.Words >= 2 => null,
            _ when block.Words >= 4 && HtmlBlockWalker.IsTerminal(block.Text[^1]) => null,
            _ => "label",
        };
    }

    /// <summary>
    /// The body given in the page's &lt;noscript&gt; markup, read as a fragment that is all article, when it holds more
    /// words than the page's own candidate and enough to be one; else null.
    /// </summary>
    private static List<HtmlBlock>? NoscriptBody(string noscript, int domWords)
    {
        if (noscript.Length < MinimumArticleChars) return null;
        try
        {
            var fragment = Run(noscript, fragment: true);
            var words = fragment.Blocks.Sum(b => b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            return words >= Math.Max(MinimumFallbackWords, 2 * domWords) ? fragment.Blocks.ToList() : null;
        }
        catch (ArticleRejectedException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the JSON-LD articleBody is the better body: clearly longer than what the DOM gave and made of the same
    /// article (the DOM text is mostly found in it), or the DOM gave almost nothing. Otherwise the DOM wins: structured
    /// data can be truncated, stale or about another page.
    /// </summary>
    private static bool PreferJsonBody(string domText, string jsonText)
    {
        if (jsonText.Length < 300) return false;
        if (domText.Length < MinimumArticleChars) return true;
        if (jsonText.Length < 1.5 * domText.Length) return false;
        return TokenOverlap.Containment(domText, jsonText) >= 0.6;
    }

    private static List<HtmlBlock> SplitJsonBody(string jsonText)
    {
        var blocks = new List<HtmlBlock>();
        foreach (var line in jsonText.Split('\n'))
        {
            var text = HtmlMetadataReader.Clean(line);
            if (text is not null) blocks.Add(new HtmlBlock(text, BlockHint.Paragraph, 0));
        }
        return blocks;
    }
}
