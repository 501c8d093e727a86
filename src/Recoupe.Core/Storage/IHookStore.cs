namespace Recoupe.Core.Storage;

/// <summary>A webhook: alert events of the given kinds (or "*") found after it was added are POSTed to its URL, signed with its secret.</summary>
public sealed record Webhook(long Id, string Url, string Secret, IReadOnlyList<string> Events, DateTime AddedAt)
{
    public bool Wants(string kind) => Events.Contains("*") || Events.Contains(kind, StringComparer.Ordinal);
}

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>One event to send to one hook, with the attempts made so far and when the next is due.</summary>
public sealed record HookDelivery(Webhook Hook, AlertEvent Event, DeliveryStatus Status, int Attempts, DateTime NextAttempt);

/// <summary>One attempt as logged: the receiver's HTTP status, or the error that stood for one.</summary>
public sealed record HookAttempt(long HookId, long EventSeq, string EventId, int Attempt, DateTime At, int? Status, string? Error,
    long Millis);

/// <summary>Webhooks and their deliveries (rows written by <see cref="IAlertStore.Record"/> with each event).</summary>
public interface IHookStore : IDisposable
{
    Webhook AddHook(string url, string secret, IReadOnlyList<string> events, DateTime now);

    bool RemoveHook(long id);

    IReadOnlyList<Webhook> Hooks();

    /// <summary>Pending deliveries due at <paramref name="now"/>, oldest event first.</summary>
    IReadOnlyList<HookDelivery> Due(DateTime now, int limit);

    /// <summary>When the next pending delivery is due, if any.</summary>
    DateTime? NextDue();

    /// <summary>Saves a delivery's new state and logs the attempt, in one transaction.</summary>
    void SaveAttempt(HookDelivery delivery, HookAttempt attempt);

    /// <summary>The latest attempts, newest first.</summary>
    IReadOnlyList<HookAttempt> Log(int limit);

    /// <summary>How many deliveries are in each state.</summary>
    IReadOnlyDictionary<DeliveryStatus, long> Counts();
}
