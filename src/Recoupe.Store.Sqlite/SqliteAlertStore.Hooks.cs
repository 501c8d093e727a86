using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>Webhooks, their deliveries and the log of attempts.</summary>
public sealed partial class SqliteAlertStore
{
    public Webhook AddHook(string url, string secret, IReadOnlyList<string> events, DateTime now) => Locked(() =>
    {
        // Events found before the hook existed are not sent to it.
        var firstSeq = Connection.ExecuteScalar<long?>("SELECT max(seq) FROM alert_events;") ?? 0;
        var id = Connection.ExecuteScalar<long>(
            "INSERT INTO hooks (url, secret, events, added_at, first_seq) VALUES (@url, @secret, @events, @now, @firstSeq) RETURNING id;",
            new { url, secret, events = JsonSerializer.Serialize(events), now = Time(now), firstSeq });
        return new Webhook(id, url, secret, events, now);
    });

    public bool RemoveHook(long id) => Locked(() => Connection.Execute("DELETE FROM hooks WHERE id = @id;", new { id }) == 1);

    public IReadOnlyList<Webhook> Hooks() => Locked(() => ReadHooks(null));

    private List<Webhook> ReadHooks(SqliteTransaction? transaction) => Connection
        .Query<(long Id, string Url, string Secret, string Events, string AddedAt)>(
            "SELECT id, url, secret, events, added_at FROM hooks ORDER BY id;", transaction: transaction)
        .Select(h => new Webhook(h.Id, h.Url, h.Secret, ParseEvents(h.Events), ParseTime(h.AddedAt)))
        .ToList();

    public IReadOnlyList<HookDelivery> Due(DateTime now, int limit) => Locked(() =>
    {
        var hooks = ReadHooks(null).ToDictionary(h => h.Id);
        return Connection
            .Query<DueRow>(
                $"""
                SELECT d.hook_id AS HookId, d.attempts AS Attempts, d.next_attempt AS NextAttempt, {Prefixed("e")}
                FROM hook_deliveries d JOIN alert_events e ON e.seq = d.event_seq
                WHERE d.status = 'pending' AND d.next_attempt <= @now ORDER BY d.event_seq, d.hook_id LIMIT @limit;
                """,
                new { now = Time(now), limit })
            .Where(r => hooks.ContainsKey(r.HookId))
            .Select(r => new HookDelivery(hooks[r.HookId], ToEvent(r), DeliveryStatus.Pending, (int)r.Attempts, ParseTime(r.NextAttempt)))
            .ToList();
    });

    private static string Prefixed(string alias) =>
        string.Join(", ", EventColumns.Split(", ").Select(c => alias + "." + c));

    public DateTime? NextDue() => Locked(() =>
        Connection.ExecuteScalar<string?>("SELECT min(next_attempt) FROM hook_deliveries WHERE status = 'pending';") is { } next
            ? ParseTime(next) : (DateTime?)null);

    public void SaveAttempt(HookDelivery delivery, HookAttempt attempt) => Locked(() =>
    {
        using var transaction = Connection.BeginTransaction();
        Connection.Execute(
            """
            UPDATE hook_deliveries SET status = @status, attempts = @attempts, next_attempt = @next,
                delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END
            WHERE hook_id = @hook AND event_seq = @seq;
            """,
            new
            {
                status = delivery.Status.ToString().ToLowerInvariant(), attempts = delivery.Attempts, next = Time(delivery.NextAttempt),
                at = Time(attempt.At), hook = delivery.Hook.Id, seq = delivery.Event.Seq,
            }, transaction);
        Connection.Execute(
            "INSERT INTO hook_attempts (hook_id, event_seq, attempt, at, status, error, millis) VALUES (@HookId, @EventSeq, @Attempt, @at, @Status, @Error, @Millis);",
            new { attempt.HookId, attempt.EventSeq, attempt.Attempt, at = Time(attempt.At), attempt.Status, attempt.Error, attempt.Millis },
            transaction);
        transaction.Commit();
        return 0;
    });

    public IReadOnlyList<HookAttempt> Log(int limit) => Locked(() => Connection
        .Query<(long HookId, long EventSeq, string EventId, long Attempt, string At, long? Status, string? Error, long Millis)>(
            """
            SELECT a.hook_id, a.event_seq, coalesce(e.id, ''), a.attempt, a.at, a.status, a.error, a.millis
            FROM hook_attempts a LEFT JOIN alert_events e ON e.seq = a.event_seq ORDER BY a.id DESC LIMIT @limit;
            """, new { limit })
        .Select(a => new HookAttempt(a.HookId, a.EventSeq, a.EventId, (int)a.Attempt, ParseTime(a.At), (int?)a.Status, a.Error, a.Millis))
        .ToList());

    public IReadOnlyDictionary<DeliveryStatus, long> Counts() => Locked(() =>
    {
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (status, count) in Connection.Query<(string, long)>("SELECT status, count(*) FROM hook_deliveries GROUP BY status;"))
            counts[Enum.Parse<DeliveryStatus>(status, ignoreCase: true)] = count;
        return (IReadOnlyDictionary<DeliveryStatus, long>)counts;
    });

#pragma warning disable CA1812
    private sealed class DueRow : EventRow
    {
        public long HookId { get; set; }
        public long Attempts { get; set; }
        public string NextAttempt { get; set; } = "";
    }
#pragma warning restore CA1812
}
