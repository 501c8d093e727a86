using Recoupe.Core.Model;

namespace Recoupe.Core.Segmentation;

/// <summary>
/// Finds dates and times the text mentions ("le 30 septembre", "20 nov. 2015, 15:59", "mardi") and resolves them
/// against the publication date: a weekday is the latest such day on or before it, a day and month take the latest
/// year that does not put them far after it, a month alone its first day (precision "month"), a lone year its 1 January
/// (precision "year"); a time alone (precision "time") keeps no day. Without a publication date, partial dates keep no value.
/// </summary>
public sealed class DatesStage(DateFinder finder) : IDocumentStage
{
    public DatesStage() : this(DateFinder.Default) { }

    public string Name => "dates";

    public void Run(Document document)
    {
        DateOnly? reference = document.Metadata.Published is { } published ? DateOnly.FromDateTime(published) : null;
        var tokens = document.Tokens;
        var k = 0;
        foreach (var paragraph in document.Paragraphs)
        {
            while (k < tokens.Count && tokens[k].Start < paragraph.Start) k++;
            var first = k;
            while (k < tokens.Count && tokens[k].End <= paragraph.End) k++;
            foreach (var found in finder.Find(document.Text, tokens, first, k))
            {
                document.Dates.Add(new DateMention(found.Start, found.End)
                {
                    Value = found.Precision == "time" ? null : found.Resolve(reference),
                    Time = found.Time,
                    Precision = found.Precision,
                    Unresolved = reference is null ? Partial(found) : null,
                });
            }
        }
    }

    /// <summary>
    /// What a day-precise date without its year or its day says, to be resolved later against other dates (the
    /// closing weekday of a range is left out: it depends on the range's start).
    /// </summary>
    private static PartialDate? Partial(FoundDate found) =>
        found.Precision == "day" && found.Year is null && found.RangeStart is null
        && (found.Weekday is not null && found.Month is null || found.RelativeDays is not null || found.Month is not null && found.Day is not null)
            ? new PartialDate(found.Month, found.Day, found.Month is null ? found.Weekday : null, found.Forward, found.RelativeDays)
            : null;
}
