using System.Text;
using AngleSharp.Dom;
using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>An element met by the walk, with the region kind it has and the blocks under it.</summary>
internal sealed class WalkedElement
{
    public required IElement Element { get; init; }
    public required int Parent { get; init; }
    public required string Tag { get; init; }
    public RegionKind Own { get; set; }
    /// <summary>The element is negative by weak class or id cues only ("read-more", "more-features"): its text decides.</summary>
    public bool WeakNegative { get; set; }
    public RegionKind Context { get; set; }
    public bool IsBlockLevel { get; init; }
    /// <summary>An &lt;a&gt; that leads somewhere: not a bare anchor, a "#" or a javascript: handler.</summary>
    public bool IsLink { get; init; }
    /// <summary>Blocks under this element: indices [FirstBlock, EndBlock).</summary>
    public int FirstBlock { get; set; }
    public int EndBlock { get; set; }
    /// <summary>Sum of the values of the blocks under this element.</summary>
    public double Sum { get; set; }
    /// <summary>Sum of the positive block values under this element (the good text it holds, junk not subtracted).</summary>
    public double Gain { get; set; }
    /// <summary>Characters of text under this element, and how many of them are inside links.</summary>
    public int TextChars { get; set; }
    public int LinkChars { get; set; }
}

/// <summary>A run of text between two block boundaries, with the signals the scoring reads.</summary>
internal sealed class TextBlock
{
    public required string Text { get; init; }
    public required int LinkChars { get; init; }
    public required int Owner { get; init; }
    public required string OwnerTag { get; init; }
    public required BlockHint Hint { get; set; }
    public required RegionKind Context { get; set; }
    public int Words { get; set; }
    public bool SentenceLike { get; set; }
    public double Value { get; set; }
    /// <summary>The page's JSON-LD articleBody contains this block's text.</summary>
    public bool Confirmed { get; set; }
    /// <summary>The block describes a link next to it, as in a card of related articles (a headline link, then a sentence).</summary>
    public bool Teaser { get; set; }
    /// <summary>The block is a cell of a data table (one with header cells or a caption): rows stay whole.</summary>
    public bool InDataTable { get; init; }
    /// <summary>The innermost form around the block (a search box, a comment form, or a whole-page wrapper), or -1.</summary>
    public int Form { get; init; } = -1;
    public double LinkDensity => Text.Length == 0 ? 0 : Math.Min(1.0, (double)LinkChars / Text.Length);
}

