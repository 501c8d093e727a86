using Recoupe.Core.Languages;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>Cue words of credit lines from Languages/{code}/credit_cues.txt, merged over languages (lower case).</summary>
public sealed class CreditCues
{
    private static readonly Lazy<CreditCues> Shared = new(() => Load(LanguageResources.Available));

    /// <summary>"photo", "crédit photo": a credit for a picture.</summary>
    public List<string> Photo { get; } = [];
    /// <summary>"par", "by", "reporting by": opens a list of authors.</summary>
    public List<string> Byline { get; } = [];
    /// <summary>"avec", "source", "©": introduces the agency behind the copy.</summary>
    public List<string> Agency { get; } = [];
    /// <summary>"via", "suivez": site furniture naming the outlet.</summary>
    public List<string> Widget { get; } = [];
    /// <summary>"pour", "à", "editing by": after a name, what follows is a role, not a name.</summary>
    public List<string> Role { get; } = [];
    /// <summary>"editing by", "édité par": the names after it edited the copy and are not authors.</summary>
    public List<string> Editor { get; } = [];
    /// <summary>"agence", "agency": a word that makes an unknown name an agency's.</summary>
    public HashSet<string> AgencyWords { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Joiners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Particles { get; } = new(StringComparer.Ordinal);

    public static CreditCues Default => Shared.Value;

    public static CreditCues Load(IEnumerable<string> languages)
    {
        var cues = new CreditCues();
        foreach (var code in languages)
        {
            foreach (var line in LanguageResources.For(code).Lines("credit_cues"))
            {
                var fields = line.Split('\t');
                if (fields.Length < 2) continue;
                var cue = SegmentationRules.Normalise(fields[0]);
                var list = fields[1].Trim() switch
                {
                    "photo" => cues.Photo,
                    "byline" => cues.Byline,
                    "agency" => cues.Agency,
                    "widget" => cues.Widget,
                    "role" => cues.Role,
                    "editor" => cues.Editor,
                    _ => null,
                };
                if (list is not null && !list.Contains(cue)) list.Add(cue);
                if (fields[1].Trim() == "joiner") cues.Joiners.Add(cue);
                if (fields[1].Trim() == "particle") cues.Particles.Add(cue);
                if (fields[1].Trim() == "agency-word") cues.AgencyWords.Add(cue);
            }
        }
        // Longest first, so "propos recueillis par" is tried before "par".
        foreach (var list in new[] { cues.Photo, cues.Byline, cues.Agency, cues.Widget, cues.Role, cues.Editor })
            list.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return cues;
    }

    /// <summary>Whether <paramref name="lowerText"/> holds <paramref name="cue"/> as whole words.</summary>
    public static bool HasWord(string lowerText, string cue)
    {
        var from = 0;
        while (from <= lowerText.Length - cue.Length)
        {
            var at = lowerText.IndexOf(cue, from, StringComparison.Ordinal);
            if (at < 0) return false;
            var end = at + cue.Length;
            var startOk = at == 0 || !char.IsLetterOrDigit(lowerText[at - 1]) || !char.IsLetterOrDigit(cue[0]);
            var endOk = end == lowerText.Length || !char.IsLetterOrDigit(lowerText[end]) || !char.IsLetterOrDigit(cue[^1]);
            if (startOk && endOk) return true;
            from = at + 1;
        }
        return false;
    }
}
