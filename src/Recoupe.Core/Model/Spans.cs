namespace Recoupe.Core.Model;

/// <summary>A stretch of the cleaned text: UTF-16 offsets, end exclusive.</summary>
public interface ISpan
{
    int Start { get; }
    int End { get; }
}

public readonly record struct TextRange(int Start, int End) : ISpan
{
    public int Length => End - Start;
    public bool Contains(int offset) => offset >= Start && offset < End;
    public bool Overlaps(ISpan other) => Start < other.End && other.Start < End;
}

public sealed record Paragraph(int Start, int End, ParagraphRole Role = ParagraphRole.Body) : ISpan;

public enum ParagraphRole { Body, Title, Lead, Heading }

public sealed record Sentence(int Start, int End, int Paragraph) : ISpan;

public enum TokenKind { Word, Number, Punctuation, Symbol }

/// <summary>A token; <see cref="Norm"/> is its lower-cased form (accents kept).</summary>
public sealed record Token(int Start, int End, TokenKind Kind, string Norm) : ISpan;

public enum EntityType { Person, Organisation, Place }

/// <summary>One mention of an entity. Mentions of one entity in an article share <see cref="Key"/>.</summary>
public sealed record EntityMention(int Start, int End, EntityType Type, string Name, string Key) : ISpan
{
    /// <summary>Role or title attached to the mention ("président russe"), when the text gives one.</summary>
    public string? Role { get; init; }
    /// <summary>How the mention was found: "name", "surname", "title", "role", "pronoun".</summary>
    public string Via { get; init; } = "name";
}

public enum QuoteKind { Direct, Partial, Indirect }

public sealed record Quotation(int Start, int End, QuoteKind Kind) : ISpan
{
    public string? SpeakerName { get; init; }
    public string? SpeakerKey { get; init; }
    /// <summary>How sure the attribution is, 0–1: a speaker named by the quotation's own cue is near 1; when too unsure
    /// the speaker is left null and this says how unsure (null when nothing was weighed, as for stored older rows).</summary>
    public double? SpeakerConfidence { get; init; }
    public TextRange? SpeakerSpan { get; init; }
    public string? Cue { get; init; }
    public TextRange? CueSpan { get; init; }
}

public sealed record Figure(int Start, int End, decimal Value) : ISpan
{
    /// <summary>Unit when the figure has one: "%", "EUR", "km", "h"…</summary>
    public string? Unit { get; init; }
    /// <summary>What is counted: "cibles", "sorties", "rebelles syriens".</summary>
    public string? Counts { get; init; }
    /// <summary>"plus de", "au moins", "environ"…</summary>
    public string? Qualifier { get; init; }
    /// <summary>Time scope: "au cours des trois derniers jours".</summary>
    public string? Scope { get; init; }
    public string? ClaimedBy { get; init; }
    public string? ClaimedByKey { get; init; }
}

/// <summary>A date or time the text mentions; <see cref="Value"/> is resolved against the article's date when partial.</summary>
public sealed record DateMention(int Start, int End) : ISpan
{
    public DateOnly? Value { get; init; }
    public TimeOnly? Time { get; init; }
    public string Precision { get; init; } = "day";
    /// <summary>
    /// A partial date ("mercredi prochain", "hier", "le 4 août") in an article with no date of its own, as written:
    /// the digest resolves it against its story's dates. Null when <see cref="Value"/> is known or nothing would settle it.
    /// </summary>
    public PartialDate? Unresolved { get; init; }
}

/// <summary>What the text says of a partial date: its parts, whether a weekday looks forward, days after the reference ("demain" = 1).</summary>
public sealed record PartialDate(int? Month, int? Day, int? Weekday, bool Forward, int? RelativeDays);

/// <summary>"MOSCOU, 20 novembre (Reuters) -" at the head of a wire dispatch.</summary>
public sealed record Dateline(int Start, int End) : ISpan
{
    public string? Place { get; init; }
    public string? Agency { get; init; }
    /// <summary>The dateline's day, when its year is known (from the dateline itself, the publication date or other dates in the article).</summary>
    public DateOnly? Date { get; init; }
    /// <summary>Month and day as the dateline writes them, also when the year stays unknown ("20 novembre").</summary>
    public int? Month { get; init; }
    public int? Day { get; init; }
}
