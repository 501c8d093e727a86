using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Recoupe.Core.Storage;

namespace Recoupe.App.Alerts;

/// <summary>
/// The Atom feed of developing stories (<c>/feeds/stories.atom</c>): one entry per story that raised alerts, its id
/// fixed for the story (<c>urn:recoupe:story:ID</c>) and its <c>updated</c> the time of the story's latest event, so a
/// feed reader shows a story once and again when it changes; the entry's content lists the story's events, newest first.
/// </summary>
public static class StoryAlertFeed
{
    public const string FeedId = "urn:recoupe:stories";
    public const int MaxEntries = 50;

    /// <summary>Events read to build the feed (newest first): enough for <see cref="MaxEntries"/> stories in practice.</summary>
    public const int EventsRead = 1000;

    /// <param name="latest">Events, newest first.</param>
    /// <param name="baseUrl">The server's address, for links (<c>http://host:port</c>).</param>
    public static string Write(IReadOnlyList<AlertEvent> latest, string baseUrl)
    {
        baseUrl = baseUrl.TrimEnd('/');
        var stories = latest.Where(e => e.StoryId is not null)
            .GroupBy(e => e.StoryId!, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(e => e.Seq).ToList())
            .OrderByDescending(g => g[0].Seq)
            .Take(MaxEntries)
            .ToList();
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var xml = XmlWriter.Create(new StringWriterUtf8(builder), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
            xml.WriteElementString("id", FeedId);
            xml.WriteElementString("title", "Recoupe: developing stories");
            xml.WriteElementString("updated", Atom(stories.Count > 0 ? stories.Max(s => s[0].At) : DateTime.UnixEpoch));
            Link(xml, "self", baseUrl + "/feeds/stories.atom", "application/atom+xml");
            Link(xml, "alternate", baseUrl + "/", "text/html");
            xml.WriteStartElement("author");
            xml.WriteElementString("name", "Recoupe");
            xml.WriteEndElement();
            xml.WriteElementString("generator", "Recoupe");
            foreach (var events in stories)
            {
                var newest = events[0];
                xml.WriteStartElement("entry");
                xml.WriteElementString("id", "urn:recoupe:story:" + newest.StoryId);
                xml.WriteElementString("title", string.IsNullOrWhiteSpace(newest.Title) ? newest.StoryId : newest.Title);
                xml.WriteElementString("updated", Atom(newest.At));
                xml.WriteElementString("published", Atom(events[^1].At));
                Link(xml, "alternate", $"{baseUrl}/stories/{Uri.EscapeDataString(newest.StoryId!)}", "text/html");
                foreach (var kind in events.Select(e => e.Kind).Distinct(StringComparer.Ordinal))
                {
                    xml.WriteStartElement("category");
                    xml.WriteAttributeString("term", kind);
                    xml.WriteEndElement();
                }
                xml.WriteElementString("summary", AlertText.Describe(newest));
                xml.WriteStartElement("content");
                xml.WriteAttributeString("type", "text");
                xml.WriteString(string.Join("\n", events.Select(e => $"{Atom(e.At)} {AlertText.Describe(e)}")));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return builder.ToString();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>RFC 3339 in UTC, whole seconds.</summary>
    private static string Atom(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A StringWriter that says UTF-8, so the XML declaration does too.</summary>
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>One line saying what an alert event is, for the command line and the feed.</summary>
public static class AlertText
{
    public static string Describe(AlertEvent e)
    {
        using var detail = JsonDocument.Parse(e.Detail);
        var root = detail.RootElement;
        var what = root.TryGetProperty("what", out var w) ? w : root;
        string Get(string name) => what.TryGetProperty(name, out var v) ? v.ToString() : "";
        var outlets = root.TryGetProperty("story", out var story) && story.ValueKind == JsonValueKind.Object && story.TryGetProperty("outlets", out var o)
            ? string.Join(", ", o.EnumerateArray().Select(x => x.GetString())) : "";
        return e.Kind switch
        {
            AlertKinds.NewStory => $"new story in {Get("outlets")} outlets ({outlets}): {e.Title}",
            AlertKinds.Growing => $"gained {Get("gained")} outlets within {Get("withinHours")} h ({string.Join(", ", what.GetProperty("gainedOutlets").EnumerateArray().Select(x => x.GetString()))}), now {Get("outlets")}: {e.Title}",
            AlertKinds.Conflict => $"figures disagree ({Get("reason")}): {string.Join(" vs ", what.GetProperty("figures").EnumerateArray().Select(f => $"{f.GetProperty("outlet").GetString()} {f.GetProperty("value")}"))}: {e.Title}",
            AlertKinds.Statement => $"{Get("speaker")} ({Get("outlet")}): \"{Get("text")}\": {e.Title}",
            _ => $"{e.Kind}: {e.Title}",
        };
    }
}
