using System.Collections.Concurrent;
using Recoupe.Core.Languages;
using Recoupe.Core.Text;

namespace Recoupe.Core.Html;

/// <summary>What an element's tag, role, itemprop, class and id say about the region it is.</summary>
internal enum RegionKind : byte { Neutral, Positive, Meta, Caption, Negative, ArticleBody }

/// <summary>The region a class or id value names; <see cref="Weak"/>: a negative kind named by weak cues only.</summary>
internal readonly record struct ClassCue(RegionKind Kind, bool Weak);

/// <summary>
/// The cues the extractor reads from class and id names and from short lines of text, taken from the data files
/// Languages/*/html-class-cues.txt and html-text-cues.txt of every language (a page's class names do not follow its
/// language, so all lists apply to every page).
/// </summary>
internal static class HtmlCues
{
    private static readonly Dictionary<string, RegionKind> ExactCues = new(StringComparer.Ordinal);
    /// <summary>Cues long enough to be matched as the start or end of a glued word ("socialshare").</summary>
    private static readonly List<(string Cue, RegionKind Kind)> AffixCues = [];
    /// <summary>
    /// Negative cues that name a place or an affordance rather than what a region is ("more", "next", "widget"): a
    /// "read-more" box may hold the rest of the story as well as links to other pages (kind "weakneg" in the data).
    /// </summary>
    private static readonly HashSet<string> WeakCues = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ClassCue> ClassCache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> BylineOpeners { get; }
    /// <summary>Words that join two authors' names in a byline ("et", "and"), of every language.</summary>
    public static IReadOnlyList<string> BylineConjunctions { get; }
    /// <summary>Lower-case words that may sit between the capitalised words of a name (name-particles.txt), of every language.</summary>
    public static IReadOnlyList<string> NameParticles { get; }
    public static IReadOnlyList<string> FurnitureOpeners { get; }
    /// <summary>Month names and abbreviations of every language with data (months.txt), lower case.</summary>
    public static IReadOnlySet<string> MonthNames { get; }
    /// <summary>Folded labels ("commentaires", "les plus lus") that open a non-article part of a page.</summary>
    public static IReadOnlySet<string> SectionLabels { get; }

