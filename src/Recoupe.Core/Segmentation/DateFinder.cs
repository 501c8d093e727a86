using System.Text.RegularExpressions;
using Recoupe.Core.Languages;
using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>A date or time as written, before it is resolved against a reference date. Offsets index the scanned text.</summary>
public sealed record FoundDate(int Start, int End)
{
    public int? Year { get; init; }
    public int? Month { get; init; }
    public int? Day { get; init; }
    /// <summary>ISO weekday (1 = Monday) when the text names one.</summary>
    public int? Weekday { get; init; }
    /// <summary>A weekday the text looks forward to ("mercredi prochain", "ne commencera pas avant mercredi"): the first such day after the reference.</summary>
    public bool Forward { get; init; }
    /// <summary>The weekday that opens the range this weekday closes ("de mardi à mercredi"): this one is the first such day after it.</summary>
    public FoundDate? RangeStart { get; init; }
    /// <summary>Days after the reference date for "hier", "demain", "today".</summary>
    public int? RelativeDays { get; init; }
    public TimeOnly? Time { get; init; }
    /// <summary>How far after the reference date a date without year may fall before the previous year is taken.</summary>
    public const int FutureWindowDays = 60;

    /// <summary>"day", "month", "year" or "time" (a time of day alone).</summary>
    public string Precision { get; init; } = "day";

    public bool IsFull => Year is not null && Month is not null && Day is not null;

    /// <summary>
    /// The calendar day meant, using <paramref name="reference"/> (the publication day) for what the text leaves out:
    /// a weekday is the latest such day on or before it; a day and month without year take the latest year that does not put them
    /// more than <see cref="FutureWindowDays"/> after it; a month alone gives its first day. Null when the text and the reference do not settle it.
    /// </summary>
    public DateOnly? Resolve(DateOnly? reference)
    {
        if (RelativeDays is { } offset) return reference?.AddDays(offset);
        if (Month is { } month)
        {
            var day = Day ?? 1;
            if (Year is { } year) return IsValid(year, month, day) ? new DateOnly(year, month, day) : null;
            if (reference is not { } r) return null;
            // The latest year that does not put the date far after publication (news reports the past and the near future).
            for (var candidate = r.Year + 1; candidate >= r.Year - 1; candidate--)
            {
                if (!IsValid(candidate, month, day)) continue;
                var date = new DateOnly(candidate, month, day);
                if (date.DayNumber - r.DayNumber <= FutureWindowDays) return date;
            }
            return null;
        }
        if (Year is { } onlyYear && Precision == "year") return new DateOnly(onlyYear, 1, 1);
        if (Weekday is { } closing && RangeStart?.Resolve(reference) is { } start)
        {
            // a range runs forwards: its end is the first such weekday after its start
            var ahead = (closing - (((int)start.DayOfWeek + 6) % 7 + 1) + 7) % 7;
            return start.AddDays(ahead == 0 ? 7 : ahead);
        }
        if (Weekday is { } weekday && reference is { } refDay)
        {
            var back = ((int)refDay.DayOfWeek + 6) % 7 + 1 - weekday; // ISO numbers on both sides
            if (Forward) return refDay.AddDays(back >= 0 ? 7 - back : -back);
            if (back < 0) back += 7;
            return refDay.AddDays(-back);
        }
        return null;
    }

    public static bool IsValid(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
}

/// <summary>Month, weekday and cue words of every language with data (Languages/{code}/months.txt, weekdays.txt, date_cues.txt).</summary>
public sealed class DateVocabulary
{
    private static readonly Lazy<DateVocabulary> Shared = new(() => Load(LanguageResources.Available));

