using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Recoupe.Core.Model;

namespace Recoupe.Ingest;

/// <summary>
/// RSS (2.0 and 1.0/RDF) and Atom feeds, streamed with <see cref="XmlReader"/>: one article per item or entry.
/// DTDs are refused and no external resource is ever resolved. A malformed feed gives the items read before the
/// error, then one failure naming the file and the line and position.
/// </summary>
internal static partial class FeedReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024 * 1024,
    };

    public static IEnumerable<ReadItem> Read(string source, Stream stream, ReadLimits limits)
    {
        using var xml = XmlReader.Create(stream, Settings);
        var walker = new FeedWalker(source, xml, limits);
        while (true)
        {
            ReadItem? next;
            try
            {
                next = walker.Next();
            }
            catch (XmlException ex)
            {
                next = new ReadFailure(source, Describe(ex, walker));
                walker.Stop();
            }
            if (next is null) yield break;
            yield return next;
        }
    }

    private static string Describe(XmlException ex, FeedWalker walker)
    {
        var message = ex.Message.Contains("DTD is prohibited", StringComparison.Ordinal)
            ? "the feed declares a DTD, which is refused for safety (no entity is expanded, no external resource fetched)"
            : WithoutPosition(ex.Message);
        // Some errors (a refused DTD) carry no position and leave the reader without one: name the last good node.
        return ex.LineNumber > 0
            ? $"malformed feed at line {ex.LineNumber}, position {ex.LinePosition}: {message}"
            : $"malformed feed after line {walker.LastLine}, position {walker.LastPosition}: {message}";
    }

    /// <summary>XmlException messages end with " Line N, position M." which the failure already states.</summary>
    private static string WithoutPosition(string message) => TrailingPosition().Replace(message, "").TrimEnd();

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();

    /// <summary>Walks the feed one item at a time, remembering the channel's title and language on the way.</summary>
    private sealed class FeedWalker(string source, XmlReader xml, ReadLimits limits)
    {
        private bool _started;
        private bool _stopped;
        private InputFormat _format;
        private string? _outlet;
        private string? _language;
        private string? _levelOneName;
        private int _items;

        public void Stop() => _stopped = true;

        /// <summary>Where the last node read successfully started, for errors that carry no position.</summary>
        public int LastLine { get; private set; }
        public int LastPosition { get; private set; }

        private void Advance()
        {
            xml.Read();
            Remember();
        }

        private void Remember()
        {
            if (xml is IXmlLineInfo info && info.HasLineInfo() && info.LineNumber > 0)
                (LastLine, LastPosition) = (info.LineNumber, info.LinePosition);
        }

        /// <summary>The next article or failure, or null at the end of the feed.</summary>
        public ReadItem? Next()
        {
            if (_stopped) return null;
            if (!_started)
            {
                _started = true;
                // Step node by node (not MoveToContent) so a refused DTD can be placed after the last good node.
                while (xml.NodeType != XmlNodeType.Element && !xml.EOF) Advance();
                if (xml.NodeType != XmlNodeType.Element)
                    return StopWith(new ReadFailure(source, "not an RSS or Atom feed: no root element"));
                var root = xml.LocalName;
                if (root == "rss" || (root == "RDF" && xml.NamespaceURI == FeedNames.Rdf)) _format = InputFormat.Rss;
                else if (root == "feed" && xml.NamespaceURI == FeedNames.Atom) _format = InputFormat.Atom;
                else if (root == "feed")
                    return StopWith(new ReadFailure(source, $"not an Atom 1.0 feed: the feed element's namespace is '{xml.NamespaceURI}', not '{FeedNames.Atom}'"));
                else return StopWith(new ReadFailure(source, $"not an RSS or Atom feed: the root element is <{xml.Name}>"));
                _language = xml.XmlLang is { Length: > 0 } lang ? lang : null;
                Advance();
            }

            while (!xml.EOF)
            {
                if (xml.NodeType != XmlNodeType.Element)
                {
                    Advance();
                    continue;
                }
                if (xml.Depth == 1) _levelOneName = xml.LocalName;
                var isItem = _format == InputFormat.Rss
                    ? xml.LocalName == "item" && FeedNames.IsRssCore(xml.NamespaceURI)
                    : xml.LocalName == "entry" && xml.NamespaceURI == FeedNames.Atom;
                if (isItem)
                {
                    _items++;
                    var itemLanguage = xml.XmlLang is { Length: > 0 } lang ? lang : _language;
                    var scope = ((IXmlNamespaceResolver)xml).GetNamespacesInScope(XmlNamespaceScope.ExcludeXml);
                    var element = (XElement)XNode.ReadFrom(xml);
                    Remember();
                    return ToItem(element, scope, itemLanguage);
                }
                if (IsFeedLevel("title") && _outlet is null)
                {
                    // Read as a node: an Atom title may hold XHTML child elements.
                    var title = ((XElement)XNode.ReadFrom(xml)).Value.Trim();
                    _outlet = title.Length > 0 ? title : null;
                    continue;
                }
                if (_format == InputFormat.Rss && IsFeedLevel("language") && _language is null)
                {
                    var language = ((XElement)XNode.ReadFrom(xml)).Value.Trim();
                    _language = language.Length > 0 ? language : null;
                    continue;
                }
                Advance();
            }
            return null;
        }

        /// <summary>A child of the RSS channel or of the Atom feed element itself.</summary>
        private bool IsFeedLevel(string localName)
        {
            if (xml.LocalName != localName) return false;
            return _format == InputFormat.Atom
                ? xml.Depth == 1 && xml.NamespaceURI == FeedNames.Atom
                : xml.Depth == 2 && _levelOneName == "channel"
                  && (FeedNames.IsRssCore(xml.NamespaceURI) || (localName == "language" && xml.NamespaceURI == FeedNames.Dc));
        }

        private ReadItem StopWith(ReadFailure failure)
        {
            _stopped = true;
            return failure;
        }

        private ReadItem ToItem(XElement element, IDictionary<string, string> scope, string? language)
        {
            var itemSource = $"{source}#item {_items}";
            // The element alone must stay readable XML: declare the prefixes it uses that were declared above it.
            foreach (var (prefix, ns) in scope)
            {
                if (prefix.Length == 0 || element.Attribute(XNamespace.Xmlns + prefix) is not null) continue;
                XNamespace name = ns;
                if (element.DescendantsAndSelf().Any(e => e.Name.Namespace == name || e.Attributes().Any(a => a.Name.Namespace == name)))
                    element.SetAttributeValue(XNamespace.Xmlns + prefix, ns);
            }
            if (scope.TryGetValue("", out var defaultNs) && defaultNs.Length > 0 && element.Name.NamespaceName == defaultNs
                && element.Attribute("xmlns") is null)
                element.SetAttributeValue("xmlns", defaultNs);

            var raw = element.ToString(SaveOptions.DisableFormatting);
            if (raw.Length > limits.MaxArticleBytes)
                return new ReadFailure(itemSource,
                    $"item is over the {ContentChecks.FormatLimit(limits.MaxArticleBytes)} limit for one article");

            var fields = _format == InputFormat.Rss ? FeedItemFields.FromRss(element) : FeedItemFields.FromAtom(element);
            fields = fields with { Outlet = fields.Outlet ?? _outlet, Language = fields.Language ?? language };
            if (string.IsNullOrEmpty(fields.Title) && string.IsNullOrEmpty(fields.Body))
                return new ReadFailure(itemSource, "no article text: the item has neither a title nor a body");
            return new ReadArticle(new RawArticle { Source = itemSource, Format = _format, Raw = raw, Fields = fields });
        }
    }
}
