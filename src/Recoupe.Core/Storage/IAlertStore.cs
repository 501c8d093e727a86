namespace Recoupe.Core.Storage;

/// <summary>What a rule alerts on.</summary>
public enum AlertRuleKind
{
    /// <summary>A story reaches <see cref="AlertRule.Outlets"/> outlets.</summary>
    Outlets,
    /// <summary>A story gains <see cref="AlertRule.Outlets"/> outlets within <see cref="AlertRule.Within"/>.</summary>
    Growth,
    /// <summary>Figures of two outlets about the same quantity disagree.</summary>
    Conflict,
    /// <summary>A new statement by <see cref="AlertRule.Speaker"/>.</summary>
    Speaker,
}

/// <summary>A rule: which story events matter; <see cref="Query"/> (words) narrows a story rule to stories that hold them all.</summary>
public sealed record AlertRule(long Id, AlertRuleKind Kind, int? Outlets, TimeSpan? Within, string? Speaker, string? Query, DateTime AddedAt);

/// <summary>The kinds of event, as stored and sent (<c>X-Recoupe-Event</c>).</summary>
public static class AlertKinds
{
    public const string NewStory = "story.new";
    public const string Growing = "story.growing";
    public const string Conflict = "story.conflict";
    public const string Statement = "speaker.statement";

    public static readonly IReadOnlyList<string> All = [NewStory, Growing, Conflict, Statement];
}

/// <summary>An event found by a rule, before it is stored. <see cref="Id"/> is stable: the same event found again is the same id.</summary>
public sealed record NewAlert(string Id, long RuleId, string Kind, string? StoryId, long? ArticleId, string Title, string Detail);

/// <summary>An event as stored: its place in the order found (<see cref="Seq"/>), when, and its JSON detail.</summary>
public sealed record AlertEvent(long Seq, string Id, long RuleId, string Kind, string? StoryId, long? ArticleId, DateTime At, string Title,
    string Detail);

/// <summary>What a story had when a rule last alerted on it.</summary>
public sealed record AlertMark(string StoryId, long RuleId, int Outlets);

/// <summary>
/// Alert rules and the events they found, kept beside the stories (SQLite: the same file). The detector reads the
/// articles grouped since its position and records the events, the stories' marks and its new position in one
/// transaction, with a delivery row for every webhook that wants the event.
/// </summary>
public interface IAlertStore : IDisposable
{
    IReadOnlyList<AlertRule> Rules();

    /// <summary>Adds a rule (its id and date are the store's).</summary>
    AlertRule AddRule(AlertRule rule, DateTime now);

    bool RemoveRule(long id);

    /// <summary>The highest grouped article already read for alerts.</summary>
    long Position();

    /// <summary>The highest article grouped into stories (the clusterer's committed position).</summary>
    long GroupedUpTo();

    /// <summary>Articles above <paramref name="after"/> up to <paramref name="upTo"/> and the story each is in now, in article order.</summary>
    IReadOnlyList<(long ArticleId, string StoryId)> StoriesOf(long after, long upTo);

    IReadOnlyList<AlertMark> Marks(string storyId);

    /// <summary>
    /// Stores the events not stored yet (same id: ignored), the marks and the new position, and a pending delivery of
    /// each new event to every hook that wants it, in one transaction. Returns the events that were new.
    /// </summary>
    IReadOnlyList<AlertEvent> Record(IReadOnlyList<NewAlert> events, IReadOnlyList<AlertMark> marks, long position, DateTime now);

    /// <summary>Events after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<AlertEvent> EventsAfter(long afterSeq, int limit);

    /// <summary>The latest events, newest first.</summary>
    IReadOnlyList<AlertEvent> Latest(int limit);
}