    static HtmlCues()
    {
        var bylines = new List<string>();
        var conjunctions = new List<string>();
        var particles = new List<string>();
        var furniture = new List<string>();
        var sections = new HashSet<string>(StringComparer.Ordinal);
        var months = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in LanguageResources.Available)
        {
            var resources = LanguageResources.For(code);
            months.UnionWith(resources.Map("months").Keys);
            particles.AddRange(resources.Set("name-particles"));
            foreach (var (cue, kind) in resources.Map("html-class-cues"))
            {
                var region = kind switch
                {
                    "neg" or "weakneg" => RegionKind.Negative,
                    "meta" => RegionKind.Meta,
                    "caption" => RegionKind.Caption,
                    "pos" => RegionKind.Positive,
                    _ => RegionKind.Neutral,
                };
                if (region == RegionKind.Neutral) continue;
                if (kind == "weakneg") WeakCues.Add(cue);
                ExactCues[cue] = region;
                if (cue.Length >= 5) AffixCues.Add((cue, region));
            }
            foreach (var label in resources.Set("html-section-cues")) sections.Add(TextFolding.Key(label));
            foreach (var (phrase, kind) in resources.Map("html-text-cues"))
                (kind switch { "byline" => bylines, "byline-and" => conjunctions, _ => furniture }).Add(phrase);
        }
        AffixCues.Sort((a, b) => string.CompareOrdinal(a.Cue, b.Cue));
        BylineOpeners = bylines.Distinct().OrderByDescending(p => p.Length).ToArray();
        BylineConjunctions = conjunctions.Distinct().Order(StringComparer.Ordinal).ToArray();
        NameParticles = particles.Distinct().OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToArray();
        FurnitureOpeners = furniture.Distinct().OrderByDescending(p => p.Length).ToArray();
        SectionLabels = sections;
        MonthNames = months;
    }

    /// <summary>What a class or id value names: its kind (negative beats caption beats metadata beats positive), and
    /// whether a negative kind rests on weak cues only.</summary>
    public static ClassCue ClassKind(string value)
    {
        if (value.Length == 0) return default;
        if (ClassCache.TryGetValue(value, out var cached)) return cached;
        var cue = Classify(value);
        if (ClassCache.Count < 200_000) ClassCache.TryAdd(value, cue);
        return cue;
    }

    private static ClassCue Classify(string value)
    {
        var best = RegionKind.Neutral;
        var strongNegative = false;
        Span<char> word = stackalloc char[64];
        var length = 0;
        var hashEnd = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            // A run of letters and digits that mixes them like a hash ("e1ad", "3ad9", "css-1x2ad3") names nothing:
            // the letters it happens to hold ("ad") are not words.
            if (i > hashEnd && i < value.Length && char.IsLetterOrDigit(value[i]) && (i == 0 || !char.IsLetterOrDigit(value[i - 1])))
            {
                var end = i;
                while (end < value.Length && char.IsLetterOrDigit(value[end])) end++;
                if (IsHash(value.AsSpan(i, end - i))) hashEnd = end;
            }
            if (i < hashEnd) continue;
            var c = i < value.Length ? value[i] : ' ';
            var hump = length > 0 && char.IsUpper(c) && char.IsLower(word[length - 1]);
            if (!char.IsLetter(c) || hump)
            {
                if (length > 0)
                {
                    var (kind, weak) = WordKind(word[..length]);
                    best = Stronger(best, kind);
                    strongNegative |= kind == RegionKind.Negative && !weak;
                }
                length = 0;
                if (!char.IsLetter(c)) continue;
            }
            if (length < word.Length) word[length++] = c;
        }
        return new ClassCue(best, best == RegionKind.Negative && !strongNegative);
    }

    /// <summary>
    /// Letters and digits mixed as in a generated name: two runs of letters split by digits ("e1ad"), or letters between
    /// digits ("3ad9"). A word with a number after it ("sidebar2", "ad1") or before it ("2col") is still a word.
    /// </summary>
    private static bool IsHash(ReadOnlySpan<char> run)
    {
        var letterRuns = 0;
        var digitBefore = false;
        for (var i = 0; i < run.Length; i++)
        {
            if (!char.IsLetter(run[i])) continue;
            if (i > 0 && !char.IsLetter(run[i - 1])) digitBefore = true;
            letterRuns++;
            while (i + 1 < run.Length && char.IsLetter(run[i + 1])) i++;
            if (letterRuns >= 2 || (digitBefore && i + 1 < run.Length)) return true;
        }
        return false;
    }

    private static (RegionKind Kind, bool Weak) WordKind(Span<char> word)
    {
        for (var i = 0; i < word.Length; i++) word[i] = char.ToLowerInvariant(word[i]);
        var text = word.ToString();
        if (ExactCues.TryGetValue(text, out var exact)) return (exact, WeakCues.Contains(text));
        if (text.Length < 5) return (RegionKind.Neutral, false);
        var best = RegionKind.Neutral;
        var weak = false;
        foreach (var (cue, kind) in AffixCues)
            if (cue.Length < text.Length && (text.StartsWith(cue, StringComparison.Ordinal) || text.EndsWith(cue, StringComparison.Ordinal)))
            {
                if (Rank(kind) > Rank(best) || (kind == best && weak)) weak = WeakCues.Contains(cue);
                best = Stronger(best, kind);
            }
        return (best, weak);
    }

    public static RegionKind Stronger(RegionKind a, RegionKind b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(RegionKind kind) => kind switch
    {
        RegionKind.Negative => 4,
        RegionKind.Caption => 3,
        RegionKind.Meta => 2,
        RegionKind.Positive => 1,
        _ => 0,
    };

    /// <summary>True when a short line is a section label: "3 réactions", "Les plus lus", "Related stories:".</summary>
    public static bool IsSectionLabel(string text)
    {
        if (text.Length > 60) return false;
        var folded = TextFolding.Key(text).Trim(' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return folded.Length > 0 && SectionLabels.Contains(folded);
    }

    /// <summary>True when <paramref name="text"/> opens with one of <paramref name="phrases"/> as whole words.</summary>
    public static bool OpensWith(string text, IReadOnlyList<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Length < phrase.Length || !text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)) continue;
            if (text.Length == phrase.Length || !char.IsLetterOrDigit(text[phrase.Length])) return true;
        }
        return false;
    }
}
