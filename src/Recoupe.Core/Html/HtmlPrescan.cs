using System.Text;

namespace Recoupe.Core.Html;

/// <summary>
/// What the prescan leaves for the parser, and what it took out on the way: JSON-LD scripts, and the markup of
/// &lt;noscript&gt; elements (up to <see cref="HtmlPrescan.MaxNoscriptChars"/>), which some pages use to show their
/// body to readers without scripts.
/// </summary>
internal sealed record PrescanResult(string Html, IReadOnlyList<string> JsonLd, int DroppedTags, string Noscript);

/// <summary>
/// One linear pass over the markup before the real parser sees it. It removes what never holds article text
/// (comments, script, style, noscript, template, iframe, svg…), which is most of a modern page's bytes, keeping the
/// JSON-LD scripts aside; and it caps the nesting depth: the HTML tree builder walks the stack of open elements for
/// many start tags, so 100,000 nested divs would cost billions of steps. Tags opened beyond <see cref="MaxDepth"/>
/// (and their end tags) are dropped, their text kept, as browsers flatten absurdly deep trees.
/// The depth count is an approximation of the tree builder's (it knows the usual implied end tags), erring on the
/// side of counting too few: it only has to stop pathological input, never to change a normal page.
/// </summary>
internal static class HtmlPrescan
{
    public const int MaxDepth = 256;

    /// <summary>Markup of &lt;noscript&gt; elements kept aside, at most: a fallback body, never a second page.</summary>
    public const int MaxNoscriptChars = 1 << 20;

