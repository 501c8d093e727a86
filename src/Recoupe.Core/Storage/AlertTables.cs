using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using static Recoupe.Core.Storage.DbStatements;

namespace Recoupe.Core.Storage;

/// <summary>
/// Alert rules, events and webhooks, in the tables every store creates alike (SQLite migration 0010, PostgreSQL 0008:
/// the same names and columns, times as ISO 8601 text): the statements here are the same in both dialects, run over
/// the ADO.NET connection the store gives (<see cref="Use{T}"/>), so the rules of recording (an event once under its id,
/// a delivery row per hook that wants it in the event's transaction, a position that only moves forward) are written
/// once. Each call is one statement or one transaction.
/// </summary>
public abstract class AlertTables : IAlertStore, IHookStore
{
    private const string EventColumns = "seq, id, rule_id, kind, story_id, article_id, at, title, detail";

    /// <summary>Runs <paramref name="body"/> on a connection of the store (SQLite: its one connection under its lock; PostgreSQL: one from the pool).</summary>
    protected abstract T Use<T>(Func<DbConnection, T> body);

    public IReadOnlyList<AlertRule> Rules() => Use(c =>
        Query(c, null, "SELECT id, kind, outlets, within_seconds, speaker, query, added_at FROM alert_rules ORDER BY id;", ReadRule));

    public AlertRule AddRule(AlertRule rule, DateTime now) => Use(c =>
    {
        var id = Scalar(c, null,
            "INSERT INTO alert_rules (kind, outlets, within_seconds, speaker, query, added_at) VALUES (@kind, @outlets, @within, @speaker, @query, @now) RETURNING id;",
            ("kind", KindName(rule.Kind)), ("outlets", (long?)rule.Outlets), ("within", rule.Within is { } w ? (long?)w.TotalSeconds : null),
            ("speaker", rule.Speaker), ("query", rule.Query), ("now", Time(now)));
        return rule with { Id = Convert.ToInt64(id, CultureInfo.InvariantCulture), AddedAt = now };
    });

    public bool RemoveRule(long id) => Use(c => Execute(c, null, "DELETE FROM alert_rules WHERE id = @id;", ("id", id)) == 1);

    public long Position() => Use(c => Long(Scalar(c, null, "SELECT last_article FROM alert_position WHERE id = 1;")) ?? 0);

    public long GroupedUpTo() => Use(c => Long(Scalar(c, null, "SELECT last_article FROM story_index WHERE id = 1;")) ?? 0);

    public IReadOnlyList<(long ArticleId, string StoryId)> StoriesOf(long after, long upTo) => Use(c => Query(c, null,
        "SELECT article_id, story_id FROM story_articles WHERE article_id > @after AND article_id <= @upTo ORDER BY article_id;",
        r => (r.GetInt64(0), r.GetString(1)), ("after", after), ("upTo", upTo)));

    public IReadOnlyList<AlertMark> Marks(string storyId) => Use(c => Query(c, null,
        "SELECT rule_id, outlets FROM alert_marks WHERE story_id = @storyId;",
        r => new AlertMark(storyId, r.GetInt64(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)), ("storyId", storyId)));

