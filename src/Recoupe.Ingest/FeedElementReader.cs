using System.Xml;
using System.Xml.Linq;

namespace Recoupe.Ingest;

/// <summary>An element nested deeper than the feed depth limit; the item it is in fails alone.</summary>
internal sealed class FeedTooDeepException(int depth) : Exception($"elements nested {depth} deep, over the limit of {FeedElementReader.MaxDepth}")
{
    public int Depth { get; } = depth;
}

/// <summary>
/// Reads the element the reader is on into an <see cref="XElement"/>, as <see cref="XNode.ReadFrom"/> does, but with a
/// nesting limit: each child added to a deep LINQ to XML tree costs a walk up its ancestors, so 100,000 nested
/// elements cost billions of steps (22 s). Past <see cref="MaxDepth"/> levels the element fails and the reader is
/// left after its end tag (read through without building anything), so the next item can still be read.
/// </summary>
internal static class FeedElementReader
{
    /// <summary>Levels of elements inside one item, as for HTML pages (<c>HtmlPrescan.MaxDepth</c>).</summary>
    public const int MaxDepth = 256;

    public static XElement Read(XmlReader xml)
    {
        if (xml.NodeType != XmlNodeType.Element) throw new InvalidOperationException("the reader is not on an element");
        var rootDepth = xml.Depth;
        var root = StartElement(xml);
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return root;
        }
        var current = root;
        xml.Read();
        while (true)
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    var depth = xml.Depth - rootDepth;
                    if (depth > MaxDepth)
                    {
                        SkipToEndOf(xml, rootDepth);
                        throw new FeedTooDeepException(depth);
                    }
                    var child = StartElement(xml);
                    current.Add(child);
                    if (!xml.IsEmptyElement) current = child;
                    break;
                case XmlNodeType.EndElement:
                    if (current == root)
                    {
                        xml.Read();
                        return root;
                    }
                    current = current.Parent!;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    current.Add(xml.Value); // a string, as XNode.ReadFrom adds it: joined to the text before it
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(xml.Value));
                    break;
                case XmlNodeType.Comment:
                    current.Add(new XComment(xml.Value));
                    break;
                case XmlNodeType.ProcessingInstruction:
                    current.Add(new XProcessingInstruction(xml.Name, xml.Value));
                    break;
                case XmlNodeType.None:
                    throw new XmlException("unexpected end of the feed inside an item");
            }
            xml.Read();
        }
    }

    private static XElement StartElement(XmlReader xml)
    {
        var element = new XElement(XNamespace.Get(xml.NamespaceURI).GetName(xml.LocalName));
        if (xml.MoveToFirstAttribute())
        {
            do
            {
                // As XNode.ReadFrom: a namespace declaration "xmlns" keeps no namespace; others keep theirs.
                var ns = xml.Prefix.Length == 0 ? XNamespace.None : XNamespace.Get(xml.NamespaceURI);
                element.Add(new XAttribute(ns.GetName(xml.LocalName), xml.Value));
            }
            while (xml.MoveToNextAttribute());
            xml.MoveToElement();
        }
        return element;
    }

    /// <summary>Reads through the rest of the element opened at <paramref name="rootDepth"/>, keeping nothing.</summary>
    private static void SkipToEndOf(XmlReader xml, int rootDepth)
    {
        while (xml.Read())
            if (xml.Depth == rootDepth && xml.NodeType == XmlNodeType.EndElement)
            {
                xml.Read();
                return;
            }
    }
}
