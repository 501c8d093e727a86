namespace Recoupe.Ingest;

/// <summary>An input passed a size limit while it was being read; <see cref="Exception.Message"/> says which.</summary>
public sealed class InputTooLargeException(string message) : IOException(message);

/// <summary>
/// Counts the bytes read through it (after gzip, when it wraps the inflated stream) and, while a budget is set, stops
/// with <see cref="InputTooLargeException"/> as soon as a read would pass it: an item is never held beyond its limit.
/// </summary>
internal sealed class MeteredStream(Stream inner) : ForwardStream
{
    private long _budgetEnd = long.MaxValue;
    private string _overMessage = "";

    /// <summary>Bytes read so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>From now on, at most <paramref name="bytes"/> more may be read; past that, reads throw with <paramref name="message"/>.</summary>
    public void SetBudget(long bytes, string message)
    {
        _budgetEnd = bytes >= long.MaxValue - Consumed ? long.MaxValue : Consumed + bytes;
        _overMessage = message;
    }

    public void ClearBudget() => _budgetEnd = long.MaxValue;

    public override int Read(Span<byte> buffer)
    {
        if (Consumed >= _budgetEnd) throw new InputTooLargeException(_overMessage);
        // Never ask for more than the budget allows, plus one byte to tell "exactly at the limit" from "over it".
        if (_budgetEnd != long.MaxValue && _budgetEnd - Consumed + 1 < buffer.Length)
            buffer = buffer[..(int)(_budgetEnd - Consumed + 1)];
        var n = inner.Read(buffer);
        Consumed += n;
        if (Consumed > _budgetEnd) throw new InputTooLargeException(_overMessage);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
