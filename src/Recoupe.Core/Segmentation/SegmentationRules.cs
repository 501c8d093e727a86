using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Segmentation;

/// <summary>How a period after an abbreviation bears on sentence ends.</summary>
public enum AbbreviationKind
{
    /// <summary>Never ends a sentence ("M.", "Mme", "Mr.", "U.S.").</summary>
    Title,
    /// <summary>Ends a sentence only when a capitalised word follows ("etc.", "J.-C.", "nov.").</summary>
    Abbreviation,
}

/// <summary>
/// The word lists segmentation needs, merged over every language that has data: segmentation runs before the
/// language is known, and the lists do not clash (a French elision does not occur in English text and vice versa).
/// </summary>
public sealed class SegmentationRules
{
    private static readonly Lazy<SegmentationRules> Shared = new(() => Load(LanguageResources.Available));

    /// <summary>Abbreviation forms without their final period ("M", "Mme", "J.-C", "U.S") → kind.</summary>
    public Dictionary<string, AbbreviationKind> Abbreviations { get; } = new(StringComparer.Ordinal);
    /// <summary>Elided words split off the front of a word ("l'", "qu'"), lower case, straight apostrophe.</summary>
    public HashSet<string> Elisions { get; } = new(StringComparer.Ordinal);
    /// <summary>Clitic endings split off the end of a word ("n't", "'s").</summary>
    public List<string> Contractions { get; } = [];
    /// <summary>Words that keep their apostrophe or hyphen whole ("aujourd'hui", "rendez-vous").</summary>
    public HashSet<string> UnsplitWords { get; } = new(StringComparer.Ordinal);
    /// <summary>Pronouns split off after a hyphen ("dit-il").</summary>
    public HashSet<string> InversionPronouns { get; } = new(StringComparer.Ordinal);
    /// <summary>Euphonic letters between verb and pronoun ("t" in "a-t-il").</summary>
    public HashSet<string> EuphonicLetters { get; } = new(StringComparer.Ordinal);

    public static SegmentationRules Default => Shared.Value;

    public static SegmentationRules Load(IEnumerable<string> languages)
    {
        var rules = new SegmentationRules();
        foreach (var code in languages)
        {
            var data = LanguageResources.For(code);
            foreach (var line in data.Lines("abbreviations"))
            {
                var fields = line.Split('\t');
                var form = fields[0].Trim().TrimEnd('.');
                if (form.Length == 0) continue;
                var kind = fields.Length > 1 && fields[1].Trim() == "abbr" ? AbbreviationKind.Abbreviation : AbbreviationKind.Title;
                // When languages disagree, the safer reading (no sentence end) wins.
                if (!rules.Abbreviations.TryGetValue(form, out var known) || known == AbbreviationKind.Abbreviation)
                    rules.Abbreviations[form] = kind;
            }
            AddShortMonthForms(rules, data.Lines("months"));
            foreach (var line in data.Lines("elisions")) rules.Elisions.Add(Normalise(line.Split('\t')[0]));
            foreach (var line in data.Lines("contractions")) rules.Contractions.Add(Normalise(line.Split('\t')[0]));
            foreach (var line in data.Lines("unsplit_words")) rules.UnsplitWords.Add(Normalise(line.Split('\t')[0]));
            foreach (var line in data.Lines("inversion_pronouns"))
            {
                var fields = line.Split('\t');
                var word = Normalise(fields[0]);
                if (fields.Length > 1 && fields[1].Trim() == "euphonic") rules.EuphonicLetters.Add(word);
                else rules.InversionPronouns.Add(word);
            }
        }
        // Longest ending first so "n't" is tried before "'t"-like shorter forms.
        rules.Contractions.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return rules;
    }

    /// <summary>Month forms that are a strict prefix of a longer form of the same month ("nov" of "novembre") are abbreviations.</summary>
    private static void AddShortMonthForms(SegmentationRules rules, IReadOnlyList<string> months)
    {
        var entries = months.Select(l => l.Split('\t')).Where(f => f.Length >= 2).Select(f => (Form: f[0].Trim(), Month: f[1].Trim())).ToList();
        foreach (var (form, month) in entries)
        {
            var isShort = entries.Any(o => o.Month == month && o.Form.Length > form.Length && o.Form.StartsWith(form, StringComparison.Ordinal));
            if (!isShort) continue;
            foreach (var variant in new[] { form, char.ToUpperInvariant(form[0]) + form[1..] })
                rules.Abbreviations.TryAdd(variant, AbbreviationKind.Abbreviation);
        }
    }

    /// <summary>Lower case with typographic apostrophes read as the straight one.</summary>
    public static string Normalise(string text) => Normalise(text.AsSpan());

    /// <summary><see cref="TextFolding.Lower"/> of the text without its surrounding blanks.</summary>
    public static string Normalise(ReadOnlySpan<char> text) => TextFolding.Lower(text.Trim());

    internal static readonly char[] Apostrophes = ['\'', '\u2019', '\u02BC'];
}
