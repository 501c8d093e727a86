using System.Collections.Concurrent;
using Recoupe.Core.Text;

namespace Recoupe.Core.Languages;

/// <summary>
/// The usual name for the other names a language gives one place or body (name-variants.txt: short forms, official
/// names and initials, "RDC" / "République démocratique du Congo" → Congo). Within one language only: the place list's keys across
/// languages (places.txt: "Syrie", "Syria" → syria) made three fr-news reports on Syria join the seeds' story (the
/// English and French spellings then weigh as one name); nationality adjectives say who, not where. Names are looked
/// up folded, with hyphens as spaces, as the name features are keyed.
/// </summary>
public sealed class NameVariants
{
    private static readonly ConcurrentDictionary<string, NameVariants> Cache = new(StringComparer.Ordinal);

    public static NameVariants For(string? language) =>
        Cache.GetOrAdd(string.IsNullOrEmpty(language) ? "und" : language, code => new NameVariants(code));

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    private NameVariants(string code)
    {
        var r = LanguageResources.For(code);
        foreach (var (name, usual) in r.Map("name-variants"))
            _keys.TryAdd(Normal(name), Normal(usual));
    }

    /// <summary>The usual name, folded, for a folded variant ("rdc" → "congo"), or null when the list does not know it.</summary>
    public string? KeyOf(string foldedName) => _keys.GetValueOrDefault(foldedName);

    private static string Normal(string name) => TextFolding.Fold(name.Replace('-', ' ').Replace('\u2019', '\''));

    public int Count => _keys.Count;
}
