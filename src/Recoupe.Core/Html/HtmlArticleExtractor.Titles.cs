using System.Text;
using Recoupe.Core.Text;

namespace Recoupe.Core.Html;

/// <summary>The headline the page shows (left out of the body), and the comparison keys used to match texts.</summary>
public static partial class HtmlArticleExtractor
{
    private static string? ChooseTitle(HtmlPageIndex index, HtmlMetadataReader metadata, IReadOnlyList<TextBlock> blocks)
    {
        var declared = new[]
        {
            metadata.Meta("og:title", "twitter:title"), metadata.JsonLdTitle, metadata.PageTitle,
        }.Select(HtmlMetadataReader.Clean).Where(t => t is not null).Select(t => t!).ToList();

        // The longest h1 that a declared title holds: a site's logo is often an h1 too ("V8" in "Outside the web · V8").
        var declaredKeys = declared.Select(d => NormalizeForMatch(d).ToLowerInvariant()).ToList();
        string? headline = null;
        foreach (var h1 in index.H1s)
        {
            var text = HtmlMetadataReader.Clean(h1.TextContent);
            if (text is null || text.Length > 300 || text.Length <= (headline?.Length ?? 0)) continue;
            var key = NormalizeForMatch(text).ToLowerInvariant();
            if (declaredKeys.Any(d => d.Contains(key, StringComparison.Ordinal))) headline = text;
        }
        if (headline is not null) return headline;
        // JSON-LD states the article's own headline; og:title is often the share text, with the site's name added.
        var og = metadata.JsonLdTitle ?? HtmlMetadataReader.Clean(metadata.Meta("og:title", "twitter:title"));
        if (og is not null) return og;
        if (metadata.PageTitle is { } pageTitle)
        {
            var shown = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var block in blocks)
                if (block.Text.Length <= 300) shown.TryAdd(TextFolding.Key(block.Text), block.Text);
            return StripSiteName(pageTitle, metadata.Outlet, shown);
        }
        return HtmlMetadataReader.Clean(index.H1s.FirstOrDefault()?.TextContent);
    }

    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • "];

    /// <summary>
    /// "Title | Site" → "Title": the part the page also shows as a line of its own, else the longest part once parts
    /// naming the outlet are dropped.
    /// </summary>
    private static string StripSiteName(string title, string? outlet, Dictionary<string, string> shownLines)
    {
        foreach (var separator in TitleSeparators)
        {
            if (!title.Contains(separator, StringComparison.Ordinal)) continue;
            var parts = title.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (outlet is not null) parts.RemoveAll(p => p.Equals(outlet, StringComparison.OrdinalIgnoreCase));
            if (parts.Count == 0) return title;
            foreach (var part in parts)
                if (shownLines.TryGetValue(TextFolding.Key(part), out var shown)) return shown;
            return parts.Count == 1 ? parts[0] : parts.MaxBy(p => p.Length)!;
        }
        return title;
    }

    /// <summary>Whitespace (including no-break spaces) collapsed, for comparing texts that came through different channels.</summary>
    internal static string NormalizeForMatch(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F' or '\u2009')
            {
                if (!space) builder.Append(' ');
                space = true;
                continue;
            }
            builder.Append(c switch { '’' => '\'', '“' or '”' => '"', _ => c });
            space = false;
        }
        if (builder.Length > 0 && builder[^1] == ' ') builder.Length--;
        return builder.ToString();
    }
}