/// <summary>
/// Walks the body of a parsed page without recursion (parent and sibling pointers only) and cuts its visible text
/// into blocks: a block ends wherever a block-level element opens or closes, and at a double line break.
/// Subtrees that never show article text (forms controls, media, hidden elements) are skipped.
/// </summary>
internal sealed class HtmlBlockWalker
{
    private static readonly HashSet<string> BlockLevel = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
        "tfoot", "td", "th", "tr", "ul", "caption", "legend", "html", "frameset", "listing",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "head", "script", "style", "noscript", "template", "iframe", "svg", "math", "object", "embed", "canvas",
        "video", "audio", "map", "button", "select", "option", "input", "textarea", "img", "picture", "source",
        "amp-ad", "amp-analytics", "amp-sidebar", "amp-embed", "amp-iframe", "amp-social-share", "amp-consent",
        "amp-geo", "amp-pixel", "amp-auto-ads", "amp-sticky-ad", "amp-video", "amp-youtube", "amp-twitter",
    };

    private readonly HashSet<IElement> _markerAncestors;
    private readonly List<WalkedElement> _elements = [];
    private readonly List<TextBlock> _blocks = [];
    private readonly List<int> _open = [];
    private readonly List<int> _blockOwners = [];
    private readonly StringBuilder _buffer = new();
    private int _bufferLinkChars;
    private int _bufferOwner = -1;
    private int _pendingBreaks;
    /// <summary>An inline element opened or closed since the last text: "Martin&lt;/a&gt;&lt;span&gt;Publié" are two items.</summary>
    private bool _elementEdge;
    private int _linkDepth, _quoteDepth, _figureDepth, _preDepth, _listDepth;
    /// <summary>Open tables, each true when it is a data table (see <see cref="IsDataTable"/>).</summary>
    private readonly List<bool> _tables = [];
    private readonly List<int> _forms = [];

    private HtmlBlockWalker(HashSet<IElement> markerAncestors) => _markerAncestors = markerAncestors;

    public IReadOnlyList<WalkedElement> Elements => _elements;
    public IReadOnlyList<TextBlock> Blocks => _blocks;

    /// <summary>Walks <paramref name="root"/>; elements in <paramref name="markerAncestors"/> hold the article and are never negative.</summary>
    public static HtmlBlockWalker Walk(IElement root, HashSet<IElement> markerAncestors)
    {
        var walker = new HtmlBlockWalker(markerAncestors);
        walker.Run(root);
        return walker;
    }

    private void Run(IElement root)
    {
        if (!Enter(root)) return;
        // An explicit stack of (children, next index): no recursion, and children are reached by index because a
        // node's NextSibling searches its parent's child list, which is quadratic on wide pages (50,000 list items).
        var stack = new Stack<(INodeList Children, int Next)>();
        stack.Push((root.ChildNodes, 0));
        while (stack.Count > 0)
        {
            var (children, next) = stack.Pop();
            if (next >= children.Length)
            {
                Exit();
                continue;
            }
            stack.Push((children, next + 1));
            var node = children[next];
            if (node is IText text) AppendText(text.Data);
            else if (node is IElement element && Enter(element))
                stack.Push((element.ChildNodes, 0));
        }
    }

    /// <summary>The region an element is in, from what it says itself and the region its parent is in.</summary>
    internal static RegionKind ContextOf(RegionKind own, RegionKind parentContext) => own switch
    {
        RegionKind.ArticleBody => RegionKind.ArticleBody,
        _ when parentContext == RegionKind.Negative => RegionKind.Negative,
        RegionKind.Positive when parentContext == RegionKind.ArticleBody => RegionKind.ArticleBody,
        RegionKind.Neutral => parentContext,
        _ => own,
    };

    private bool Enter(IElement element)
    {
        var tag = element.LocalName;
        if (tag == "br")
        {
            _pendingBreaks++;
            return false;
        }
        if (tag == "hr")
        {
            Flush();
            return false;
        }
        // Hidden subtrees are skipped, except one holding the headline or the marked article body: pages hide their
        // whole content behind a consent dialog (aria-hidden) or until a script reveals it (display:none).
        if (Skipped.Contains(tag) || (IsHidden(element) && !_markerAncestors.Contains(element))) return false;

        var parent = _open.Count > 0 ? _open[^1] : -1;
        var parentContext = parent >= 0 ? _elements[parent].Context : RegionKind.Neutral;
        var (own, weak) = OwnKind(element, tag);
        if (own is RegionKind.Negative or RegionKind.Meta or RegionKind.Caption && _markerAncestors.Contains(element)) own = RegionKind.Neutral;
        var context = ContextOf(own, parentContext);

        var blockLevel = BlockLevel.Contains(tag);
        if (blockLevel) Flush();
        else _elementEdge = true;
        var index = _elements.Count;
        _elements.Add(new WalkedElement
        {
            Element = element, Parent = parent, Tag = tag, Own = own, WeakNegative = weak && own == RegionKind.Negative,
            Context = context, IsBlockLevel = blockLevel,
            IsLink = tag == "a" && LeadsSomewhere(element),
            FirstBlock = _blocks.Count,
        });
        _open.Add(index);
        if (blockLevel) _blockOwners.Add(index);
        switch (tag)
        {
            case "a" when _elements[index].IsLink: _linkDepth++; break;
            case "blockquote": _quoteDepth++; break;
            case "figure" or "figcaption": _figureDepth++; break;
            case "pre" or "listing": _preDepth++; break;
            case "li" or "dd" or "dt": _listDepth++; break;
            case "form": _forms.Add(index); break;
            case "table": _tables.Add(IsDataTable(element)); break;
        }
        return true;
    }

    private void Exit()
    {
        var index = _open[^1];
        var info = _elements[index];
        if (info.IsBlockLevel)
        {
            Flush();
            _blockOwners.RemoveAt(_blockOwners.Count - 1);
        }
        else _elementEdge = true;
        info.EndBlock = _blocks.Count;
        _open.RemoveAt(_open.Count - 1);
        switch (info.Tag)
        {
            case "a" when info.IsLink: _linkDepth--; break;
            case "blockquote": _quoteDepth--; break;
            case "figure" or "figcaption": _figureDepth--; break;
            case "pre" or "listing": _preDepth--; break;
            case "li" or "dd" or "dt": _listDepth--; break;
            case "form": _forms.RemoveAt(_forms.Count - 1); break;
            case "table": _tables.RemoveAt(_tables.Count - 1); break;
        }
    }

    private void AppendText(string data)
    {
        var start = 0;
        while (start < data.Length && IsCollapsible(data[start])) start++;
        if (start == data.Length)
        {
            if (data.Length > 0 && _buffer.Length > 0 && _buffer[^1] != ' ' && _pendingBreaks == 0) _buffer.Append(' ');
            return;
        }

        if (_pendingBreaks > 0 && _buffer.Length > 0)
        {
            var last = LastNonSpace();
            if (_pendingBreaks >= 2 || IsTerminal(last)) Flush();
            else if (_buffer[^1] != ' ') _buffer.Append(' ');
        }
        _pendingBreaks = 0;
        if (_bufferOwner < 0) _bufferOwner = _blockOwners.Count > 0 ? _blockOwners[^1] : (_open.Count > 0 ? _open[^1] : 0);
        if (start > 0 && _buffer.Length > 0 && _buffer[^1] != ' ') _buffer.Append(' ');
        // Two inline elements side by side, the first ending in a small letter and the next opening with a capital,
        // are separate items laid out apart by the style sheet ("Paul Martin" then "Publié le …"): keep a space.
        if (_elementEdge && start == 0 && _buffer.Length > 0 && char.IsLower(_buffer[^1]) && char.IsUpper(data[0]))
            _buffer.Append(' ');
        _elementEdge = false;

        var preserve = _preDepth > 0;
        var counted = 0;
        var lastSpace = _buffer.Length == 0 || _buffer[^1] == ' ';
        for (var i = start; i < data.Length; i++)
        {
            var c = data[i];
            if (IsCollapsible(c) && !(preserve && c == '\n'))
            {
                if (!lastSpace) _buffer.Append(' ');
                lastSpace = true;
                continue;
            }
            _buffer.Append(c);
            lastSpace = c == '\n';
            counted++;
        }
        if (_linkDepth > 0) _bufferLinkChars += counted;
    }

    private char LastNonSpace()
    {
        for (var i = _buffer.Length - 1; i >= 0; i--)
            if (_buffer[i] != ' ') return _buffer[i];
        return ' ';
    }

    private void Flush()
    {
        _pendingBreaks = 0;
        if (_buffer.Length == 0)
        {
            _bufferOwner = -1;
            return;
        }
        var text = _buffer.ToString().Trim();
        _buffer.Clear();
        var owner = _bufferOwner < 0 ? 0 : _bufferOwner;
        _bufferOwner = -1;
        var linkChars = _bufferLinkChars;
        _bufferLinkChars = 0;
        if (text.Length == 0) return;

        var ownerInfo = _elements[owner];
        var tag = ownerInfo.Tag;
        var hint = tag switch
        {
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockHint.Heading,
            "figcaption" or "caption" => BlockHint.Caption,
            _ when _figureDepth > 0 || ownerInfo.Context == RegionKind.Caption => BlockHint.Caption,
            _ when _preDepth > 0 => BlockHint.Preformatted,
            _ when _quoteDepth > 0 => BlockHint.Quote,
            "li" or "dd" or "dt" => BlockHint.ListItem,
            "p" when _listDepth > 0 => BlockHint.ListItem,
            _ => BlockHint.Paragraph,
        };
        _blocks.Add(new TextBlock
        {
            Text = text, LinkChars = Math.Min(linkChars, text.Length), Owner = owner, OwnerTag = tag, Hint = hint,
            Context = ownerInfo.Context, Form = _forms.Count > 0 ? _forms[^1] : -1,
            InDataTable = _tables.Count > 0 && _tables[^1],
        });
    }

    /// <summary>
    /// Text inside an anchor whose target is "#" or a script reads as text: pages wrap whole paragraphs in such anchors
    /// to make them clickable, and they lead to no other page. (An anchor without href stays a link: menus driven by
    /// scripts are often made of them; the prescan keeps an anchor's href only when it leads nowhere.)
    /// </summary>
    private static bool LeadsSomewhere(IElement anchor)
    {
        var href = anchor.GetAttribute("href")?.Trim();
        if (href is null) return true;
        return href != "#" && !href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Element children looked at to tell a data table: a constant, so that wide or nested tables stay linear.</summary>
    private const int TableProbe = 8;

    /// <summary>
    /// A table of data rather than of layout: it has a caption or a header row (th cells in its first rows), as
    /// articles' tables do, or its first rows are a grid of small cells (the same number of cells, 2 to 8, none holding
    /// more than a few elements: a header written as bold td cells). Layout tables, which old sites wrap whole pages in,
    /// have neither: their cells hold the page's blocks.
    /// </summary>
    private static bool IsDataTable(IElement table)
    {
        var probed = 0;
        var rows = new List<IElement>(GridRows);
        for (var child = table.FirstElementChild; child is not null && probed++ < TableProbe; child = child.NextElementSibling)
        {
            switch (child.LocalName)
            {
                case "caption" or "thead": return true;
                case "tr" when HasHeaderCell(child): return true;
                case "tr":
                    if (rows.Count < GridRows) rows.Add(child);
                    break;
                case "tbody":
                    var seen = 0;
                    for (var row = child.FirstElementChild; row is not null && seen++ < TableProbe; row = row.NextElementSibling)
                    {
                        if (seen <= 2 && HasHeaderCell(row)) return true;
                        if (row.LocalName == "tr" && rows.Count < GridRows) rows.Add(row);
                    }
                    break;
            }
        }
        return rows.Count == GridRows && IsGrid(rows);
    }

    /// <summary>Rows looked at to tell a grid of data.</summary>
    private const int GridRows = 3;

    /// <summary>Elements a data cell may hold (a link, a styled span or two); layout cells hold far more.</summary>
    private const int SmallCellElements = 12;

    private static bool IsGrid(List<IElement> rows)
    {
        var width = -1;
        foreach (var row in rows)
        {
            var cells = 0;
            for (var cell = row.FirstElementChild; cell is not null; cell = cell.NextElementSibling)
            {
                if (cell.LocalName != "td" || ++cells > TableProbe || !IsSmallCell(cell)) return false;
            }
            if (cells < 2 || (width >= 0 && cells != width)) return false;
            width = cells;
        }
        return true;
    }

    /// <summary>At most <see cref="SmallCellElements"/> elements and no table inside: looked at within that budget only.</summary>
    private static bool IsSmallCell(IElement cell)
    {
        var count = 0;
        var stack = new Stack<IElement>();
        stack.Push(cell);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            for (var child = element.FirstElementChild; child is not null; child = child.NextElementSibling)
            {
                if (++count > SmallCellElements || child.LocalName == "table") return false;
                stack.Push(child);
            }
        }
        return true;
    }

    private static bool HasHeaderCell(IElement row)
    {
        var probed = 0;
        for (var cell = row.FirstElementChild; cell is not null && probed++ < TableProbe; cell = cell.NextElementSibling)
            if (cell.LocalName == "th") return true;
        return false;
    }

    private static bool IsCollapsible(char c) => c is ' ' or '\n' or '\r' or '\t' or '\f';

    internal static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or ':' or ';' or '"' or '»' or '”' or ')'
        or '。' or '！' or '？' or '」' or '』' or '）' or '؟' or '۔' or '।';

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden")) return true;
        if (element.GetAttribute("aria-hidden") is "true") return true;
        var style = element.GetAttribute("style");
        if (style is null || style.Length < 10) return false;
        var compact = style.Replace(" ", "", StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The region an element names by its tag, itemprop, role, class and id; weak: negative by weak class cues only.</summary>
    private static (RegionKind Kind, bool Weak) OwnKind(IElement element, string tag)
    {
        var kind = tag switch
        {
            "nav" or "aside" or "footer" or "menu" or "dialog" => RegionKind.Negative,
            "header" or "address" or "time" => RegionKind.Meta,
            "article" or "main" => RegionKind.Positive,
            _ => RegionKind.Neutral,
        };
        var itemprop = element.GetAttribute("itemprop");
        if (itemprop is not null)
        {
            if (itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase)) return (RegionKind.ArticleBody, false);
            if (itemprop.Contains("comment", StringComparison.OrdinalIgnoreCase)) return (RegionKind.Negative, false);
            if (itemprop is "author" or "datePublished" or "dateModified") kind = HtmlCues.Stronger(kind, RegionKind.Meta);
            // The text of a schema.org image or video (its name, its caption) describes the picture, not the story.
            if (itemprop is "caption" or "image" or "video" or "associatedMedia") kind = HtmlCues.Stronger(kind, RegionKind.Caption);
        }
        var role = element.GetAttribute("role");
        if (role is not null)
        {
            kind = role switch
            {
                "navigation" or "banner" or "contentinfo" or "complementary" or "search" or "menu" or "menubar"
                    or "dialog" or "alertdialog" or "toolbar" => HtmlCues.Stronger(kind, RegionKind.Negative),
                "main" or "article" => HtmlCues.Stronger(kind, RegionKind.Positive),
                _ => kind,
            };
        }
        // A negative kind is weak when no tag, role or strong cue says it, only weak class or id cues.
        var strongNegative = kind == RegionKind.Negative;
        var cls = element.GetAttribute("class");
        var id = element.Id;
        foreach (var value in (ReadOnlySpan<string?>)[cls, id])
        {
            if (value is null) continue;
            var cue = HtmlCues.ClassKind(value);
            kind = HtmlCues.Stronger(kind, cue.Kind);
            strongNegative |= cue.Kind == RegionKind.Negative && !cue.Weak;
        }
        return (kind, kind == RegionKind.Negative && !strongNegative);
    }
}
