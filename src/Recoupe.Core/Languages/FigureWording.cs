using System.Collections.Concurrent;
using Recoupe.Core.Text;

namespace Recoupe.Core.Languages.Wording;

/// <summary>
/// How the digest writes a figure back in its article's language: the qualifier as the language says it, the number as
/// the article wrote it, then the unit's word when the number does not carry it ("moins d'une heure", "more than
/// 1,500 km"). The words are data (Languages/{code}/figure-wording.txt); a language whose grammar needs more than
/// joining words (French elides "de" before "un") has its own class beside its data.
/// </summary>
public class FigureWording
{
    private static readonly ConcurrentDictionary<string, FigureWording> Cache = new(StringComparer.Ordinal);

    /// <summary>The wording of a language; languages without a class of their own join words with spaces.</summary>
    public static FigureWording For(string? code) => Cache.GetOrAdd(code ?? "", c => c switch
    {
        FrenchFigureWording.Code => new FrenchFigureWording(),
        _ => new FigureWording(LanguageResources.Available.Contains(c) ? c : null),
    });

    private readonly Dictionary<string, string> _qualifiers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _approximate = new(StringComparer.Ordinal);
    private readonly HashSet<string> _approximations = new(StringComparer.Ordinal);

    protected FigureWording(string? code)
    {
        if (code is null) return;
        var r = LanguageResources.For(code);
        foreach (var line in r.Lines("figure-wording"))
        {
            var p = line.Split('\t');
            if (p.Length >= 2 && p[0] == "qualifier") _qualifiers[TextFolding.Fold(p[1])] = p.Length >= 3 ? p[2] : "";
            else if (p.Length >= 2 && p[0] == "approximation") _approximations.Add(TextFolding.Fold(p[1]));
        }
        // a number word that is itself an approximation ("une dizaine", "dozens") needs no qualifier before it
        foreach (var line in r.Lines("number-words"))
            if (line.Split('\t') is { Length: > 2 } p && p[2] == "approx") _approximate.Add(TextFolding.Fold(p[0]));
    }

    /// <summary>
    /// The figure as the digest shows it. <paramref name="written"/> is the number as the article writes it
    /// ("une", "1 500", "dizaines"), <paramref name="unitWord"/> the unit's word as the article writes it ("heure",
    /// "kilomètres"), null when the number needs none or carries its unit ("£38million").
    /// </summary>
    public string Write(string? qualifier, string written, string? unitWord)
    {
        var number = written.Trim();
        var words = number.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var folded = qualifier is null ? null : TextFolding.Fold(qualifier);
        var said = folded is null ? null : _qualifiers.TryGetValue(folded, out var mapped) ? mapped : qualifier;
        // "environ une dizaine", "des une dizaine": a number word that is an approximation says it already,
        // and one written with its determiner needs no other
        if (folded is not null && _approximations.Contains(folded) && words.Any(w => _approximate.Contains(TextFolding.Fold(w)))
            && (words.Length > 1 || folded != "vague"))
            said = null;
        var unit = unitWord is null || number.Contains(unitWord, StringComparison.OrdinalIgnoreCase) ? null : unitWord.Trim();
        return Join(string.IsNullOrEmpty(said) ? null : said, number, unit);
    }

    /// <summary>Qualifier, number and unit word joined by the language's rules (plain spaces here).</summary>
    protected virtual string Join(string? qualifier, string number, string? unit) =>
        string.Join(' ', new[] { qualifier, number, unit }.Where(s => !string.IsNullOrEmpty(s)));
}
