using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// The dated events the articles mention: every resolved date of the articles' own text (not the headline, not the
/// dateline, not the article's own time stamp, not the start of a period: "depuis lundi") with the sentence that
/// holds it as the event. Sentences about the same date that say the same thing (in other words across articles, or
/// repeated within one) become one event with all their sources.
/// </summary>
internal static class TimelineBuilder
{
    private const int MinContentTerms = 4;
    private const double SameEvent = 0.25;
    /// <summary>Two sentences of one article naming the same day are one event only when one nearly repeats the other.</summary>
    private const double SameEventInArticle = 0.6;

    private sealed record Mention(SentenceText Sentence, DateMention Date, DateOnly Value, string Precision);

    public static List<TimelineEvent> Build(StoryText story)
    {
        var mentions = new List<Mention>();
        var storyLast = story.Articles.Select(a => a.Day).Where(d => d is not null).Max();
        foreach (var article in story.Articles)
        {
            var seen = new HashSet<(int, DateOnly)>();
            foreach (var found in article.Article.Dates.OrderBy(d => d.Start))
            {
                var (date, precision) = (found, Precision(found));
                // an article with no date of its own: its partial dates are read against the story's last day
                if (date.Value is null && article.Day is null && storyLast is { } last && AgainstStory(article, date, last) is { } resolved)
                    (date, precision) = (date with { Value = resolved.Value }, resolved.Precision);
                if (date.Value is not { } value) continue;
                // a full date with a clock time on the publication day is the article's own time stamp, not an event
                if (date.Time is not null && value == article.Day) continue;
                if (article.Article.Dateline is { } dl && date.Start < dl.End && dl.Start < date.End) continue;
                var sentence = article.SentenceAt(date.Start);
                if (sentence is null || sentence.Role is ParagraphRole.Title or ParagraphRole.Heading) continue;
                if (sentence.Terms.Count(t => t[0] != '#') < MinContentTerms) continue;
                // "14 morts depuis lundi": the day counting began, not the day of what the sentence reports
                var before = article.WordsBefore(date.Start, sentence.Start, 2);
                if (before.Count > 0 && (article.Language.IsPeriodStart(before[0])
                                         || (before.Count > 1 && article.Language.IsStopword(before[0]) && article.Language.IsPeriodStart(before[1]))))
                    continue;
                // one event per sentence and day, however many times the sentence names it
                if (!seen.Add((sentence.Index, value))) continue;
                mentions.Add(new Mention(sentence, date, value, precision));
            }
        }

        var events = new List<TimelineEvent>();
        // an about-day mention and an exact one of the same day may report one event: they are compared as one day
        foreach (var day in mentions.GroupBy(m => (m.Value, Precision: DayKey(m.Precision))).OrderBy(g => g.Key.Value))
        {
            var list = day.ToList();
            var parent = Enumerable.Range(0, list.Count).ToArray();
            var members = Enumerable.Range(0, list.Count).Select(i => new List<int> { i }).ToArray();
            int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i].Sentence, list[j].Sentence);
                    if (!SameEventAs(a, b)) continue;
                    var (ra, rb) = (Find(i), Find(j));
                    if (ra == rb || !CanJoin(list, members[ra], members[rb])) continue;
                    var (keep, gone) = (Math.Min(ra, rb), Math.Max(ra, rb));
                    parent[gone] = keep;
                    members[keep].AddRange(members[gone]);
                }
            foreach (var cluster in Enumerable.Range(0, list.Count).GroupBy(Find).Select(g => g.Select(i => list[i]).ToList()))
                events.Add(Event(cluster, day.Key.Value));
        }
        var order = story.Articles.ToDictionary(a => a.Id, a => a.Index);
        return events
            .OrderBy(e => e.Date)
            .ThenBy(e => order[e.Sources[0].Evidence.ArticleId])
            .ThenBy(e => e.Sources[0].Evidence.Start)
            .ToList();
    }

    /// <summary>
    /// Whether two sentences naming one day report one event: in one article, a near copy (a repeated lead or
    /// paragraph); across articles, enough words in common, or the same fact by meaning (entities, numbers, polarity
    /// and the predicate through the thesaurus: <see cref="SentenceAlignment.Aligns"/>).
    /// </summary>
    private static bool SameEventAs(SentenceText a, SentenceText b)
    {
        var cosine = a.Vector.Cosine(b.Vector);
        if (a.Article == b.Article) return cosine >= SameEventInArticle;
        return cosine >= SameEvent && a.Vector.Shared(b.Vector) >= 2 || SentenceAlignment.Aligns(a, b, out _);
    }

    /// <summary>
    /// Whether two events may become one: not when that would put two sentences of one article that are no near copy
    /// of each other in one event. An article tells one event once, so a loose match across articles must not chain
    /// two of its sentences (two copies of one article would otherwise fold their sentences of a day into one event).
    /// </summary>
    private static bool CanJoin(List<Mention> list, List<int> first, List<int> second)
    {
        foreach (var x in first)
            foreach (var y in second)
            {
                var (a, b) = (list[x].Sentence, list[y].Sentence);
                if (a.Article == b.Article && a != b && a.Vector.Cosine(b.Vector) < SameEventInArticle) return false;
            }
        return true;
    }

    private static string Precision(DateMention date) => date.Precision is "month" or "year" ? date.Precision : "day";

    private static string DayKey(string precision) => precision == "about-day" ? "day" : precision;

    /// <summary>
    /// A partial date of an article with no date of its own, read against the story's last day: a day and month take
    /// the year that puts them near it (the day is exact); a weekday is the latest such day on or before it, or the
    /// first after it when the text looks forward ("mercredi prochain", a future tense), and "hier" / "demain" count
    /// from it, both "about" that day, as the article may be older. Articles stored before partial dates were kept
    /// give their lone weekdays only, read backwards.
    /// </summary>
    private static (DateOnly Value, string Precision)? AgainstStory(ArticleText article, DateMention date, DateOnly last)
    {
        if (date.Unresolved is { } partial)
        {
            var found = new FoundDate(date.Start, date.End)
            {
                Month = partial.Month, Day = partial.Day, Weekday = partial.Weekday, Forward = partial.Forward, RelativeDays = partial.RelativeDays,
            };
            return found.Resolve(last) is { } value ? (value, partial.Month is not null ? "day" : "about-day") : null;
        }
        return Weekday(article, date) is { } iso ? (last.AddDays(-((IsoDay(last) - iso + 7) % 7)), "about-day") : null;
    }

    /// <summary>The ISO day number (1 = Monday) of a date mention that is a weekday alone ("dimanche"), else null.</summary>
    private static int? Weekday(ArticleText article, DateMention date) =>
        date.End <= article.Article.Text.Length
        && DateVocabulary.Default.Weekdays.TryGetValue(TextFolding.Lower(article.Article.Text[date.Start..date.End].Trim()), out var iso) ? iso : null;

    private static int IsoDay(DateOnly day) => day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;

    private static TimelineEvent Event(List<Mention> cluster, DateOnly value)
    {
        // an event an exact date names keeps that date's precision and evidence, however many outlets it has "about" it
        var precision = cluster.Any(m => m.Precision != "about-day") ? cluster.First(m => m.Precision != "about-day").Precision : "about-day";
        // the event's wording: the sentence closest to the others (the first one when alone), of an exact date first
        var main = cluster
            .OrderBy(m => m.Precision == "about-day" && precision != "about-day" ? 1 : 0)
            .ThenByDescending(m => cluster.Sum(o => o == m ? 0 : o.Sentence.Vector.Cosine(m.Sentence.Vector)))
            .ThenBy(m => m.Sentence.Article.Index).ThenBy(m => m.Sentence.Start)
            .First();
        var ordered = cluster.OrderBy(m => m.Sentence.Article.Index).ThenBy(m => m.Sentence.Start).ToList();
        var outlets = new List<string>();
        foreach (var m in ordered)
            if (!outlets.Contains(m.Sentence.Article.Outlet)) outlets.Add(m.Sentence.Article.Outlet);
        return new TimelineEvent
        {
            Date = value,
            Precision = precision,
            Text = main.Sentence.Text,
            Evidence = main.Sentence.Evidence,
            DateEvidence = Evidence.Of(main.Sentence.Article.Article, main.Date),
            Outlets = outlets,
            Sources = ordered.DistinctBy(m => m.Sentence.Article).Select(m => new TimelineSource(m.Sentence.Article.Outlet, m.Sentence.Evidence)).ToList(),
        };
    }
}
