namespace Recoupe.Ingest;

/// <summary>
/// A forward-only stream that first gives back bytes already read (the head used for sniffing) and then the rest
/// of the inner stream, so that standard input and HTTP bodies can be sniffed without being read whole.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : ForwardStream
{
    private int _prefixPosition;

    public override int Read(Span<byte> buffer)
    {
        if (_prefixPosition < prefixLength)
        {
            var n = Math.Min(buffer.Length, prefixLength - _prefixPosition);
            prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
            _prefixPosition += n;
            return n;
        }
        return inner.Read(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

internal static class StreamReading
{
    /// <summary>
    /// Reads up to <paramref name="count"/> bytes (fewer only at the end of the stream, or, with
    /// <paramref name="untilLine"/>, once a line has ended: a stream fed over time is not waited on past its first line).
    /// </summary>
    public static int ReadHead(Stream stream, byte[] buffer, int count, bool untilLine = false)
    {
        var total = 0;
        while (total < count)
        {
            var n = stream.Read(buffer, total, count - total);
            if (n == 0) break;
            total += n;
            if (untilLine && buffer.AsSpan(total - n, n).Contains((byte)'\n')) break;
        }
        return total;
    }

    /// <summary>Reads the rest of a stream after a head already read; null when the total would pass <paramref name="limit"/>.</summary>
    public static byte[]? ReadAllWithin(byte[] head, int headLength, Stream rest, long limit)
    {
        if (headLength > limit) return null;
        using var all = new MemoryStream();
        all.Write(head, 0, headLength);
        var buffer = new byte[81920];
        int n;
        while ((n = rest.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (all.Length + n > limit) return null;
            all.Write(buffer, 0, n);
        }
        return all.ToArray();
    }
}
