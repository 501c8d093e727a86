using System.Text.RegularExpressions;
using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>The agency and the outlet: credits of known and unknown agencies, page furniture, embedded posts, site names.</summary>
public sealed partial class MetadataStage
{
    // ---- Agency and outlet -----------------------------------------------------------------------------------

    private void SetAgency(Document document, List<Line> lines, Dateline? dateline, string? language)
    {
        var metadata = document.Metadata;
        if (dateline?.Agency is { } fromDateline)
        {
            metadata.Agency = fromDateline;
            return;
        }
        if (metadata.Agency is not null) return;
        foreach (var line in CreditCandidates(document, lines))
        {
            if ((KnownAgencyCredit(line, language) ?? UnknownAgencyCredit(line, dateline, language)) is not { } agency) continue;
            metadata.Agency = agency;
            return;
        }
    }

    /// <summary>
    /// A known agency credited by a short line ("AFP/M.R.", "Source : Reuters", "© AFP 2015") or by a parenthesis that
    /// closes a line ("… (avec AFP)"); not a picture credit ("(Photo : AFP)"), not an agency the prose names
    /// ("l'Administration pénitentiaire (AP) belge", "a confié à l'AFP").
    /// </summary>
    private string? KnownAgencyCredit(string line, string? language)
    {
        var lineWords = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var match in sources.FindAll(line, language, SourceKind.Agency))
        {
            var (context, contextStart) = Enclosing(line, match.Start);
            var lower = context.ToLowerInvariant();
            if (cues.Photo.Any(c => CreditCues.HasWord(lower, c))) continue; // "(Photo : AFP)" credits a picture
            var lead = lower[..(match.Start - contextStart)].TrimEnd().TrimEnd(':').TrimEnd();
            var cued = cues.Agency.Any(c => lead.EndsWith(c, StringComparison.Ordinal)
                && (lead.Length == c.Length || !char.IsLetter(lead[^(c.Length + 1)]) || !char.IsLetter(c[0])));
            // "ancien PDG de l'AFP": an agency after an article or a preposition is what the line is about.
            if (!cued && IsAfterFunctionWord(line[..match.Start].ToLowerInvariant(), language)) continue;
            if (lineWords <= 8) return match.Form.Name;
            var inParenthesis = contextStart > 0;
            var closesLine = inParenthesis && line[(contextStart + context.Length + 1)..].Trim().Trim('.', ';', ',').Length == 0;
            var contextWords = context.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (closesLine && (cued || contextWords <= 2)) return match.Form.Name;
        }
        return null;
    }

    [GeneratedRegex(@"^(?<name>\p{Lu}[\p{L}.’'\- ]{0,40}?)\s*/\s*(?<initials>\p{Lu}\.(?:-?\p{Lu}\.){0,3}(?:\s*/\s*\p{Lu}\.(?:-?\p{Lu}\.){0,3})*)\s*$")]
    private static partial Regex InitialsCredit();

    [GeneratedRegex(@"^\(?\s*(?<cue>[\p{L}©][\p{L} ]{0,30}?)\s*:?\s+(?<name>\p{Lu}[\p{L}’'\-]*(?: \p{Lu}[\p{L}’'\-]*){0,3})\s*[.)]?")]
    private static partial Regex CuedName();

    /// <summary>
    /// An agency the data does not list, credited where only an agency can stand: "Meridien/J.L." when the dateline or an
    /// agency word names it, "(avec Agence Kestria)", "Source : Kestria News Agency", "Additional reporting by Kestria".
    /// The name must carry an agency word ("Agence", "Agency"), be the dateline's agency, or be a single word closing a
    /// reporting credit, so "(avec Jean Dupont)" is not taken.
    /// </summary>
    private string? UnknownAgencyCredit(string line, Dateline? dateline, string? language)
    {
        var initials = InitialsCredit().Match(line);
        var name = initials.Success ? initials.Groups["name"].Value.Trim() : null;
        var byReporting = false;
        if (name is null)
        {
            var cued = CuedName().Match(line);
            if (!cued.Success) return null;
            var cue = SegmentationRules.Normalise(cued.Groups["cue"].Value);
            byReporting = cues.Byline.Contains(cue);
            if (!cues.Agency.Contains(cue) && !byReporting) return null;
            name = cued.Groups["name"].Value;
        }
        if (sources.Exactly(name, language) is { Kind: SourceKind.Agency } known) return known.Name;
        if (dateline?.Agency is { } wire && (wire == name || wire.EndsWith(" " + name, StringComparison.Ordinal))) return wire;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!IsProperName(name, maxWords: 5)) return null;
        if (words.Any(w => cues.AgencyWords.Contains(SegmentationRules.Normalise(w)))) return name;
        // "Additional reporting by Northwire": credits name people in full, so one word after a reporting cue is an organisation.
        return byReporting && words.Length == 1 && line.TrimEnd().TrimEnd('.', ')').EndsWith(name, StringComparison.Ordinal) ? name : null;
    }

    /// <summary>
    /// One to <paramref name="maxWords"/> words of letters (and ' - .), no digits; the first and last capitalised, the
    /// others too unless they are short linking words ("Le Courrier du Val", "L'Écho de la Combrelle").
    /// </summary>
    private bool IsProperName(string text, int maxWords)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 1 || words.Length > maxWords) return false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!word.All(c => char.IsLetter(c) || c is '-' or '\'' or '’' or '.')) return false;
            if (char.IsUpper(word[0])) continue;
            var linking = cues.Particles.Contains(SegmentationRules.Normalise(word)) || word.Length <= 3;
            if (i == 0 || i == words.Length - 1 || !linking) return false;
        }
        return true;
    }

    /// <summary>Whether the last word of <paramref name="lowerBefore"/> is an elision ("l'") or a stop word of the language.</summary>
    private static bool IsAfterFunctionWord(string lowerBefore, string? language)
    {
        var trimmed = lowerBefore.TrimEnd();
        if (trimmed.Length == 0) return false;
        if (Tokenizer.IsApostrophe(trimmed[^1])) return true;
        var start = trimmed.Length;
        while (start > 0 && char.IsLetter(trimmed[start - 1])) start--;
        var word = trimmed[start..];
        if (word.Length == 0) return false;
        var stopwords = language is null ? null : StopWords.GetOrAdd(language, code => LanguageResources.For(code).Set("stopwords"));
        return stopwords?.Contains(word) == true;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> StopWords = new();

    /// <summary>Short lines, plus parentheses closing the last body paragraphs ("… (avec AFP)").</summary>
    private static IEnumerable<string> CreditCandidates(Document document, List<Line> lines)
    {
        foreach (var line in lines)
            if (!line.IsHeading) yield return line.Text;
        foreach (var closing in TrailingParentheses(document)) yield return closing;
    }

    /// <summary>
    /// The parenthesis that ends a body paragraph, last paragraph first: credits close a dispatch, and uncleaned pages may
    /// leave furniture after them. Prose puts a period after a closing parenthesis, so these are rare in the body.
    /// </summary>
    private static IEnumerable<string> TrailingParentheses(Document document)
    {
        foreach (var paragraph in document.Paragraphs.Where(p => p.Role == ParagraphRole.Body).Reverse())
        {
            var text = document.Slice(paragraph).TrimEnd();
            if (!text.EndsWith(')')) continue;
            var open = text.LastIndexOf('(');
            if (open >= 0) yield return text[open..];
        }
    }

    /// <summary>The parenthesis around <paramref name="at"/> if any, else the whole line.</summary>
    private static (string Text, int Start) Enclosing(string line, int at)
    {
        var open = line.LastIndexOf('(', at);
        var close = open >= 0 ? line.IndexOf(')', open) : -1;
        if (open >= 0 && close > at) return (line[(open + 1)..close], open + 1);
        return (line, 0);
    }

    [GeneratedRegex(@"^[—–-]\s*(?<name>[^()@\n]{2,60}?)\s*\((?<handle>@\w{1,30})\)")]
    private static partial Regex EmbedSignature();

    private void SetOutlet(Document document, SourceFields fields, List<Line> lines, Dateline? dateline, string? language)
    {
        var metadata = document.Metadata;
        if (metadata.Outlet is not null) return;
        if (!string.IsNullOrWhiteSpace(fields.Outlet))
        {
            // A feed's title may carry a tagline: "RTN Info – Toute l'actualité".
            metadata.Outlet = FirstField(fields.Outlet.Trim());
            return;
        }
        if (metadata.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && sources.ForHost(uri.Host, language) is { } byHost)
        {
            metadata.Outlet = byHost.Name;
            return;
        }

        // Page furniture: "Commenter via Sputnik", "Suivez RT France sur Twitter", "© RT France".
        foreach (var line in lines)
        {
            var lower = line.Text.ToLowerInvariant();
            foreach (var match in sources.FindAll(line.Text, language, SourceKind.Outlet))
            {
                var before = lower[..match.Start].TrimEnd();
                if (cues.Widget.Concat(cues.Agency).Any(c => before.EndsWith(c, StringComparison.Ordinal)
                        && (before.Length == c.Length || !char.IsLetter(before[^(c.Length + 1)]) || !char.IsLetter(c[0]))))
                {
                    metadata.Outlet = match.Form.Name;
                    return;
                }
            }
        }

        // An embedded post signed by the outlet itself: "— RT France (@RTenfrancais) 17 novembre 2015".
        foreach (var line in lines)
        {
            var signature = EmbedSignature().Match(line.Text);
            if (!signature.Success) continue;
            var known = sources.Exactly(signature.Groups["handle"].Value, language) ?? sources.Exactly(signature.Groups["name"].Value, language);
            if (known is { Kind: SourceKind.Outlet })
            {
                metadata.Outlet = known.Name;
                return;
            }
        }

        // A dispatch that nothing else claims is the wire's own copy: "MOSCOU, 20 novembre (Reuters) -".
        if (dateline?.Agency is { } wire)
        {
            metadata.Outlet = wire;
            return;
        }

        // Cleaning cuts the site's name off the page title and keeps it aside as "site-name".
        foreach (var removed in document.Removed)
        {
            var name = removed.Text.Trim();
            if (removed.Reason != "site-name" || !IsProperName(name, maxWords: 4)) continue;
            metadata.Outlet = sources.Exactly(name, language)?.Name ?? name;
            return;
        }

        // Page titles end with the site's name: "Procès de l'ancien maire … | Médiapulse" (the title, or a title line
        // among the first lines of the page when cleaning did not take it for the title).
        var heads = new[] { metadata.Title }.Concat(lines.Where(l => !l.Removed && l.Paragraph < 3).Select(l => l.Text));
        foreach (var head in heads)
        {
            if (head is null || head.LastIndexOf(" | ", StringComparison.Ordinal) is not (var bar and > 0)) continue;
            var suffix = head[(bar + 3)..].Trim();
            if (!IsProperName(suffix, maxWords: 4) || head[..bar].Split(' ').Length < 3) continue;
            metadata.Outlet = sources.Exactly(suffix, language)?.Name ?? suffix;
            return;
        }
    }
}
