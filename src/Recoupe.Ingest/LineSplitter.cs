namespace Recoupe.Ingest;

/// <summary>One line of a byte stream, without its line feed. <see cref="Bytes"/> is only valid until the next line is read.</summary>
internal readonly record struct ByteLine(int Number, long Offset, ReadOnlyMemory<byte> Bytes, long TooLongLength)
{
    /// <summary>True when the line passed the limit; its bytes were skipped and <see cref="TooLongLength"/> says how many.</summary>
    public bool IsTooLong => TooLongLength > 0;
}

/// <summary>
/// Splits a stream into lines on '\n' with a reused buffer, so a large file streams in constant memory.
/// A line longer than the limit is skipped (not buffered) and reported with its length.
/// </summary>
internal static class LineSplitter
{
    private const int InitialBuffer = 64 * 1024;

    public static IEnumerable<ByteLine> Split(Stream stream, long maxLineBytes)
    {
        var buffer = new byte[InitialBuffer];
        var start = 0;          // first byte of the current line in buffer
        var end = 0;            // end of valid data in buffer
        var scanned = 0;        // bytes after start already searched for '\n'
        long lineOffset = 0;    // stream offset of buffer[start]
        var lineNumber = 0;
        var atEnd = false;

        while (true)
        {
            var newline = buffer.AsSpan(start + scanned, end - start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                lineNumber++;
                yield return length > maxLineBytes
                    ? new ByteLine(lineNumber, lineOffset, ReadOnlyMemory<byte>.Empty, length)
                    : new ByteLine(lineNumber, lineOffset, buffer.AsMemory(start, length), 0);
                start += length + 1;
                lineOffset += length + 1;
                scanned = 0;
                continue;
            }
            scanned = end - start;

            if (atEnd)
            {
                if (end > start)
                {
                    lineNumber++;
                    var length = end - start;
                    yield return length > maxLineBytes
                        ? new ByteLine(lineNumber, lineOffset, ReadOnlyMemory<byte>.Empty, length)
                        : new ByteLine(lineNumber, lineOffset, buffer.AsMemory(start, length), 0);
                }
                yield break;
            }

            if (end - start > maxLineBytes)
            {
                // Too long to keep: count the rest of the line without holding it.
                lineNumber++;
                long skipped = end - start;
                var found = false;
                start = end = scanned = 0;
                while (!found)
                {
                    var n = stream.Read(buffer, 0, buffer.Length);
                    if (n == 0) { atEnd = true; break; }
                    var at = buffer.AsSpan(0, n).IndexOf((byte)'\n');
                    if (at < 0) { skipped += n; continue; }
                    skipped += at;
                    found = true;
                    start = at + 1;
                    end = n;
                }
                yield return new ByteLine(lineNumber, lineOffset, ReadOnlyMemory<byte>.Empty, skipped);
                lineOffset += skipped + (found ? 1 : 0);
                continue;
            }

            // Make room: move the partial line to the front, grow the buffer if the line fills it.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length) // only while the buffer is not past the limit, else the line was skipped above
                Array.Resize(ref buffer, (int)Math.Min(Math.Min((long)buffer.Length * 2, maxLineBytes + 1), Array.MaxLength));
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0) atEnd = true;
            end += read;
        }
    }
}
