using System.Text.RegularExpressions;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>The dateline at the head of the body ("MOSCOU, 20 novembre (Reuters) - …"): place, day and agency.</summary>
public sealed partial class MetadataStage
{
    // ---- Dateline --------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\G(?<note>\([^()\n]{0,300}\)\s*)?(?<place>\p{Lu}[\p{L}'’.\-]*(?:[ /]\p{Lu}[\p{L}'’.\-]*){0,3}?)\s*(?:,\s*(?<date>[^()\-–—\n]{3,40}?)\s*)?(?:\((?<agency>[^()\n]{2,40})\)\s*)?[-–—]+\s")]
    private static partial Regex DatelinePattern();

    /// <summary>"MOSCOU, 20 novembre (Reuters) - …", "Paris (AFP) - …", "MOSCOW (AP) — …" at the head of the body.</summary>
    private Dateline? FindDateline(Document document, string? language)
    {
        foreach (var paragraph in document.Paragraphs.Where(p => p.Role is ParagraphRole.Body or ParagraphRole.Lead).Take(8))
        {
            var match = DatelinePattern().Match(document.Text, paragraph.Start);
            if (!match.Success || match.Index + match.Length > paragraph.End) continue;

            var place = match.Groups["place"].Value;
            var allCaps = place.Where(char.IsLetter).All(char.IsUpper);
            string? agency = null;
            if (match.Groups["agency"].Success)
            {
                var inside = match.Groups["agency"].Value;
                var named = sources.FindAll(inside, language, SourceKind.Agency);
                var leftover = named.Aggregate(inside, (rest, m) => rest.Replace(m.Form.Form, ""));
                if (named.Count > 0 && !leftover.Any(char.IsLetter)) agency = named[0].Form.Name;
                // An unknown name in a dateline's parenthesis after a place in capitals is still the wire's name.
                else if (allCaps && IsProperName(inside.Trim(), maxWords: 4)) agency = inside.Trim();
                else continue;
            }
            FoundDate? date = null;
            if (match.Groups["date"].Success)
            {
                var written = match.Groups["date"].Value.Trim();
                var found = dates.Find(written);
                if (found.Count != 1 || found[0].Month is null || found[0].Day is null || found[0].End < written.Length - 1) continue;
                date = found[0];
            }
            if (agency is null && date is null) continue;
            if (!allCaps && agency is null) continue;

            var start = match.Groups["place"].Index;
            var end = match.Index + match.Length;
            while (end > start && char.IsWhiteSpace(document.Text[end - 1])) end--;
            var dateline = new Dateline(start, end)
            {
                Place = allCaps ? TitleCase(place) : place,
                Agency = agency,
                Month = date?.Month,
                Day = date?.Day,
                Date = date?.Year is not null ? date.Resolve(null) : null,
            };
            document.Dateline = dateline;
            document.Metadata.DatelinePlace = dateline.Place;
            return dateline;
        }
        return null;
    }

    /// <summary>"MOSCOU" → "Moscou", "NEW YORK" → "New York", "SAINT-DENIS" → "Saint-Denis".</summary>
    private static string TitleCase(string place)
    {
        var chars = place.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (i == 0 || chars[i - 1] is ' ' or '-' or '/' or '\'' or '’') chars[i] = char.ToUpperInvariant(chars[i]);
        return new string(chars);
    }
}
