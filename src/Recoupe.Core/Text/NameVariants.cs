using System.Collections.Concurrent;
using Recoupe.Core.Languages;

namespace Recoupe.Core.Text;

/// <summary>
/// The usual name for the other names a language gives one place or body (name-variants.txt: short forms, official
/// names and initials, "RDC" / "République démocratique du Congo" → Congo). With the place list
/// (withPlaces), each name goes to the language's usual name of its place, never to the list's language-neutral key: keyed
/// "Syrie" → syria, three fr-news reports on Syria joined the seeds' story; as the usual name, a place's usual spelling
/// keeps its features as before and only its other spellings and nationality nouns move to it. Names are looked
/// up folded, with hyphens as spaces, as the name features are keyed.
/// </summary>
public sealed class NameVariants
{
    private static readonly ConcurrentDictionary<string, NameVariants> Cache = new(StringComparer.Ordinal);

    public static NameVariants For(string? language, bool withPlaces = false) =>
        Cache.GetOrAdd((string.IsNullOrEmpty(language) ? "und" : language) + (withPlaces ? "+places" : ""),
            _ => new NameVariants(string.IsNullOrEmpty(language) ? "und" : language, withPlaces));

    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <param name="withPlaces">the place list and the nationality nouns too (places.txt, nationalities.txt), each to the
    /// first name the place list gives its place in this language: "Etats-Unis", "États-Unis", "Américains" → Etats-Unis.</param>
    private NameVariants(string code, bool withPlaces)
    {
        var r = LanguageResources.For(code);
        foreach (var (name, usual) in r.Map("name-variants"))
            _keys.TryAdd(Normal(name), Normal(usual));
        if (!withPlaces) return;
        var usualByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in r.Lines("places"))
            if (line.Split('\t') is [var name, var key, ..]) usualByKey.TryAdd(key, Normal(name));
        foreach (var (name, key) in r.Map("places").Concat(r.Map("nationalities")))
            if (usualByKey.TryGetValue(key, out var usual) && Normal(name) is var folded && folded != usual) _keys.TryAdd(folded, usual);
    }

    /// <summary>The usual name, folded, for a folded variant ("rdc" → "congo"), or null when the list does not know it.</summary>
    public string? KeyOf(string foldedName) => _keys.GetValueOrDefault(foldedName);

    private static string Normal(string name) => TextFolding.Fold(name.Replace('-', ' ').Replace('\u2019', '\''));

    public int Count => _keys.Count;
}