    /// <summary>How far down the open-element stack an end tag looks for its start tag.</summary>
    private const int EndTagSearch = 48;

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "basefont", "bgsound", "frame", "image",
    };

    /// <summary>Elements removed whole, content included (raw text for the parser, or never article text).</summary>
    private static readonly HashSet<string> RemovedWhole = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "iframe", "noembed", "noframes", "xmp", "svg", "math", "object",
    };

    /// <summary>Elements whose content is text to the parser (no tags inside), kept as they are.</summary>
    private static readonly HashSet<string> RawTextKept = new(StringComparer.Ordinal) { "title", "textarea" };

    /// <summary>Elements closed by the next start tag of the same family when nothing but phrasing lies between.</summary>
    private static readonly Dictionary<string, string[]> ClosedBySibling = new(StringComparer.Ordinal)
    {
        ["p"] = ["p"], ["li"] = ["li"], ["dt"] = ["dt", "dd"], ["dd"] = ["dt", "dd"], ["option"] = ["option"],
        ["tr"] = ["tr", "td", "th"], ["td"] = ["td", "th"], ["th"] = ["td", "th"], ["a"] = ["a"], ["nobr"] = ["nobr"],
    };

    private static readonly HashSet<string> Phrasing = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
        "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    };

    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt",
    };

    private readonly record struct Open(string Name, bool Dropped);

    public static PrescanResult Run(string html)
    {
        var output = new StringBuilder(html.Length);
        var jsonLd = new List<string>();
        var noscript = new StringBuilder();
        var stack = new List<Open>(64);
        var keptDepth = 0;
        var dropped = 0;
        var copyFrom = 0;
        var i = 0;
        var n = html.Length;

        void Cut(int start, int end)
        {
            output.Append(html, copyFrom, start - copyFrom);
            copyFrom = end;
        }

        while (i < n)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= n) break;
            var c = html[lt + 1];

            if (c == '!')
            {
                if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
                {
                    var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                    var end = close < 0 ? n : close + 3;
                    Cut(lt, end);
                    i = end;
                }
                else
                {
                    var gt = html.IndexOf('>', lt + 2);
                    i = gt < 0 ? n : gt + 1;
                }
                continue;
            }

            if (c == '/')
            {
                var nameStart = lt + 2;
                var nameEnd = ReadName(html, nameStart);
                if (nameEnd == nameStart) { i = lt + 2; continue; }
                var tagEnd = FindTagEnd(html, nameEnd);
                var name = Intern(html, nameStart, nameEnd);
                var at = FindOpen(stack, name);
                if (at >= 0)
                {
                    var wasDropped = stack[at].Dropped;
                    for (var k = stack.Count - 1; k >= at; k--)
                        if (!stack[k].Dropped) keptDepth--;
                    stack.RemoveRange(at, stack.Count - at);
                    if (wasDropped) Cut(lt, tagEnd);
                }
                i = tagEnd;
                continue;
            }

            if (!char.IsAsciiLetter(c)) { i = lt + 1; continue; }

            {
                var nameStart = lt + 1;
                var nameEnd = ReadName(html, nameStart);
                var tagEnd = FindTagEnd(html, nameEnd);
                var name = Intern(html, nameStart, nameEnd);

                if (RemovedWhole.Contains(name))
                {
                    var contentEnd = FindEndTag(html, tagEnd, name, out var afterEnd);
                    if (name == "script" && IsJsonLd(html, nameEnd, tagEnd))
                        jsonLd.Add(html.Substring(tagEnd, contentEnd - tagEnd));
                    else if (name == "noscript" && contentEnd > tagEnd && noscript.Length + (contentEnd - tagEnd) <= MaxNoscriptChars)
                        noscript.Append(html, tagEnd, contentEnd - tagEnd).Append('\n');
                    Cut(lt, afterEnd);
                    // An unclosed formula runs to the page's end: its "tokens" would be the rest of the page.
                    if (name == "math" && contentEnd < n) AppendMathText(output, html, tagEnd, contentEnd);
                    i = afterEnd;
                    continue;
                }
                if (RawTextKept.Contains(name))
                {
                    FindEndTag(html, tagEnd, name, out var afterEnd);
                    i = afterEnd;
                    continue;
                }
                if (name == "plaintext") break;

                var selfClosing = tagEnd >= 2 && html[tagEnd - 2] == '/';
                if (VoidElements.Contains(name) || selfClosing)
                {
                    if (nameEnd < tagEnd - 1 && HasUnusedAttribute(html, name, nameEnd, tagEnd))
                    {
                        Cut(lt, tagEnd);
                        WriteTag(output, html, name, nameEnd, tagEnd);
                    }
                    i = tagEnd;
                    continue;
                }

                CloseImplied(stack, name, ref keptDepth);
                var drop = keptDepth >= MaxDepth;
                stack.Add(new Open(name, drop));
                if (drop)
                {
                    dropped++;
                    Cut(lt, tagEnd);
                }
                else
                {
                    keptDepth++;
                    if (nameEnd < tagEnd - 1 && HasUnusedAttribute(html, name, nameEnd, tagEnd))
                    {
                        Cut(lt, tagEnd);
                        WriteTag(output, html, name, nameEnd, tagEnd);
                    }
                }
                i = tagEnd;
            }
        }

        if (copyFrom == 0) return new PrescanResult(html, jsonLd, dropped, noscript.ToString());
        output.Append(html, copyFrom, n - copyFrom);
        return new PrescanResult(output.ToString(), jsonLd, dropped, noscript.ToString());
    }

    /// <summary>
    /// Attributes the extractor reads; the others (src, srcset, data-*, on*, link targets…) are a fifth of a page's
    /// markup and are left out of what the parser sees.
    /// </summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UsedAttributes = new HashSet<string>(
        ["class", "id", "itemprop", "role", "hidden", "aria-hidden", "style", "property", "name", "content", "http-equiv",
         "rel", "lang", "xml:lang", "datetime", "charset"],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool Keeps(string tag, string html, Attribute a)
    {
        var name = html.AsSpan(a.NameStart, a.NameEnd - a.NameStart);
        if (UsedAttributes.Contains(name)) return true;
        if (!name.Equals("href", StringComparison.OrdinalIgnoreCase)) return false;
        if (tag == "link") return true;
        // An anchor's target matters only when it leads nowhere ("#", a script): its text is then not a link.
        if (tag != "a" || a.ValueStart < 0) return false;
        var value = html.AsSpan(a.ValueStart, a.ValueEnd - a.ValueStart).Trim();
        return value is "#" || value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);
    }

    private readonly record struct Attribute(int NameStart, int NameEnd, int ValueStart, int ValueEnd);

    /// <summary>Reads the attributes between the tag name and the tag's end, calling <paramref name="visit"/> for each.</summary>
    private static bool ForEachAttribute(string html, int from, int tagEnd, Func<Attribute, bool> visit)
    {
        var i = from;
        var end = html[tagEnd - 1] == '>' ? tagEnd - 1 : tagEnd;
        while (i < end)
        {
            var c = html[i];
            if (char.IsWhiteSpace(c) || c == '/') { i++; continue; }
            var nameStart = i;
            while (i < end && !char.IsWhiteSpace(html[i]) && html[i] is not ('/' or '=') || (i == nameStart && i < end && html[i] == '=')) i++;
            var nameEnd = i;
            while (i < end && char.IsWhiteSpace(html[i])) i++;
            int valueStart = -1, valueEnd = -1;
            if (i < end && html[i] == '=')
            {
                i++;
                while (i < end && char.IsWhiteSpace(html[i])) i++;
                if (i < end && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    valueStart = i + 1;
                    var close = html.IndexOf(quote, valueStart);
                    valueEnd = close < 0 || close > end ? end : close;
                    i = valueEnd + 1;
                }
                else
                {
                    valueStart = i;
                    while (i < end && !char.IsWhiteSpace(html[i])) i++;
                    valueEnd = i;
                }
            }
            if (nameEnd > nameStart && !visit(new Attribute(nameStart, nameEnd, valueStart, valueEnd))) return false;
        }
        return true;
    }

    private static bool HasUnusedAttribute(string html, string tag, int from, int tagEnd) =>
        !ForEachAttribute(html, from, tagEnd, a => Keeps(tag, html, a));

    /// <summary>Writes the tag again with only the attributes the extractor reads.</summary>
    private static void WriteTag(StringBuilder output, string html, string tag, int from, int tagEnd)
    {
        output.Append('<').Append(tag);
        ForEachAttribute(html, from, tagEnd, a =>
        {
            if (!Keeps(tag, html, a)) return true;
            var name = html.AsSpan(a.NameStart, a.NameEnd - a.NameStart);
            output.Append(' ').Append(name);
            if (a.ValueStart < 0) return true;
            var value = html.AsSpan(a.ValueStart, a.ValueEnd - a.ValueStart);
            if (value.Contains('"'))
                output.Append("=\"").Append(value.ToString().Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
            else output.Append("=\"").Append(value).Append('"');
            return true;
        });
        output.Append(tagEnd >= 2 && html[tagEnd - 2] == '/' && html[tagEnd - 1] == '>' ? "/>" : ">");
    }

    private static void CloseImplied(List<Open> stack, string name, ref int keptDepth)
    {
        ClosedBySibling.TryGetValue(name, out var family);
        var closesP = ClosesParagraph.Contains(name);
        if (family is null && !closesP) return;
        for (var k = stack.Count - 1; k >= 0 && k >= stack.Count - EndTagSearch; k--)
        {
            var open = stack[k].Name;
            if ((family is not null && Array.IndexOf(family, open) >= 0) || (closesP && open == "p"))
            {
                for (var j = stack.Count - 1; j >= k; j--)
                    if (!stack[j].Dropped) keptDepth--;
                stack.RemoveRange(k, stack.Count - k);
                return;
            }
            if (!Phrasing.Contains(open) && !(name is "td" or "th" && open == "tr")) return;
        }
    }

    private static int FindOpen(List<Open> stack, string name)
    {
        for (var k = stack.Count - 1; k >= 0 && k >= stack.Count - EndTagSearch; k--)
            if (ReferenceEquals(stack[k].Name, name) || stack[k].Name == name) return k;
        return -1;
    }

    private static int ReadName(string html, int start)
    {
        var i = start;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':' or '_')) i++;
        return i;
    }

    /// <summary>The index just after the tag's closing '>', skipping quoted attribute values; the text's end if none.</summary>
    private static int FindTagEnd(string html, int from)
    {
        var i = from;
        var n = html.Length;
        while (i < n)
        {
            var c = html[i];
            if (c == '>') return i + 1;
            if (c == '=')
            {
                i++;
                while (i < n && char.IsWhiteSpace(html[i])) i++;
                if (i < n && html[i] is '"' or '\'')
                {
                    var close = html.IndexOf(html[i], i + 1);
                    if (close < 0) return n;
                    i = close + 1;
                    continue;
                }
                continue;
            }
            i++;
        }
        return n;
    }

    /// <summary>
    /// A MathML formula is part of its sentence: its token elements' text (x, =, 2…) is written as one inline span,
    /// a space between tokens, leaving out its annotations (the TeX source, which would repeat the formula).
    /// </summary>
    private static void AppendMathText(StringBuilder output, string html, int from, int to)
    {
        output.Append("<span>");
        var i = from;
        while (i < to)
        {
            var lt = html.IndexOf('<', i, to - i);
            var textEnd = lt < 0 ? to : lt;
            if (textEnd > i) output.Append(html, i, textEnd - i);
            if (lt < 0) break;
            output.Append(' ');
            var nameEnd = ReadName(html, lt + 1);
            var tagEnd = Math.Min(to, FindTagEnd(html, nameEnd));
            var name = html.AsSpan(lt + 1, nameEnd - lt - 1);
            if (name.StartsWith("annotation", StringComparison.OrdinalIgnoreCase) && html[tagEnd - 2] != '/')
            {
                FindEndTag(html, tagEnd, name.ToString().ToLowerInvariant(), out var afterEnd);
                i = Math.Min(to, afterEnd);
                continue;
            }
            i = tagEnd;
        }
        output.Append("</span>");
    }

    /// <summary>Finds "&lt;/name" (any case) from <paramref name="from"/>; returns where the content ends and sets where the end tag ends.</summary>
    private static int FindEndTag(string html, int from, string name, out int afterEnd)
    {
        var i = from;
        var nested = 0;
        var nestable = name is "svg" or "math";
        // Each search result stays valid until the scan passes it: no rescanning to the end (quadratic on 100,000
        // unclosed nested svgs).
        int close = -2, open = -2;
        while (true)
        {
            if (close != -1 && close < i) close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
            if (nestable && open != -1 && open < i) open = html.IndexOf("<" + name, i, StringComparison.OrdinalIgnoreCase);
            if (close < 0) { afterEnd = html.Length; return html.Length; }
            if (nestable && open >= 0 && open < close)
            {
                i = open + 1 + name.Length;
                if (IsNameEnd(html, i)) nested++;
                continue;
            }
            i = close + 2 + name.Length;
            if (!IsNameEnd(html, i)) continue;
            if (nested > 0) { nested--; continue; }
            afterEnd = FindTagEnd(html, i);
            return close;
        }
    }

    private static bool IsNameEnd(string html, int at) =>
        at >= html.Length || html[at] is '>' or '/' || char.IsWhiteSpace(html[at]);

    private static bool IsJsonLd(string html, int attrsStart, int tagEnd) =>
        html.AsSpan(attrsStart, tagEnd - attrsStart).Contains("ld+json", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] Common =
    [
        "a", "p", "div", "span", "li", "ul", "ol", "td", "tr", "th", "table", "tbody", "b", "i", "em", "strong", "h1",
        "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav", "aside", "main", "figure",
        "figcaption", "blockquote", "font", "center", "form", "dl", "dt", "dd", "small", "label", "time", "button",
        "option", "select", "img", "br", "meta", "link", "input", "hr", "pre", "code", "script", "style", "noscript",
        "template", "iframe", "svg", "title", "textarea", "html", "head", "body", "picture", "source", "sup", "sub",
        "u", "s", "q", "cite", "abbr", "nobr", "object", "math", "xmp", "noembed", "noframes", "plaintext", "wbr",
    ];

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CommonLookup =
        Common.ToDictionary(s => s, s => s, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The lower-case tag name, without allocating for the usual names.</summary>
    private static string Intern(string html, int start, int end)
    {
        var span = html.AsSpan(start, end - start);
        return CommonLookup.TryGetValue(span, out var known) ? known : span.ToString().ToLowerInvariant();
    }
}
