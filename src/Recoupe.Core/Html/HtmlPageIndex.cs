using AngleSharp.Dom;

namespace Recoupe.Core.Html;

/// <summary>
/// The elements metadata and scoring look up (meta tags, canonical link, title, h1s, microdata, time elements),
/// gathered in one iterative pass over the document instead of one selector query each.
/// </summary>
internal sealed class HtmlPageIndex
{
    public List<IElement> Metas { get; } = [];
    public List<IElement> H1s { get; } = [];
    public List<IElement> ArticleBodies { get; } = [];
    public List<IElement> Authors { get; } = [];
    /// <summary>Elements whose class or id names them a byline ("byline", "author", "writtenby"), short enough to be one.</summary>
    public List<IElement> Bylines { get; } = [];
    public List<IElement> Times { get; } = [];
    public IElement? Title { get; private set; }
    public IElement? Canonical { get; private set; }
    public IElement? DatePublished { get; private set; }

    public static HtmlPageIndex Build(IElement root)
    {
        var index = new HtmlPageIndex();
        index.Visit(root);
        // Children by index from an explicit stack: no recursion, and no NextSibling (a search of the parent's list).
        var stack = new Stack<(INodeList Children, int Next)>();
        stack.Push((root.ChildNodes, 0));
        while (stack.Count > 0)
        {
            var (children, next) = stack.Pop();
            if (next >= children.Length) continue;
            stack.Push((children, next + 1));
            if (children[next] is IElement element)
            {
                index.Visit(element);
                if (element.HasChildNodes) stack.Push((element.ChildNodes, 0));
            }
        }
        return index;
    }

    private static readonly string[] BylineNames = ["byline", "writtenby", "author"];
    /// <summary>Author boxes and pictures name the author too, but hold a biography or an image, not a byline.</summary>
    private static readonly string[] NotBylineNames = ["bio", "avatar", "photo", "image", "img", "pic", "about", "box", "card"];

    /// <summary>One class token names a byline and not an author box: "byline vcard" is a byline, "author-card" is not.</summary>
    internal static bool NamesByline(string? value) =>
        value is not null && value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(token =>
            BylineNames.Any(n => token.Contains(n, StringComparison.OrdinalIgnoreCase)) &&
            !NotBylineNames.Any(n => token.Contains(n, StringComparison.OrdinalIgnoreCase)));

    private static bool HasToken(string? list, string token) =>
        list is not null && list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(token, StringComparer.OrdinalIgnoreCase);

    private void Visit(IElement element)
    {
        switch (element.LocalName)
        {
            case "meta": Metas.Add(element); break;
            case "title": Title ??= element; break;
            case "h1": if (H1s.Count < 8) H1s.Add(element); break;
            case "time": if (element.HasAttribute("datetime") && Times.Count < 32) Times.Add(element); break;
            case "link":
                if (Canonical is null && element.GetAttribute("rel") is { } rel && rel.Contains("canonical", StringComparison.OrdinalIgnoreCase))
                    Canonical = element;
                break;
        }
        // itemprop and rel are lists of tokens: itemprop="author creator", rel="author external".
        var itemprop = element.GetAttribute("itemprop");
        if (itemprop is not null && itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase))
        {
            if (ArticleBodies.Count < 8) ArticleBodies.Add(element);
        }
        else if (HasToken(itemprop, "datePublished")) DatePublished ??= element;
        else if (HasToken(itemprop, "author") || HasToken(element.GetAttribute("rel"), "author"))
        {
            if (Authors.Count < 10) Authors.Add(element);
        }
        else if (Bylines.Count < 4 && (NamesByline(element.GetAttribute("class")) || NamesByline(element.Id)) &&
                 element.TextContent.Trim().Length is > 2 and < 100)
            Bylines.Add(element);
    }
}
