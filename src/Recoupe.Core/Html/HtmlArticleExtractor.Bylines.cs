using Recoupe.Core.Model;

namespace Recoupe.Core.Html;

/// <summary>Byline lines: how they are recognised, and the author names read from them when the page declares none.</summary>
public static partial class HtmlArticleExtractor
{
    private static readonly Lazy<System.Text.RegularExpressions.Regex> BylineName = new(() =>
    {
        // "par Jeanne Dupont", "By Tom Reid and Priya Nair": the short byline openers of every language, then names.
        var openers = HtmlCues.BylineOpeners.Where(o => o.Length <= 3).Select(System.Text.RegularExpressions.Regex.Escape);
        // Name particles and the words joining two names come from every language's data (name-particles.txt, html-text-cues.txt).
        var particles = string.Join("|", HtmlCues.NameParticles.Select(System.Text.RegularExpressions.Regex.Escape));
        var conjunctions = string.Join("|", HtmlCues.BylineConjunctions.Select(System.Text.RegularExpressions.Regex.Escape).Append("&"));
        // Case-sensitive inside the name (the openers are not): with IgnoreCase, \p{Lu} would take "and" for a name.
        var name = $@"(?-i:\p{{Lu}}[\p{{L}}'’.\-]+(?:\s+(?:(?:{particles})\s+)?\p{{Lu}}[\p{{L}}'’.\-]+){{0,3}})";
        return new System.Text.RegularExpressions.Regex(
            $@"(?:^|\s)(?:{string.Join("|", openers)})\s+(?<name>{name})(?:\s+(?:{conjunctions})\s+(?<name>{name}))?",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    });

    /// <summary>"Paul Martin Publié" → "Paul Martin": a name ends where a byline word ("publié", "updated") starts.</summary>
    private static string CutAtOpener(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.TakeWhile(w => !HtmlCues.BylineOpeners.Any(o => o.Length > 3 &&
            o.Split(' ')[0].Equals(w, StringComparison.OrdinalIgnoreCase)));
        return string.Join(' ', kept);
    }

    /// <summary>Byline lines set aside inside the container, and those just before it (an article header above the body).</summary>
    private static List<string> BylinesNear(HtmlBlockWalker walk, int container, List<RemovedBlock> dropped)
    {
        var lines = dropped.Where(d => d.Reason == "byline").Select(d => d.Text).ToList();
        if (container < 0) return lines;
        var first = walk.Elements[container].FirstBlock;
        for (var b = Math.Max(0, first - 12); b < first; b++)
        {
            var block = walk.Blocks[b];
            if (block.Context != RegionKind.Negative && block.Text.Length <= 160 && (block.Context == RegionKind.Meta || IsByline(block)))
                lines.Add(block.Text);
        }
        return lines;
    }

    /// <summary>
    /// Names after "par"/"by" in byline lines, when the page declares no author; <paramref name="byline"/> is the first
    /// line that named someone, whole.
    /// </summary>
    private static List<string> AuthorsFromBylines(List<string> bylines, out string? byline)
    {
        byline = null;
        var names = new List<string>();
        foreach (var line in bylines)
        {
            var before = names.Count;
            foreach (System.Text.RegularExpressions.Match match in BylineName.Value.Matches(line))
                foreach (System.Text.RegularExpressions.Capture capture in match.Groups["name"].Captures)
                {
                    var name = CutAtOpener(capture.Value).TrimEnd('.', ',', ' ');
                    if (name.Length == 0) continue;
                    // Case-insensitive openers must not make lower-case words names: check the first letter again.
                    if (char.IsUpper(name[0]) && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
                }
            if (names.Count > before) byline ??= HtmlMetadataReader.Clean(line);
        }
        return names;
    }

    /// <summary>A short credit or date line: "Par Jeanne Dupont", "Publié le 3 mars 2020 à 10h".</summary>
    private static bool IsByline(TextBlock block)
    {
        var text = block.Text;
        if (text.Length > 160 || block.Words > 24) return false;
        foreach (var opener in HtmlCues.BylineOpeners)
        {
            if (!HtmlCues.OpensWith(text, [opener])) continue;
            var rest = text[opener.Length..].TrimStart(' ', ':', '\u00A0');
            if (rest.Length == 0) return true;
            // "Par Jeanne Dupont" names someone; "Par ailleurs, …" opens a sentence.
            if (opener.Length <= 3) return char.IsUpper(rest[0]) && block.Words <= 12 && !text.Contains(". ", StringComparison.Ordinal);
            return text.Any(char.IsDigit);
        }
        return false;
    }
}