    public IReadOnlyList<AlertEvent> Record(IReadOnlyList<NewAlert> events, IReadOnlyList<AlertMark> marks, long position, DateTime now) =>
        Use(c =>
        {
            using var transaction = c.BeginTransaction();
            var hooks = ReadHooks(c, transaction);
            var added = new List<AlertEvent>();
            foreach (var e in events)
            {
                var seq = Long(Scalar(c, transaction,
                    """
                    INSERT INTO alert_events (id, rule_id, kind, story_id, article_id, at, title, detail)
                    VALUES (@id, @rule, @kind, @story, @article, @at, @title, @detail) ON CONFLICT (id) DO NOTHING RETURNING seq;
                    """,
                    ("id", e.Id), ("rule", e.RuleId), ("kind", e.Kind), ("story", e.StoryId), ("article", e.ArticleId), ("at", Time(now)),
                    ("title", e.Title), ("detail", e.Detail)));
                if (seq is not { } s) continue;
                added.Add(new AlertEvent(s, e.Id, e.RuleId, e.Kind, e.StoryId, e.ArticleId, now, e.Title, e.Detail));
                foreach (var hook in hooks.Where(h => h.Wants(e.Kind)))
                    Execute(c, transaction, "INSERT INTO hook_deliveries (hook_id, event_seq, next_attempt) VALUES (@hook, @seq, @now);",
                        ("hook", hook.Id), ("seq", s), ("now", Time(now)));
            }
            foreach (var m in marks)
                Execute(c, transaction,
                    "INSERT INTO alert_marks (story_id, rule_id, outlets) VALUES (@story, @rule, @outlets) ON CONFLICT (story_id, rule_id) DO UPDATE SET outlets = excluded.outlets;",
                    ("story", m.StoryId), ("rule", m.RuleId), ("outlets", m.Outlets));
            // Only forward: a slower detector that read less never moves the position back.
            Execute(c, transaction, "UPDATE alert_position SET last_article = @position WHERE id = 1 AND last_article < @position;",
                ("position", position));
            transaction.Commit();
            return (IReadOnlyList<AlertEvent>)added;
        });

    public IReadOnlyList<AlertEvent> EventsAfter(long afterSeq, int limit) => Use(c => Query(c, null,
        $"SELECT {EventColumns} FROM alert_events WHERE seq > @afterSeq ORDER BY seq LIMIT @limit;", r => ReadEvent(r, 0),
        ("afterSeq", afterSeq), ("limit", limit)));

    public IReadOnlyList<AlertEvent> Latest(int limit) => Use(c => Query(c, null,
        $"SELECT {EventColumns} FROM alert_events ORDER BY seq DESC LIMIT @limit;", r => ReadEvent(r, 0), ("limit", limit)));

    public Webhook AddHook(string url, string secret, IReadOnlyList<string> events, DateTime now) => Use(c =>
    {
        // Events found before the hook existed are not sent to it.
        var firstSeq = Long(Scalar(c, null, "SELECT max(seq) FROM alert_events;")) ?? 0;
        var id = Scalar(c, null,
            "INSERT INTO hooks (url, secret, events, added_at, first_seq) VALUES (@url, @secret, @events, @now, @firstSeq) RETURNING id;",
            ("url", url), ("secret", secret), ("events", JsonSerializer.Serialize(events)), ("now", Time(now)), ("firstSeq", firstSeq));
        return new Webhook(Convert.ToInt64(id, CultureInfo.InvariantCulture), url, secret, events, now);
    });

    public bool RemoveHook(long id) => Use(c => Execute(c, null, "DELETE FROM hooks WHERE id = @id;", ("id", id)) == 1);

    public IReadOnlyList<Webhook> Hooks() => Use(c => ReadHooks(c, null));

