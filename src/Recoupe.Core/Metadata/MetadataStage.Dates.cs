using System.Globalization;
using System.Text.RegularExpressions;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Metadata;

/// <summary>The publication date: dated lines of the page, the source's date field, the dateline's day, and times merged into a known day.</summary>
public sealed partial class MetadataStage
{
    // ---- Dates -----------------------------------------------------------------------------------------------

    /// <summary>A full date found on a short line; strong when the line is a date line or the title with its date.</summary>
    private sealed record DatedLine(FoundDate Date, bool Strong);

    private List<DatedLine> FindDatedLines(List<Line> lines, string? title)
    {
        var found = new List<DatedLine>();
        var titleKey = title is null ? null : Key(title);
        foreach (var line in lines)
        {
            foreach (var date in dates.Find(line.Text))
            {
                if (!date.IsFull) continue;
                var rest = (line.Text[..date.Start] + " " + line.Text[date.End..]).Trim();
                // The date's own field of a "Par X | Publié le 08/03/2026 à 10:00 | Lecture 3 min" line.
                var (fieldStart, fieldEnd) = FieldAround(line.Text, date.Start, date.End);
                var fieldRest = line.Text[fieldStart..date.Start] + " " + line.Text[date.End..fieldEnd];
                var restWords = fieldRest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));
                var isTitleLine = titleKey is { Length: > 0 } && Key(rest).StartsWith(titleKey, StringComparison.Ordinal);
                found.Add(new DatedLine(date, restWords <= 4 || isTitleLine));
            }
        }
        return found;
    }

    /// <summary>Separators between the fields of a meta line ("Par X · Publié le … · Lecture 6 min").</summary>
    private static readonly string[] FieldSeparators = [" | ", " · ", " • ", " - ", " – ", " — "];

    private static (int Start, int End) FieldAround(string line, int start, int end)
    {
        var fieldStart = 0;
        var fieldEnd = line.Length;
        foreach (var separator in FieldSeparators)
        {
            var before = line.LastIndexOf(separator, Math.Max(0, start - 1), StringComparison.Ordinal);
            if (before >= 0 && before + separator.Length <= start) fieldStart = Math.Max(fieldStart, before + separator.Length);
            var after = line.IndexOf(separator, end, StringComparison.Ordinal);
            if (after >= 0) fieldEnd = Math.Min(fieldEnd, after);
        }
        return (fieldStart, fieldEnd);
    }

    /// <summary>The first field of a meta line: "Par Mathilde Crozes | Publié le …" → "Par Mathilde Crozes".</summary>
    private static string FirstField(string line)
    {
        var (_, end) = FieldAround(line, 0, 0);
        return line[..end].Trim();
    }

    private static string Key(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private void SetPublished(Document document, SourceFields fields, List<DatedLine> datedLines, Dateline? dateline)
    {
        var metadata = document.Metadata;
        var strong = datedLines.FirstOrDefault(d => d.Strong)?.Date;
        var weak = datedLines.FirstOrDefault()?.Date;

        if (metadata.Published is null && ParseSourceDate(fields.Date) is { } fromSource)
        {
            metadata.Published = fromSource.Value;
            metadata.PublishedFrom = "source";
            if (!fromSource.HasTime) MergeTime(metadata, strong);
        }
        else if (metadata.Published is not null && metadata.Published.Value.TimeOfDay == TimeSpan.Zero)
        {
            MergeTime(metadata, strong);
        }

        if (metadata.Published is null && strong is not null)
            Publish(metadata, strong, "text");

        // The dateline's year: its own, else the one that fits a known date (see FoundDate.Resolve), else the one year other full dates agree on.
        if (dateline is not null)
        {
            var reference = metadata.Published is { } p ? DateOnly.FromDateTime(p) : weak?.Resolve(null);
            var found = new FoundDate(dateline.Start, dateline.End) { Month = dateline.Month, Day = dateline.Day, Year = dateline.Date?.Year };
            var resolved = dateline.Date ?? found.Resolve(reference) ?? ResolveWithAgreedYear(found, datedLines);
            if (resolved is not null && dateline.Date is null)
                document.Dateline = dateline with { Date = resolved };
            if (metadata.Published is null && resolved is { } day)
            {
                metadata.Published = day.ToDateTime(TimeOnly.MinValue);
                metadata.PublishedFrom = "dateline";
            }
        }

        if (metadata.Published is null && weak is not null)
            Publish(metadata, weak, "text");

        // A day known without its time takes the time a page line gives for that day ("11/03/2026 19:05").
        if (metadata.Published is { } chosen && chosen.TimeOfDay == TimeSpan.Zero)
            foreach (var dated in datedLines.OrderByDescending(d => d.Strong))
                if (dated.Date.Time is not null && MergeTime(metadata, dated.Date)) break;
    }

    private static DateOnly? ResolveWithAgreedYear(FoundDate found, List<DatedLine> datedLines)
    {
        var years = datedLines.Select(d => d.Date.Year!.Value).Distinct().ToList();
        return years.Count == 1 ? (found with { Year = years[0] }).Resolve(null) : null;
    }

    private static void Publish(ArticleMetadata metadata, FoundDate date, string from)
    {
        if (date.Resolve(null) is not { } day) return;
        metadata.Published = day.ToDateTime(date.Time ?? TimeOnly.MinValue);
        metadata.PublishedFrom = from;
    }

    private static bool MergeTime(ArticleMetadata metadata, FoundDate? textDate)
    {
        if (textDate?.Time is not { } time || textDate.Resolve(null) is not { } day) return false;
        if (metadata.Published is not { } published || DateOnly.FromDateTime(published) != day) return false;
        metadata.Published = day.ToDateTime(time);
        return true;
    }

    [GeneratedRegex(@"^\s*(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:[A-Z]{1,4}|[+-]\d{2}:?\d{2}|Z)?\s*$")]
    private static partial Regex Rfc822();

    /// <summary>A date from the source's field: ISO 8601, RFC 822 (feeds), or a written date ("20 novembre 2015"). Clock time as written.</summary>
    private (DateTime Value, bool HasTime)? ParseSourceDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        var rfc = Rfc822().Match(text);
        if (rfc.Success && DateVocabulary.Default.Months.TryGetValue(rfc.Groups[2].Value.ToLowerInvariant(), out var month))
        {
            var year = int.Parse(rfc.Groups[3].Value, CultureInfo.InvariantCulture);
            if (year < 100) year += year < 50 ? 2000 : 1900;
            var day = int.Parse(rfc.Groups[1].Value, CultureInfo.InvariantCulture);
            if (!FoundDate.IsValid(year, month, day)) return null;
            var hasTime = rfc.Groups[4].Success;
            var time = hasTime ? new TimeOnly(Math.Min(23, int.Parse(rfc.Groups[4].Value)), Math.Min(59, int.Parse(rfc.Groups[5].Value))) : TimeOnly.MinValue;
            return (new DateOnly(year, month, day).ToDateTime(time), hasTime);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            return (DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), text.Contains(':'));
        var written = dates.Find(text).FirstOrDefault(d => d.IsFull);
        if (written?.Resolve(null) is { } writtenDay)
            return (writtenDay.ToDateTime(written.Time ?? TimeOnly.MinValue), written.Time is not null);
        return null;
    }
}
