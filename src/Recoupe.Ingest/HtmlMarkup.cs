using System.Text.RegularExpressions;

namespace Recoupe.Ingest;

/// <summary>Tells a body written in HTML from plain text that merely contains a '&lt;'.</summary>
internal static partial class HtmlMarkup
{
    /// <summary>An opening or closing tag of a common content element (p, br, div, a, em, lists, headings…).</summary>
    [GeneratedRegex(@"</?(?:p|br|div|span|a|em|strong|b|i|u|h[1-6]|ul|ol|li|blockquote|q|figure|figcaption|img|table|tr|td|section|article|header|footer|iframe|script|style|hr)(?:\s[^<>]*)?/?>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContentTag();

    public static bool LooksLikeMarkup(string text) => text.Contains('<') && ContentTag().IsMatch(text);
}
