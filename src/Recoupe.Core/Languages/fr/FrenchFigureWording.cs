namespace Recoupe.Core.Languages.Wording;

/// <summary>
/// French figure wording: "de" elides before the words listed as eliding it in figure-wording.txt ("moins d'une
/// heure", "plus d'un an"), never before other numbers ("plus de huit", "plus de onze").
/// </summary>
internal sealed class FrenchFigureWording : FigureWording
{
    public const string Code = "fr";
    private readonly HashSet<string> _elidingWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _elisions = new(StringComparer.Ordinal);

    public FrenchFigureWording() : base(Code)
    {
        foreach (var line in LanguageResources.For(Code).Lines("figure-wording"))
        {
            var p = line.Split('\t');
            if (p.Length < 4 || p[0] != "elide") continue;
            _elisions[p[1]] = p[2];
            foreach (var word in p[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)) _elidingWords.Add(word);
        }
    }

    protected override string Join(string? qualifier, string number, string? unit)
    {
        var plain = base.Join(null, number, unit);
        if (qualifier is null) return plain;
        var firstWord = number.Split(' ', 2)[0];
        var lastSpace = qualifier.LastIndexOf(' ');
        var lastWord = lastSpace < 0 ? qualifier : qualifier[(lastSpace + 1)..];
        if (_elidingWords.Contains(firstWord) && _elisions.TryGetValue(lastWord, out var elided))
            return qualifier[..(lastSpace + 1)] + elided + plain;
        return qualifier + " " + plain;
    }
}