    public IReadOnlyList<HookDelivery> Due(DateTime now, int limit) => Use(c =>
    {
        var hooks = ReadHooks(c, null).ToDictionary(h => h.Id);
        var prefixed = string.Join(", ", EventColumns.Split(", ").Select(column => "e." + column));
        return Query(c, null,
                $"""
                SELECT {prefixed}, d.hook_id, d.attempts, d.next_attempt
                FROM hook_deliveries d JOIN alert_events e ON e.seq = d.event_seq
                WHERE d.status = 'pending' AND d.next_attempt <= @now ORDER BY d.event_seq, d.hook_id LIMIT @limit;
                """,
                r => (Event: ReadEvent(r, 0), HookId: r.GetInt64(9), Attempts: Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture),
                    Next: ParseTime(r.GetString(11))),
                ("now", Time(now)), ("limit", limit))
            .Where(d => hooks.ContainsKey(d.HookId))
            .Select(d => new HookDelivery(hooks[d.HookId], d.Event, DeliveryStatus.Pending, d.Attempts, d.Next))
            .ToList();
    });

    public DateTime? NextDue() => Use(c =>
        Scalar(c, null, "SELECT min(next_attempt) FROM hook_deliveries WHERE status = 'pending';") is string next ? ParseTime(next) : (DateTime?)null);

    public void SaveAttempt(HookDelivery delivery, HookAttempt attempt) => Use(c =>
    {
        using var transaction = c.BeginTransaction();
        var status = delivery.Status.ToString().ToLowerInvariant();
        Execute(c, transaction,
            """
            UPDATE hook_deliveries SET status = @status, attempts = @attempts, next_attempt = @next,
                delivered_at = CASE WHEN @delivered THEN @at ELSE delivered_at END
            WHERE hook_id = @hook AND event_seq = @seq;
            """,
            ("status", status), ("attempts", delivery.Attempts), ("next", Time(delivery.NextAttempt)),
            ("delivered", delivery.Status == DeliveryStatus.Delivered), ("at", Time(attempt.At)), ("hook", delivery.Hook.Id),
            ("seq", delivery.Event.Seq));
        Execute(c, transaction,
            "INSERT INTO hook_attempts (hook_id, event_seq, attempt, at, status, error, millis) VALUES (@hook, @seq, @attempt, @at, @status, @error, @millis);",
            ("hook", attempt.HookId), ("seq", attempt.EventSeq), ("attempt", attempt.Attempt), ("at", Time(attempt.At)),
            ("status", attempt.Status), ("error", attempt.Error), ("millis", attempt.Millis));
        transaction.Commit();
        return 0;
    });

    public IReadOnlyList<HookAttempt> Log(int limit) => Use(c => Query(c, null,
        """
        SELECT a.hook_id, a.event_seq, coalesce(e.id, ''), a.attempt, a.at, a.status, a.error, a.millis
        FROM hook_attempts a LEFT JOIN alert_events e ON e.seq = a.event_seq ORDER BY a.id DESC LIMIT @limit;
        """,
        r => new HookAttempt(r.GetInt64(0), r.GetInt64(1), r.GetString(2), Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture),
            ParseTime(r.GetString(4)), r.IsDBNull(5) ? null : Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture),
            r.IsDBNull(6) ? null : r.GetString(6), r.GetInt64(7)),
        ("limit", limit)));

    public IReadOnlyDictionary<DeliveryStatus, long> Counts() => Use(c =>
    {
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (status, count) in Query(c, null, "SELECT status, count(*) FROM hook_deliveries GROUP BY status;", r => (r.GetString(0), r.GetInt64(1))))
            counts[Enum.Parse<DeliveryStatus>(status, ignoreCase: true)] = count;
        return (IReadOnlyDictionary<DeliveryStatus, long>)counts;
    });

    public abstract void Dispose();

    /// <summary>A rule kind as stored and shown: "outlets", "growth", "conflict", "speaker".</summary>
    public static string KindName(AlertRuleKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Times as ISO 8601 with all seven decimals, so that text order is time order (due deliveries are compared as text).</summary>
    public static string Time(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc).ToString("o", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static List<Webhook> ReadHooks(DbConnection c, DbTransaction? transaction) => Query(c, transaction,
        "SELECT id, url, secret, events, added_at FROM hooks ORDER BY id;",
        r => new Webhook(r.GetInt64(0), r.GetString(1), r.GetString(2),
            JsonSerializer.Deserialize<List<string>>(r.GetString(3)) ?? ["*"], ParseTime(r.GetString(4))));

    private static AlertRule ReadRule(DbDataReader r) => new(r.GetInt64(0), Enum.Parse<AlertRuleKind>(r.GetString(1), ignoreCase: true),
        r.IsDBNull(2) ? null : Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
        r.IsDBNull(3) ? null : TimeSpan.FromSeconds(Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), ParseTime(r.GetString(6)));

    /// <summary>The event columns (<see cref="EventColumns"/>) from <paramref name="at"/> on.</summary>
    private static AlertEvent ReadEvent(DbDataReader r, int at) => new(r.GetInt64(at), r.GetString(at + 1), r.GetInt64(at + 2),
        r.GetString(at + 3), r.IsDBNull(at + 4) ? null : r.GetString(at + 4), r.IsDBNull(at + 5) ? null : r.GetInt64(at + 5),
        ParseTime(r.GetString(at + 6)), r.GetString(at + 7), r.GetString(at + 8));
}
