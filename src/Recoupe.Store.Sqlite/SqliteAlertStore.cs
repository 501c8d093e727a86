using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// Alert rules, events and webhooks in the same SQLite file as the articles (tables of migration 0010), on a connection
/// of its own like <see cref="SqliteSourceStore"/>. Each call is one statement or one transaction, under a lock.
/// </summary>
public sealed partial class SqliteAlertStore : SqliteSideStore, IAlertStore, IHookStore
{
    private const string EventColumns =
        "seq AS Seq, id AS Id, rule_id AS RuleId, kind AS Kind, story_id AS StoryId, article_id AS ArticleId, at AS At, title AS Title, detail AS Detail";

    /// <param name="createIfMissing">False for a command that only reads: a missing file is an error, not a new database.</param>
    public SqliteAlertStore(string path = SqliteArticleStore.DefaultPath, bool createIfMissing = true) : base(path, createIfMissing) { }

    public IReadOnlyList<AlertRule> Rules() => Locked(() => Connection
        .Query<RuleRow>("SELECT id, kind, outlets, within_seconds, speaker, query, added_at FROM alert_rules ORDER BY id;")
        .Select(ToRule).ToList());

    public AlertRule AddRule(AlertRule rule, DateTime now) => Locked(() =>
    {
        var id = Connection.ExecuteScalar<long>(
            "INSERT INTO alert_rules (kind, outlets, within_seconds, speaker, query, added_at) VALUES (@kind, @outlets, @within, @speaker, @query, @now) RETURNING id;",
            new
            {
                kind = KindName(rule.Kind), outlets = rule.Outlets, within = rule.Within is { } w ? (long?)w.TotalSeconds : null,
                speaker = rule.Speaker, query = rule.Query, now = Time(now),
            });
        return rule with { Id = id, AddedAt = now };
    });

    public bool RemoveRule(long id) => Locked(() => Connection.Execute("DELETE FROM alert_rules WHERE id = @id;", new { id }) == 1);

    public long Position() => Locked(() => Connection.ExecuteScalar<long>("SELECT last_article FROM alert_position WHERE id = 1;"));

    public long GroupedUpTo() => Locked(() =>
        Connection.ExecuteScalar<long?>("SELECT last_article FROM story_index WHERE id = 1;") ?? 0);

    public IReadOnlyList<(long ArticleId, string StoryId)> StoriesOf(long after, long upTo) => Locked(() => Connection
        .Query<(long, string)>(
            "SELECT article_id, story_id FROM story_articles WHERE article_id > @after AND article_id <= @upTo ORDER BY article_id;",
            new { after, upTo })
        .ToList());

    public IReadOnlyList<AlertMark> Marks(string storyId) => Locked(() => Connection
        .Query<(long RuleId, long Outlets)>("SELECT rule_id, outlets FROM alert_marks WHERE story_id = @storyId;", new { storyId })
        .Select(m => new AlertMark(storyId, m.RuleId, (int)m.Outlets)).ToList());

    public IReadOnlyList<AlertEvent> Record(IReadOnlyList<NewAlert> events, IReadOnlyList<AlertMark> marks, long position, DateTime now) =>
        Locked(() =>
        {
            using var transaction = Connection.BeginTransaction();
            var hooks = ReadHooks(transaction);
            var added = new List<AlertEvent>();
            foreach (var e in events)
            {
                var seq = Connection.ExecuteScalar<long?>(
                    """
                    INSERT INTO alert_events (id, rule_id, kind, story_id, article_id, at, title, detail)
                    VALUES (@Id, @RuleId, @Kind, @StoryId, @ArticleId, @at, @Title, @Detail) ON CONFLICT (id) DO NOTHING RETURNING seq;
                    """,
                    new { e.Id, e.RuleId, e.Kind, e.StoryId, e.ArticleId, at = Time(now), e.Title, e.Detail }, transaction);
                if (seq is not { } s) continue;
                added.Add(new AlertEvent(s, e.Id, e.RuleId, e.Kind, e.StoryId, e.ArticleId, now, e.Title, e.Detail));
                foreach (var hook in hooks.Where(h => h.Wants(e.Kind)))
                    Connection.Execute("INSERT INTO hook_deliveries (hook_id, event_seq, next_attempt) VALUES (@hook, @seq, @now);",
                        new { hook = hook.Id, seq = s, now = Time(now) }, transaction);
            }
            foreach (var m in marks)
                Connection.Execute(
                    "INSERT INTO alert_marks (story_id, rule_id, outlets) VALUES (@StoryId, @RuleId, @Outlets) ON CONFLICT DO UPDATE SET outlets = excluded.outlets;",
                    m, transaction);
            Connection.Execute("UPDATE alert_position SET last_article = max(last_article, @position) WHERE id = 1;", new { position }, transaction);
            transaction.Commit();
            return (IReadOnlyList<AlertEvent>)added;
        });

    public IReadOnlyList<AlertEvent> EventsAfter(long afterSeq, int limit) => Locked(() => Connection
        .Query<EventRow>($"SELECT {EventColumns} FROM alert_events WHERE seq > @afterSeq ORDER BY seq LIMIT @limit;", new { afterSeq, limit })
        .Select(ToEvent).ToList());

    public IReadOnlyList<AlertEvent> Latest(int limit) => Locked(() => Connection
        .Query<EventRow>($"SELECT {EventColumns} FROM alert_events ORDER BY seq DESC LIMIT @limit;", new { limit })
        .Select(ToEvent).ToList());

    /// <summary>Times as ISO 8601 with all seven decimals, so that text order is time order (due deliveries are compared as text).</summary>
    private static string Time(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static string KindName(AlertRuleKind kind) => kind.ToString().ToLowerInvariant();

    private static AlertRule ToRule(RuleRow r) => new(r.id, Enum.Parse<AlertRuleKind>(r.kind, ignoreCase: true), (int?)r.outlets,
        r.within_seconds is { } w ? TimeSpan.FromSeconds(w) : null, r.speaker, r.query, ParseTime(r.added_at));

    private static AlertEvent ToEvent(EventRow r) =>
        new(r.Seq, r.Id, r.RuleId, r.Kind, r.StoryId, r.ArticleId, ParseTime(r.At), r.Title, r.Detail);

    // Dapper maps columns by name onto these (snake_case kept as the columns are).
#pragma warning disable IDE1006, CA1812
    private sealed class RuleRow
    {
        public long id { get; set; }
        public string kind { get; set; } = "";
        public long? outlets { get; set; }
        public long? within_seconds { get; set; }
        public string? speaker { get; set; }
        public string? query { get; set; }
        public string added_at { get; set; } = "";
    }

    /// <summary>An event row; a due delivery adds its own columns.</summary>
    private class EventRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public long RuleId { get; set; }
        public string Kind { get; set; } = "";
        public string? StoryId { get; set; }
        public long? ArticleId { get; set; }
        public string At { get; set; } = "";
        public string Title { get; set; } = "";
        public string Detail { get; set; } = "{}";
    }
#pragma warning restore IDE1006, CA1812

    private static IReadOnlyList<string> ParseEvents(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? ["*"];
}
