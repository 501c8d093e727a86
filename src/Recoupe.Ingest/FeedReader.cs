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

    /// <summary>What XmlReader may have read ahead of the node it is on, allowed beyond an item's limit.</summary>
    private const int ReadAheadSlack = 64 * 1024;

    public static IEnumerable<ReadItem> Read(string source, Stream stream, ReadLimits limits, System.Text.Encoding? charset = null)
    {
        var meter = new MeteredStream(stream);
        // A transport charset wins over the XML declaration (RFC 7303): the feed is then read as text in that charset.
        using var xml = charset is null
            ? XmlReader.Create(meter, Settings)
            : XmlReader.Create(new StreamReader(meter, charset, detectEncodingFromByteOrderMarks: true), Settings);
        var walker = new FeedWalker(source, xml, meter, limits);
        while (true)
        {
            ReadItem? next;
            try
            {
                next = walker.Next();
            }
            catch (XmlException ex)
            {
                // Malformed XML ends the feed: the failure names the feed, with the line and position.
                next = new ReadFailure(source, Describe(ex, walker));
                walker.Stop();
            }
            catch (FeedTooDeepException ex)
            {
                next = new ReadFailure(walker.Where, $"feed-level element: {ex.Message}");
                walker.Stop();
            }
            catch (InputTooLargeException ex)
            {
                // The reader cannot go on after a stopped read: the rest of the feed is not read.
                next = new ReadFailure(walker.Where, ex.Message + "; the rest of the feed is not read") { OverLimit = true };
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
    private sealed class FeedWalker(string source, XmlReader xml, MeteredStream meter, ReadLimits limits)
    {
        private bool _started;
        private bool _stopped;
        private InputFormat _format;
        private string? _outlet;
        private string? _language;
        private string? _levelOneName;
        private int _items;

        public void Stop() => _stopped = true;

        /// <summary>What a failure now names: the item being read, else the feed.</summary>
        public string Where => _inItem ? ItemSource : source;

        private bool _inItem;
        private string ItemSource => $"{source}#item {_items}";
        private string Limit => ContentChecks.FormatLimit(limits.MaxArticleBytes);

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

            // Whatever lies between items (channel fields, unknown elements, text) is held to the item limit too.
            meter.SetBudget(limits.MaxArticleBytes + ReadAheadSlack,
                $"feed content outside items is over the {Limit} limit (counted while reading)");
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
                    meter.SetBudget(limits.MaxArticleBytes + ReadAheadSlack,
                        $"item is over the {Limit} limit for one article (counted while reading)");
                    _inItem = true;
                    XElement element;
                    try
                    {
                        element = FeedElementReader.Read(xml);
                    }
                    catch (FeedTooDeepException ex)
                    {
                        Remember();
                        _inItem = false;
                        return new ReadFailure(ItemSource, ex.Message);
                    }
                    _inItem = false;
                    meter.ClearBudget();
                    Remember();
                    return ToItem(element, scope, itemLanguage);
                }
                if (IsFeedLevel("title") && _outlet is null)
                {
                    // Read as a node: an Atom title may hold XHTML child elements.
                    var title = FeedElementReader.Read(xml).Value.Trim();
                    _outlet = title.Length > 0 ? title : null;
                    continue;
                }
                if (_format == InputFormat.Rss && IsFeedLevel("language") && _language is null)
                {
                    var language = FeedElementReader.Read(xml).Value.Trim();
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
            var itemSource = ItemSource;
            // The element alone must stay readable XML: declare the prefixes it uses that were declared above it.
            var used = UsedNamespaces(element);
            foreach (var (prefix, ns) in scope)
            {
                if (prefix.Length == 0 || element.Attribute(XNamespace.Xmlns + prefix) is not null) continue;
                if (used.Contains(ns)) element.SetAttributeValue(XNamespace.Xmlns + prefix, ns);
            }
            if (scope.TryGetValue("", out var defaultNs) && defaultNs.Length > 0 && element.Name.NamespaceName == defaultNs
                && element.Attribute("xmlns") is null)
                element.SetAttributeValue("xmlns", defaultNs);

            var raw = element.ToString(SaveOptions.DisableFormatting);
            if (raw.Length > limits.MaxArticleBytes)
                return new ReadFailure(itemSource, $"item is over the {Limit} limit for one article") { OverLimit = true };

            var fields = _format == InputFormat.Rss ? FeedItemFields.FromRss(element) : FeedItemFields.FromAtom(element);
            fields = fields with { Outlet = fields.Outlet ?? _outlet, Language = fields.Language ?? language };
            if (string.IsNullOrEmpty(fields.Title) && string.IsNullOrEmpty(fields.Body))
                return new ReadFailure(itemSource, "no article text: the item has neither a title nor a body");
            return new ReadArticle(new RawArticle { Source = itemSource, Format = _format, Raw = raw, Fields = fields });
        }

        /// <summary>Namespaces of the element's and its descendants' names and attributes, in one walk.</summary>
        private static HashSet<string> UsedNamespaces(XElement element)
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in element.DescendantsAndSelf())
            {
                used.Add(e.Name.NamespaceName);
                foreach (var a in e.Attributes()) used.Add(a.Name.NamespaceName);
            }
            return used;
        }
    }
}
