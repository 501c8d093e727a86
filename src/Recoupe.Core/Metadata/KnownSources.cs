using Recoupe.Core.Languages;

namespace Recoupe.Core.Metadata;

public enum SourceKind { Agency, Outlet }

/// <summary>One way of writing a known agency or outlet: a name as written, a web domain or a social handle.</summary>
public sealed record SourceForm(string Form, string Name, SourceKind Kind)
{
    public bool IsDomain => Form.Contains('.') && !Form.Contains(' ') && !Form.StartsWith('@');
    public bool IsHandle => Form.StartsWith('@');
}

/// <summary>A known name found in a text.</summary>
public sealed record SourceMatch(SourceForm Form, int Start, int End);

/// <summary>
/// Agencies and outlets from Languages/{code}/agencies.txt. The document's own language is asked first, so the same
/// form may name a language's edition ("Sputnik" → "Sputnik France" in French text).
/// </summary>
public sealed class KnownSources
{
    private static readonly Lazy<KnownSources> Shared = new(() => new KnownSources(LanguageResources.Available));

    private readonly Dictionary<string, List<SourceForm>> _byLanguage = new(StringComparer.Ordinal);
    private readonly List<SourceForm> _all = [];

    public KnownSources(IEnumerable<string> languages)
    {
        foreach (var code in languages.Order(StringComparer.Ordinal))
        {
            var forms = new List<SourceForm>();
            foreach (var line in LanguageResources.For(code).Lines("agencies"))
            {
                var fields = line.Split('\t');
                if (fields.Length < 3) continue;
                var kind = fields[1].Trim() == "agency" ? SourceKind.Agency : SourceKind.Outlet;
                foreach (var form in fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    forms.Add(new SourceForm(form, fields[0].Trim(), kind));
            }
            if (forms.Count == 0) continue;
            // Longest forms first, so "RT France" wins over "RT".
            forms.Sort((a, b) => b.Form.Length != a.Form.Length ? b.Form.Length.CompareTo(a.Form.Length) : string.CompareOrdinal(a.Form, b.Form));
            _byLanguage[code] = forms;
            _all.AddRange(forms);
        }
        _all.Sort((a, b) => b.Form.Length != a.Form.Length ? b.Form.Length.CompareTo(a.Form.Length) : string.CompareOrdinal(a.Form, b.Form));
    }

    public static KnownSources Default => Shared.Value;

    /// <summary>Forms to try for a document in <paramref name="language"/>: its own first, then all others.</summary>
    private IEnumerable<SourceForm> FormsFor(string? language) =>
        language is not null && _byLanguage.TryGetValue(language, out var own) ? own.Concat(_all) : _all;

    /// <summary>Known names in <paramref name="text"/> (names and handles, not domains), in text order, not overlapping.</summary>
    public List<SourceMatch> FindAll(string text, string? language, SourceKind? kind = null)
    {
        var byFirst = _byFirstChar.GetOrAdd(language ?? "", _ => IndexByFirstChar(FormsFor(language)));
        var matches = new List<SourceMatch>();
        var i = 0;
        while (i < text.Length)
        {
            if ((i > 0 && char.IsLetterOrDigit(text[i - 1])) || !byFirst.TryGetValue(text[i], out var candidates))
            {
                i++;
                continue;
            }
            SourceMatch? found = null;
            foreach (var form in candidates)
            {
                if (kind is not null && form.Kind != kind) continue;
                var end = i + form.Form.Length;
                if (end > text.Length || string.CompareOrdinal(text, i, form.Form, 0, form.Form.Length) != 0 || !IsBoundary(text, i, end)) continue;
                found = new SourceMatch(form, i, end);
                break;
            }
            if (found is null) i++;
            else
            {
                matches.Add(found);
                i = found.End;
            }
        }
        return matches;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<char, SourceForm[]>> _byFirstChar = new();

    // Forms grouped by first character, keeping the language's preference order (own forms first, longest first).
    private static Dictionary<char, SourceForm[]> IndexByFirstChar(IEnumerable<SourceForm> forms) =>
        forms.Where(f => !f.IsDomain && f.Form.Length > 0)
            .GroupBy(f => f.Form[0])
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());

    /// <summary>The outlet or agency whose web domain the host belongs to ("fr.sputniknews.com").</summary>
    public SourceForm? ForHost(string host, string? language)
    {
        host = host.ToLowerInvariant();
        foreach (var form in FormsFor(language))
            if (form.IsDomain && (host == form.Form || host.EndsWith("." + form.Form, StringComparison.Ordinal))) return form;
        return null;
    }

    /// <summary>The known name that <paramref name="text"/> is, as a whole (case-sensitive), or null.</summary>
    public SourceForm? Exactly(string text, string? language)
    {
        text = text.Trim();
        foreach (var form in FormsFor(language))
            if (string.Equals(form.Form, text, StringComparison.Ordinal)) return form;
        return null;
    }

    /// <summary>Word edges around a match; glued page furniture counts as an edge ("via SputnikCommenter").</summary>
    private static bool IsBoundary(string text, int start, int end)
    {
        if (start > 0 && char.IsLetterOrDigit(text[start - 1])) return false;
        if (end >= text.Length || !char.IsLetterOrDigit(text[end])) return true;
        return char.IsUpper(text[end]) && char.IsLower(text[end - 1]);
    }
}
