using System.Text.RegularExpressions;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// Dates as scraped pages print them next to titles and in header lines ("20 nov. 2015, 15:59", "Nov. 20, 2015",
/// "20/11/2015 15:59", "2015-11-20"). Month names come from every language's months.txt; built once.
/// </summary>
internal static class DatePatterns
{
    private static readonly string Core = BuildCore();

    /// <summary>A date (with an optional time) at the very end of a text, with the separator before it.</summary>
    public static readonly Regex Suffix = new(@"(?:^|[\s,|·–—-])\s*(?<date>" + Core + @")\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A date anywhere.</summary>
    public static readonly Regex Anywhere = new(@"(?<date>" + Core + ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>A day and month without a year ("27 juin", "Samedi 24 août"): a date line only in a page header.</summary>
    public static readonly Regex DayMonth = new(@"\b\d{1,2}(?:er|st|nd|rd|th)?\s+(?:" + Months() + @")\b\.?(?:\s+\d{4})?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static string Months()
    {
        var months = string.Join("|", CleaningLexicon.Shared.MonthNames.Select(Regex.Escape));
        return months.Length == 0 ? "(?!)" : months;
    }

    private static string BuildCore()
    {
        var months = Months();
        const string time = @"(?:\s*(?:,|-|–|à|at|@)?\s*\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?";
        return @"(?:\b\d{1,2}(?:er|st|nd|rd|th)?\s+(?:" + months + @")\.?\s+\d{4}"
               + @"|\b(?:" + months + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
               + @"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
               + @"|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
               + time;
    }

    /// <summary>Splits a trailing date off a title: ("Poutine : «…»", "20 nov. 2015, 15:59"); null date when none.</summary>
    public static (string Text, string? Date) SplitSuffix(string text)
    {
        if (!MayEndWithDate(text)) return (text, null);
        var match = Suffix.Match(text);
        if (!match.Success) return (text, null);
        var date = match.Groups["date"];
        var head = text[..date.Index].TrimEnd(' ', ',', '|', '·', '-', '–', '—', ':');
        if (head.Length == 0) return (text, null);
        return (head, date.Value.Trim());
    }

    /// <summary>
    /// Whether <see cref="Suffix"/> can match at all: every date it knows ends, before trailing blanks, in a digit, in
    /// the 'Z' of a UTC time or in the 'm' of "pm" ("p.m." alone ends in a period). The repeat rule asks this of every short
    /// block and of the title, most of which end a sentence: not trying the regex from each position of those (with
    /// <see cref="BoilerplateCleaner"/>'s digit test before <see cref="Anywhere"/>) took the clean stage of
    /// `bench/Recoupe.Bench -- ingest` on fr-news from 303 to 273 µs/article of CPU (medians of six rounds alternated
    /// with the build before; five rounds ×0.80–0.94, one ×1.11 on a machine shared by eight agents).
    /// </summary>
    private static bool MayEndWithDate(string text)
    {
        var i = text.Length - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i])) i--; // what \s* takes before $
        if (i < 1) return false; // a date has more than one character
        if (text[i] == '.') return text[i - 1] is 'm' or 'M'; // "p.m."
        return char.IsDigit(text[i]) || text[i] is 'm' or 'M' or 'z' or 'Z';
    }
}