    public Dictionary<string, int> Months { get; } = new(StringComparer.Ordinal);
    /// <summary>Month forms that are also common words of their language ("may", "sept"): read as months only when capitalised or abbreviated with a period.</summary>
    public HashSet<string> AmbiguousMonths { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Weekdays { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Articles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> MonthCues { get; } = new(StringComparer.Ordinal);
    public HashSet<string> YearCues { get; } = new(StringComparer.Ordinal);
    public HashSet<string> TimeLinks { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HourMarks { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OrdinalSuffixes { get; } = new(StringComparer.Ordinal);
    /// <summary>Marks after a 12-hour clock time: "am", "p.m.".</summary>
    public HashSet<string> BeforeNoon { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AfterNoon { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Relative { get; } = new(StringComparer.Ordinal);
    /// <summary>Words that make a weekday next to them the coming one ("prochain", "next").</summary>
    public HashSet<string> NextCues { get; } = new(StringComparer.Ordinal);
    /// <summary>Words that put a sentence in the future ("will", "shall").</summary>
    public HashSet<string> FutureWords { get; } = new(StringComparer.Ordinal);
    /// <summary>Endings of future-tense verbs ("-era", "-ront") and the common words that end so without being one ("opéra").</summary>
    public List<string> FutureEndings { get; } = [];
    public HashSet<string> NotFuture { get; } = new(StringComparer.Ordinal);
    /// <summary>Auxiliaries of a past tense ("a", "has") and the endings of the participles they take ("-é", "-ed").</summary>
    public HashSet<string> PastAuxiliaries { get; } = new(StringComparer.Ordinal);
    public List<string> PastParticipleEndings { get; } = [];
    /// <summary>Words between two weekdays that make them a range ("de mardi à mercredi", "from Monday to Friday").</summary>
    public HashSet<string> RangeLinks { get; } = new(StringComparer.Ordinal);

    public static DateVocabulary Default => Shared.Value;

    public static DateVocabulary Load(IEnumerable<string> languages)
    {
        var vocabulary = new DateVocabulary();
        foreach (var code in languages)
        {
            var data = LanguageResources.For(code);
            // A month form that is also a common word of its own language ("may", "sept") needs a sign it is a month.
            var commonWords = data.Lines("stopwords").Select(SegmentationRules.Normalise).ToHashSet(StringComparer.Ordinal);
            foreach (var (word, value) in Pairs(data.Lines("months")))
            {
                if (!int.TryParse(value, out var month)) continue;
                vocabulary.Months.TryAdd(word, month);
                if (commonWords.Contains(word)) vocabulary.AmbiguousMonths.Add(word);
            }
            foreach (var (word, value) in Pairs(data.Lines("weekdays")))
                if (int.TryParse(value, out var day)) vocabulary.Weekdays.TryAdd(word, day);
            foreach (var line in data.Lines("date_cues"))
            {
                var fields = line.Split('\t');
                if (fields.Length < 2) continue;
                var word = SegmentationRules.Normalise(fields[0]);
                switch (fields[1].Trim())
                {
                    case "article": vocabulary.Articles.Add(word); break;
                    case "month-cue": vocabulary.MonthCues.Add(word); break;
                    case "year-cue": vocabulary.YearCues.Add(word); break;
                    case "time-link": vocabulary.TimeLinks.Add(word); break;
                    case "hour-mark": vocabulary.HourMarks.Add(word); break;
                    case "ordinal": vocabulary.OrdinalSuffixes.Add(word); break;
                    case "before-noon": vocabulary.BeforeNoon.Add(word); break;
                    case "after-noon": vocabulary.AfterNoon.Add(word); break;
                    case "next": vocabulary.NextCues.Add(word); break;
                    case "future": vocabulary.FutureWords.Add(word); break;
                    case "future-ending": vocabulary.FutureEndings.Add(word); break;
                    case "not-future": vocabulary.NotFuture.Add(word); break;
                    case "past-auxiliary": vocabulary.PastAuxiliaries.Add(word); break;
                    case "past-participle-ending": vocabulary.PastParticipleEndings.Add(word); break;
                    case "range-link": vocabulary.RangeLinks.Add(word); break;
                    case "relative" when fields.Length > 2 && int.TryParse(fields[2], out var offset):
                        vocabulary.Relative.TryAdd(word, offset); break;
                }
            }
        }
        return vocabulary;
    }

    private static IEnumerable<(string Word, string Value)> Pairs(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            var fields = line.Split('\t');
            if (fields.Length >= 2) yield return (SegmentationRules.Normalise(fields[0]), fields[1].Trim());
        }
    }
}

/// <summary>
/// Finds dates and times in tokenised text: "le 30 septembre", "20 nov. 2015, 15:59", "March 3, 2020", "2015-11-20",
/// "20/11/2015", "vendredi", "en fin d'octobre" (month), "en 2015" (year), "15h30", "hier". Words come from
/// <see cref="DateVocabulary"/>, so a new language is a data change.
/// </summary>
public sealed partial class DateFinder(DateVocabulary vocabulary)
{
    public static DateFinder Default { get; } = new(DateVocabulary.Default);

    [GeneratedRegex(@"\G(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?(?![\d])")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\G(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.])")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^(\d{1,2})h(\d{2})?$")]
    private static partial Regex GluedTime();

    /// <summary>Dates in tokens[first, end) of <paramref name="text"/>, in text order, not overlapping.</summary>
    public List<FoundDate> Find(string text, IReadOnlyList<Token> tokens, int first, int end)
    {
        var found = new List<FoundDate>();
        var i = first;
        while (i < end)
        {
            var date = TryAt(text, tokens, i, first, end, out var next);
            if (date is not null)
            {
                // "de mardi à mercredi": the second weekday closes a range the first opens
                if (date.Weekday is not null && date.Day is null && found.Count > 0 && found[^1] is { Weekday: not null, Day: null, Month: null } opening
                    && i == next - 1 && i >= first + 2 && tokens[i - 1].Kind == TokenKind.Word && vocabulary.RangeLinks.Contains(tokens[i - 1].Norm)
                    && tokens[i - 2].End == opening.End)
                    date = date with { RangeStart = opening };
                found.Add(date);
                i = next;
            }
            else i++;
        }
        return found;
    }

    /// <summary>Tokenises <paramref name="text"/> and finds its dates.</summary>
    public List<FoundDate> Find(string text)
    {
        var tokens = new List<Token>();
        Tokenizer.Default.Tokenize(text, 0, text.Length, tokens);
        return Find(text, tokens, 0, tokens.Count);
    }

    private FoundDate? TryAt(string text, IReadOnlyList<Token> t, int i, int first, int end, out int next)
    {
        next = i + 1;
        var token = t[i];
        var norm = token.Norm;

        if (token.Kind == TokenKind.Number)
        {
            if (TryNumeric(text, t, i, end, out var numeric, out next)) return numeric;
        }

        if (vocabulary.Relative.TryGetValue(norm, out var relative))
            return new FoundDate(token.Start, token.End) { RelativeDays = relative };

        // Optional weekday, then optional article, then a day and a month ("vendredi 20 novembre", "le 1er mai").
        var pos = i;
        int? weekday = null;
        if (vocabulary.Weekdays.TryGetValue(norm, out var wd))
        {
            weekday = wd;
            pos++;
            if (pos < end && t[pos].Norm == ",") pos++;
        }
        if (pos < end && vocabulary.Articles.Contains(t[pos].Norm)) pos++;

        if (pos < end && DayNumber(text, t[pos]) is { } day && pos + 1 < end && MonthOf(text, t[pos + 1]) is { } month)
        {
            var last = pos + 1;
            int? year = null;
            if (last + 1 < end && YearOf(t[last + 1]) is { } y) { year = y; last++; }
            var time = TimeAfter(text, t, last, end, out var timeEnd);
            if (time is not null) last = timeEnd;
            next = last + 1;
            return new FoundDate(token.Start, t[last].End)
            {
                Weekday = weekday, Day = day, Month = month, Year = year, Time = time,
            };
        }

        // Month first: "March 3, 2020", "Nov. 20", "Friday, November 20, 2015".
        if (pos < end && MonthOf(text, t[pos]) is { } monthFirst)
        {
            var last = pos;
            int? dayAfter = null, year = null;
            if (last + 1 < end && DayNumber(text, t[last + 1]) is { } d && !(last + 2 < end && t[last + 2].Norm == ":"))
            {
                dayAfter = d;
                last++;
                var comma = last + 1 < end && t[last + 1].Norm == "," ? 1 : 0;
                if (last + 1 + comma < end && YearOf(t[last + 1 + comma]) is { } y) { year = y; last += 1 + comma; }
            }
            else if (last + 1 < end && YearOf(t[last + 1]) is { } y)
            {
                year = y;
                last++;
            }

            if (dayAfter is not null)
            {
                var time = TimeAfter(text, t, last, end, out var timeEnd);
                if (time is not null) last = timeEnd;
                next = last + 1;
                return new FoundDate(t[i].Start, t[last].End) { Weekday = weekday, Day = dayAfter, Month = monthFirst, Year = year, Time = time };
            }
            // A month alone is a date when a cue precedes it ("en octobre", "fin d'octobre") or a year follows it.
            if (weekday is null && (year is not null || pos > first && vocabulary.MonthCues.Contains(t[pos - 1].Norm)))
            {
                next = last + 1;
                return new FoundDate(t[pos].Start, t[last].End) { Month = monthFirst, Year = year, Precision = "month" };
            }
        }

        if (weekday is not null)
        {
            next = i + 1;
            return new FoundDate(token.Start, token.End) { Weekday = weekday, Forward = LooksForward(text, t, first, i) };
        }

        // "mi-novembre": a hyphenated month cue.
        if (token.Kind == TokenKind.Word && norm.IndexOf('-') is > 0 and var hyphen
            && vocabulary.MonthCues.Contains(norm[..hyphen]) && vocabulary.Months.TryGetValue(norm[(hyphen + 1)..], out var cuedMonth))
        {
            var last = i;
            int? year = null;
            if (last + 1 < end && YearOf(t[last + 1]) is { } y) { year = y; last++; }
            next = last + 1;
            return new FoundDate(token.Start, t[last].End) { Month = cuedMonth, Year = year, Precision = "month" };
        }

        // A year after a cue: "en 2015", "since 2011".
        if (YearOf(token) is { } lone && i > first && vocabulary.YearCues.Contains(t[i - 1].Norm) && lone is >= 1900 and <= 2100)
            return new FoundDate(token.Start, token.End) { Year = lone, Precision = "year" };

        // A time of day alone: "15:59", "15h30", "à 10 h".
        var alone = TimeAt(text, t, i, end, out var aloneEnd, requireMinutes: !(i > first && vocabulary.TimeLinks.Contains(t[i - 1].Norm)));
        if (alone is not null)
        {
            next = aloneEnd + 1;
            // A time written before its date: "22:05, 18 Mar 2026".
            var after = next < end && t[next].Norm == "," ? next + 1 : next;
            if (after < end && t[after].Start - t[aloneEnd].End <= 2
                && TryAt(text, t, after, first, end, out var dateEnd) is { Precision: "day", Time: null, Month: not null } date)
            {
                next = dateEnd;
                return date with { Start = token.Start, Time = alone };
            }
            return new FoundDate(token.Start, t[aloneEnd].End) { Time = alone, Precision = "time" };
        }
        return null;
    }

    /// <summary>
    /// Whether a weekday at token <paramref name="i"/> looks forward: a "next" cue beside it ("mercredi prochain", "next
    /// Wednesday"), or a verb in the future earlier in its sentence ("ne commencera pas avant mercredi", "will meet on
    /// Monday"), unless the weekday follows a verb in a past tense ("ouvrira vendredi…, a annoncé mardi"). Otherwise the weekday is the latest such day, as news mostly reports what happened.
    /// </summary>
    private bool LooksForward(string text, IReadOnlyList<Token> t, int first, int i)
    {
        if (i + 1 < t.Count && vocabulary.NextCues.Contains(t[i + 1].Norm)) return true;
        if (i > first && vocabulary.NextCues.Contains(t[i - 1].Norm)) return true;
        // "…, a annoncé mardi": a weekday right after a verb in a past tense dates that verb, whatever tense came before
        if (i - 2 >= first && vocabulary.PastAuxiliaries.Contains(t[i - 2].Norm) && t[i - 1].Kind == TokenKind.Word
            && vocabulary.PastParticipleEndings.Any(e => t[i - 1].Norm.EndsWith(e, StringComparison.Ordinal))) return false;
        for (var k = i - 1; k >= first; k--)
        {
            var token = t[k];
            if (token.Kind == TokenKind.Punctuation && token.Norm is "." or "!" or "?" or ";") break;
            if (token.Kind != TokenKind.Word) continue;
            var word = token.Norm;
            if (vocabulary.FutureWords.Contains(word)) return true;
            // a verb is written in lower case ("Alexandra" is a name)
            if (word.Length >= 4 && char.IsLower(text[token.Start]) && !vocabulary.NotFuture.Contains(word)
                && vocabulary.FutureEndings.Any(e => word.EndsWith(e, StringComparison.Ordinal))) return true;
        }
        return false;
    }

    private bool TryNumeric(string text, IReadOnlyList<Token> t, int i, int end, out FoundDate? date, out int next)
    {
        date = null;
        next = i + 1;
        var start = t[i].Start;
        var iso = IsoDate().Match(text, start);
        if (iso.Success)
        {
            int year = int.Parse(iso.Groups[1].Value), month = int.Parse(iso.Groups[2].Value), day = int.Parse(iso.Groups[3].Value);
            if (!FoundDate.IsValid(year, month, day)) return false;
            TimeOnly? time = iso.Groups[4].Success && ValidTime(int.Parse(iso.Groups[4].Value), int.Parse(iso.Groups[5].Value)) is { } tm ? tm : null;
            date = new FoundDate(start, start + iso.Length) { Year = year, Month = month, Day = day, Time = time };
            next = SkipTo(t, i, end, start + iso.Length);
            return true;
        }
        var numeric = NumericDate().Match(text, start);
        if (numeric.Success)
        {
            int a = int.Parse(numeric.Groups[1].Value), b = int.Parse(numeric.Groups[3].Value), year = int.Parse(numeric.Groups[4].Value);
            // Day first (European) unless only the other reading is a valid month.
            var (day, month) = b > 12 && a <= 12 ? (b, a) : (a, b);
            if (!FoundDate.IsValid(year, month, day)) return false;
            next = SkipTo(t, i, end, start + numeric.Length);
            var last = next - 1;
            var time = TimeAfter(text, t, last, end, out var timeEnd);
            if (time is not null) next = timeEnd + 1;
            date = new FoundDate(start, t[next - 1].End) { Year = year, Month = month, Day = day, Time = time };
            return true;
        }
        return false;
    }

    private static int SkipTo(IReadOnlyList<Token> t, int i, int end, int offset)
    {
        while (i < end && t[i].Start < offset) i++;
        return i;
    }

    /// <summary>A time right after a date: optional comma, optional link word ("à", "at"), then the time.</summary>
    private TimeOnly? TimeAfter(string text, IReadOnlyList<Token> t, int last, int end, out int timeEnd)
    {
        timeEnd = last;
        var pos = last + 1;
        if (pos < end && t[pos].Norm is "," or "-" or "–") pos++;
        var linked = pos < end && vocabulary.TimeLinks.Contains(t[pos].Norm);
        if (linked) pos++;
        if (pos >= end) return null;
        return TimeAt(text, t, pos, end, out timeEnd, requireMinutes: !linked);
    }

    /// <summary>A clock time at <paramref name="pos"/>, with a 12-hour mark after it read ("10:30 PM" → 22:30).</summary>
    private TimeOnly? TimeAt(string text, IReadOnlyList<Token> t, int pos, int end, out int timeEnd, bool requireMinutes)
    {
        var time = ClockAt(text, t, pos, end, out timeEnd, requireMinutes);
        if (time is not { } clock || timeEnd + 1 >= end) return time;
        var mark = t[timeEnd + 1].Norm;
        var afterNoon = vocabulary.AfterNoon.Contains(mark);
        if (!afterNoon && !vocabulary.BeforeNoon.Contains(mark) || clock.Hour is 0 or > 12) return time;
        timeEnd++;
        var hour = clock.Hour % 12 + (afterNoon ? 12 : 0);
        return new TimeOnly(hour, clock.Minute);
    }

    /// <summary>"15:59", "15h59", "15 h 59"; an hour alone ("15h", "10 h") only when <paramref name="requireMinutes"/> is false.</summary>
    private TimeOnly? ClockAt(string text, IReadOnlyList<Token> t, int pos, int end, out int timeEnd, bool requireMinutes)
    {
        timeEnd = pos;
        var token = t[pos];
        if (token.Kind == TokenKind.Word)
        {
            var glued = GluedTime().Match(token.Norm);
            if (!glued.Success || requireMinutes && !glued.Groups[2].Success) return null;
            return ValidTime(int.Parse(glued.Groups[1].Value), glued.Groups[2].Success ? int.Parse(glued.Groups[2].Value) : 0);
        }
        if (token.Kind != TokenKind.Number || token.Norm.Length > 2 || !int.TryParse(token.Norm, out var hour)) return null;
        if (pos + 2 < end && t[pos + 1].Norm == ":" && t[pos + 1].Start == token.End && t[pos + 2].Start == t[pos + 1].End
            && t[pos + 2].Kind == TokenKind.Number && t[pos + 2].Norm.Length == 2)
        {
            timeEnd = pos + 2;
            return ValidTime(hour, int.Parse(t[pos + 2].Norm));
        }
        if (pos + 1 < end && vocabulary.HourMarks.Contains(t[pos + 1].Norm))
        {
            if (pos + 2 < end && t[pos + 2].Kind == TokenKind.Number && t[pos + 2].Norm.Length == 2 && t[pos + 2].Start - t[pos + 1].End <= 1)
            {
                timeEnd = pos + 2;
                return ValidTime(hour, int.Parse(t[pos + 2].Norm));
            }
            if (requireMinutes) return null;
            timeEnd = pos + 1;
            return ValidTime(hour, 0);
        }
        return null;
    }

    private static TimeOnly? ValidTime(int hour, int minute) =>
        hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;

    private int? DayNumber(string text, Token token)
    {
        string digits;
        if (token.Kind == TokenKind.Number) digits = token.Norm;
        else if (token.Kind == TokenKind.Word)
        {
            var n = 0;
            while (n < token.Norm.Length && char.IsAsciiDigit(token.Norm[n])) n++;
            if (n == 0 || !vocabulary.OrdinalSuffixes.Contains(token.Norm[n..])) return null;
            digits = token.Norm[..n];
        }
        else return null;
        return digits.Length <= 2 && int.TryParse(digits, out var day) && day is >= 1 and <= 31 ? day : null;
    }

    private int? MonthOf(string text, Token token)
    {
        if (token.Kind != TokenKind.Word) return null;
        var norm = token.Norm.TrimEnd('.');
        if (!vocabulary.Months.TryGetValue(norm, out var month)) return null;
        if (vocabulary.AmbiguousMonths.Contains(norm) && !char.IsUpper(text[token.Start]) && !token.Norm.EndsWith('.')) return null;
        return month;
    }

    private static int? YearOf(Token token) =>
        token.Kind == TokenKind.Number && token.Norm.Length == 4 && int.TryParse(token.Norm, out var year) && year is >= 1000 and <= 2999 ? year : null;
}
