using System.Text.RegularExpressions;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>The authors: the source's field, bylines and credit lines parsed into person names, wire initials.</summary>
public sealed partial class MetadataStage
{
    // ---- Authors ---------------------------------------------------------------------------------------------

    private void SetAuthors(Document document, SourceFields fields, List<Line> lines, Dateline? dateline, string? language)
    {
        var authors = document.Metadata.Authors;
        foreach (var author in fields.Authors)
            if (!string.IsNullOrWhiteSpace(author) && !authors.Contains(author.Trim())) authors.Add(author.Trim());
        if (authors.Count > 0) return;

        var candidates = new List<string>();
        foreach (var line in lines)
        {
            var text = line.Text;
            if (text.StartsWith('(') && text.EndsWith(')')) candidates.Add(text[1..^1]);
            else if (StripByline(FirstField(text)) is { } afterCue) candidates.Add(afterCue);
        }
        foreach (var closing in TrailingParentheses(document)) candidates.Add(closing[1..^1]);

        foreach (var candidate in candidates)
        {
            if (ParseNames(candidate) is not { Count: > 0 } names) continue;
            foreach (var name in names)
                if (!authors.Contains(name)) authors.Add(name);
            return;
        }

        // Wire credits sign with initials after the agency: "AFP/M.R.", "Meridien/J.L./C.M.".
        foreach (var line in lines)
        {
            var credit = InitialsCredit().Match(line.Text);
            if (!credit.Success) continue;
            var agency = credit.Groups["name"].Value.Trim();
            var isAgency = sources.Exactly(agency, language) is { Kind: SourceKind.Agency }
                || document.Metadata.Agency is { } known && (known == agency || known.EndsWith(" " + agency, StringComparison.Ordinal));
            if (!isAgency) continue;
            foreach (var initials in credit.Groups["initials"].Value.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!authors.Contains(initials)) authors.Add(initials);
            return;
        }
    }

    /// <summary>"Par Jean Dupont" → "Jean Dupont"; null when the line does not open with a byline cue.</summary>
    private string? StripByline(string line)
    {
        var lower = line.ToLowerInvariant();
        foreach (var cue in cues.Byline)
            if (lower.StartsWith(cue + " ", StringComparison.Ordinal)) return line[(cue.Length + 1)..].Trim();
        return null;
    }

    [GeneratedRegex(@"\s*;\s*|\s*,\s*")]
    private static partial Regex ListSeparator();

    /// <summary>
    /// "Vladimir Soldatkine, Dmitri Antonov et John Davison; Danielle Rouquié pour le service français" → four names.
    /// Every part must be a name (after a cue such as "reporting by" is dropped and a role such as "pour …" cut off),
    /// otherwise the text is not a credit and nothing is returned.
    /// </summary>
    public List<string>? ParseNames(string text)
    {
        var names = new List<string>();
        foreach (var piece in ListSeparator().Split(text.Trim()))
        {
            foreach (var raw in SplitOnJoiners(piece))
            {
                var part = raw.Trim();
                if (part.Length == 0) continue;
                if (StartsWithAny(part, cues.Editor)) continue; // "Editing by …": editors are not authors
                part = StripByline(part) ?? part;
                part = StripLeadingRole(part);
                part = CutAtRole(part);
                if (!IsPersonName(part)) return null;
                names.Add(part);
            }
        }
        return names;
    }

    private IEnumerable<string> SplitOnJoiners(string piece)
    {
        var words = piece.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string>();
        foreach (var word in words)
        {
            if ((cues.Joiners.Contains(word.ToLowerInvariant()) || word == "&") && current.Count > 0)
            {
                yield return string.Join(' ', current);
                current.Clear();
                continue;
            }
            current.Add(word);
        }
        if (current.Count > 0) yield return string.Join(' ', current);
    }

    private static bool StartsWithAny(string part, List<string> cueList)
    {
        var lower = part.ToLowerInvariant();
        return cueList.Any(c => lower.StartsWith(c + " ", StringComparison.Ordinal));
    }

    private string StripLeadingRole(string part)
    {
        var lower = part.ToLowerInvariant();
        foreach (var cue in cues.Role)
            if (cue.Contains(' ') && lower.StartsWith(cue + " ", StringComparison.Ordinal)) return part[(cue.Length + 1)..].Trim();
        return part;
    }

    private string CutAtRole(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < words.Length; i++)
        {
            var rest = string.Join(' ', words[i..]).ToLowerInvariant();
            if (cues.Role.Any(c => rest == c || rest.StartsWith(c + " ", StringComparison.Ordinal)))
                return string.Join(' ', words[..i]);
        }
        return part;
    }

    /// <summary>Two to five words, capitalised except for name particles ("de", "van"), letters only (and ' - .).</summary>
    private bool IsPersonName(string part)
    {
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 2 or > 5) return false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!word.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.')) return false;
            if (char.IsUpper(word[0])) continue;
            if (i > 0 && i < words.Length - 1 && cues.Particles.Contains(SegmentationRules.Normalise(word))) continue;
            return false;
        }
        // All-capital words of two or more letters are acronyms (agencies, parties), not given names and surnames.
        return words.Count(w => w.Length > 1 && w.Where(char.IsLetter).All(char.IsUpper)) < words.Length;
    }
}
