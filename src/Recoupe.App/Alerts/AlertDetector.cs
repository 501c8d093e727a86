using System.Globalization;
using System.Text.Json;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Text;

namespace Recoupe.App.Alerts;

/// <summary>What one detection pass read and found.</summary>
public sealed record AlertRun(int ArticlesRead, int StoriesChecked, IReadOnlyList<AlertEvent> Events);

/// <summary>
/// Finds story events after each grouping: it reads the articles grouped since its position (whoever grouped them:
/// ingest, the server, watch, another process), checks the stories they are now in against every rule, and records the
/// events, the stories' marks and its new position in one transaction. Each event has an id made of its rule, its story
/// (or article) and what happened, so a pass run again, or after a kill, adds nothing twice. Deterministic: the same
/// stories give the same events and ids; only the time found comes from the clock.
/// </summary>
public sealed class AlertDetector(IAlertStore alerts, IStoryReadStore stories, IArticleReadStore articles, TimeProvider? clock = null)
{
    /// <summary>A conflict is looked for in stories of at most this many articles (the digest of a huge story costs seconds).</summary>
    public const int MaxConflictStorySize = 60;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DateTime Now => (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public AlertRun Run()
    {
        var position = alerts.Position();
        var upTo = alerts.GroupedUpTo();
        if (upTo <= position) return new AlertRun(0, 0, []);
        var rules = alerts.Rules();
        var grouped = alerts.StoriesOf(position, upTo);
        var events = new List<NewAlert>();
        var marks = new List<AlertMark>();
        var storyIds = grouped.Select(g => g.StoryId).Distinct(StringComparer.Ordinal).ToList();
        var storyRules = rules.Where(r => r.Kind != AlertRuleKind.Speaker).ToList();
        if (storyRules.Count > 0)
        {
            foreach (var storyId in storyIds)
            {
                var trigger = grouped.Last(g => g.StoryId == storyId).ArticleId;
                CheckStory(storyId, trigger, storyRules, events, marks);
            }
        }
        var speakerRules = rules.Where(r => r.Kind == AlertRuleKind.Speaker && r.Speaker is not null).ToList();
        if (speakerRules.Count > 0)
            foreach (var (articleId, storyId) in grouped)
                CheckStatements(articleId, storyId, speakerRules, events);
        var recorded = alerts.Record(events, marks, upTo, Now);
        return new AlertRun(grouped.Count, storyIds.Count, recorded);
    }

    private void CheckStory(string storyId, long trigger, List<AlertRule> rules, List<NewAlert> events, List<AlertMark> marks)
    {
        if (stories.Get(storyId) is not { } story) return;
        var outlets = story.Outlets.Count;
        var folded = Folded(story);
        var previous = alerts.Marks(storyId).ToDictionary(m => m.RuleId, m => m.Outlets);
        IReadOnlyList<StoryMember>? members = null;
        foreach (var rule in rules)
        {
            if (!Holds(folded, rule.Query)) continue;
            var mark = previous.GetValueOrDefault(rule.Id, 0);
            switch (rule.Kind)
            {
                case AlertRuleKind.Outlets when previous.ContainsKey(rule.Id) is false && outlets >= (rule.Outlets ?? 3):
                    events.Add(StoryEvent(rule, AlertKinds.NewStory, $"r{rule.Id}-{storyId}-new", story, trigger,
                        new { outlets, threshold = rule.Outlets ?? 3 }));
                    marks.Add(new AlertMark(storyId, rule.Id, outlets));
                    break;
                case AlertRuleKind.Growth when outlets >= mark + (rule.Outlets ?? 2):
                    members ??= stories.Members(storyId);
                    var window = rule.Within ?? TimeSpan.FromHours(6);
                    var gained = OutletsGainedWithin(members, window);
                    // Growth is of a story that was already covered: one whose every outlet came within the window is new (the outlets rule).
                    if (gained.Count < (rule.Outlets ?? 2) || gained.Count >= outlets) break;
                    events.Add(StoryEvent(rule, AlertKinds.Growing, $"r{rule.Id}-{storyId}-grew-{outlets}", story, trigger,
                        new { outlets, gained = gained.Count, gainedOutlets = gained, withinHours = window.TotalHours }));
                    marks.Add(new AlertMark(storyId, rule.Id, outlets));
                    break;
                case AlertRuleKind.Conflict when outlets >= 2 && story.Size <= MaxConflictStorySize:
                    members ??= stories.Members(storyId);
                    foreach (var conflict in Conflicts(story, members))
                        events.Add(StoryEvent(rule, AlertKinds.Conflict, $"r{rule.Id}-{storyId}-conflict-{conflict.Key}", story, trigger,
                            conflict.Detail));
                    break;
            }
        }
    }

    /// <summary>
    /// The outlets whose first article in the story is dated within <paramref name="window"/> of its latest dated article:
    /// the outlets it gained lately. Undated articles count as not within (no date, no speed).
    /// </summary>
    public static List<string> OutletsGainedWithin(IReadOnlyList<StoryMember> members, TimeSpan window)
    {
        var dated = members.Where(m => m.Published is not null && !string.IsNullOrWhiteSpace(m.Outlet)).ToList();
        if (dated.Count == 0) return [];
        var latest = dated.Max(m => m.Published!.Value);
        return dated.GroupBy(m => m.Outlet!, StringComparer.Ordinal)
            .Where(g => g.Min(m => m.Published!.Value) >= latest - window)
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
    }

    private sealed record FoundConflict(string Key, object Detail);

    /// <summary>Pairs of figures from two outlets that cannot both be true (the digest's conflicts), each with a key from what they say.</summary>
    private IEnumerable<FoundConflict> Conflicts(StoredStory story, IReadOnlyList<StoryMember> members)
    {
        var stored = members.Select(m => articles.Get(m.ArticleId)).OfType<StoredArticle>().ToList();
        if (stored.Count < 2 || stored.All(a => a.Figures.Count == 0)) yield break;
        var digest = DigestBuilder.Build(stored, new DigestOptions { StoryId = story.Id, StoryLabel = story.Label });
        foreach (var quantity in digest.Figures)
        {
            foreach (var claim in quantity.Claims)
            {
                foreach (var c in claim.Conflicts)
                {
                    var (a, b) = (claim.Items[c.First], claim.Items[c.Second]);
                    if (a.Outlet == b.Outlet) continue;
                    var sides = new[] { $"{a.Outlet}={a.Value.ToString(CultureInfo.InvariantCulture)}", $"{b.Outlet}={b.Value.ToString(CultureInfo.InvariantCulture)}" }
                        .Order(StringComparer.Ordinal);
                    var key = StableHash.Of($"{quantity.Counts}|{quantity.Unit}|{claim.Scope}|{string.Join('|', sides)}").ToString("x16", CultureInfo.InvariantCulture)[..10];
                    yield return new FoundConflict(key, new
                    {
                        counts = quantity.Counts, unit = quantity.Unit, scope = claim.Scope, reason = c.Reason,
                        figures = new[] { a, b }.Select(f => new { outlet = f.Outlet, value = f.Value, articleId = f.ArticleId, text = f.Evidence.Text }),
                    });
                }
            }
        }
    }

    private void CheckStatements(long articleId, string storyId, List<AlertRule> rules, List<NewAlert> events)
    {
        if (articles.Get(articleId) is not { } article || article.Quotes.Count == 0) return;
        StoredStory? story = null;
        foreach (var rule in rules)
        {
            var filter = new SpeakerFilter(rule.Speaker!);
            foreach (var quote in article.Quotes.Where(q => filter.Matches(q.SpeakerName, q.SpeakerKey)))
            {
                story ??= stories.Get(storyId);
                if (story is not null && !Holds(Folded(story), rule.Query)) return;
                var detail = new
                {
                    story = story is null ? null : new { id = story.Id, headline = story.Headline, outlets = story.Outlets },
                    speaker = quote.SpeakerName, text = article.Text[quote.Start..quote.End], articleId, outlet = DigestBuilder.OutletName(article),
                    start = quote.Start, end = quote.End,
                };
                events.Add(new NewAlert($"r{rule.Id}-a{articleId}-q{quote.Start}", rule.Id, AlertKinds.Statement, story?.Id ?? storyId, articleId,
                    story?.Headline ?? article.Metadata.Title ?? "", JsonSerializer.Serialize(detail, Json)));
            }
        }
    }

    private static NewAlert StoryEvent(AlertRule rule, string kind, string id, StoredStory story, long trigger, object what) =>
        new(id, rule.Id, kind, story.Id, trigger, story.Headline, JsonSerializer.Serialize(new
        {
            story = new { id = story.Id, headline = story.Headline, label = story.Label, size = story.Size, outlets = story.Outlets },
            what,
        }, Json));

    private static string Folded(StoredStory story) =>
        TextFolding.Fold(string.Join(' ', new[] { story.Label, story.Headline }.Concat(story.KeyEntities).Concat(story.KeyWords)));

    /// <summary>Every word of the query (folded) is a word or a word's start in the story's text; no query holds for every story.</summary>
    private static bool Holds(string foldedStory, string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return true;
        var words = foldedStory.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TextFolding.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(q => words.Any(w => w.StartsWith(q, StringComparison.Ordinal)));
    }
}
