using System.Text;

namespace Recoupe.Cli.Output;

/// <summary>
/// Text bound for a terminal, made unable to drive it: article text is anyone's input, and an escape sequence (ESC,
/// CSI), a bell, a backspace or a carriage return in it could rewrite the screen, the window title or what the user
/// thinks they read. C0 and C1 control characters and DEL become U+FFFD, and so do the bidirectional overrides and
/// isolates that can reorder a line; a line feed and a tab are layout and stay; a carriage return before a line feed
/// is dropped (CRLF input prints as lines). JSON output never goes through here: its serializer escapes these.
/// </summary>
public static class TerminalText
{
    public const char Replacement = '\uFFFD';

    /// <summary>True for a character that must not reach a terminal as it is.</summary>
    public static bool IsUnsafe(char c) =>
        (c < ' ' && c != '\n' && c != '\t') || (c >= '\u007F' && c <= '\u009F') ||
        (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    /// <summary>The text with every unsafe character replaced (a CR before an LF dropped); the same string when none is.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = 0;
        while (first < text.Length && !IsUnsafe(text[first])) first++;
        if (first == text.Length) return text;

        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            clean.Append(IsUnsafe(c) ? Replacement : c);
        }
        return clean.ToString();
    }
}

/// <summary>
/// A writer that passes text on through <see cref="TerminalText"/>: what every text listing writes goes through one,
/// so no command can forget it. A CR is held until the next character shows whether it ends a CRLF.
/// </summary>
public sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    private bool _pendingReturn;

    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    public override string NewLine
    {
        get => Inner.NewLine;
#pragma warning disable CS8765 // the base setter accepts null; the inner writer decides what null means
        set => Inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        if (_pendingReturn)
        {
            _pendingReturn = false;
            if (value != '\n') Inner.Write(TerminalText.Replacement);
        }
        if (value == '\r') _pendingReturn = true;
        else Inner.Write(TerminalText.IsUnsafe(value) ? TerminalText.Replacement : value);
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (_pendingReturn || value.Contains('\r'))
        {
            foreach (var c in value) Write(c);
            return;
        }
        Inner.Write(TerminalText.Clean(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        WriteLine();
    }

    public override void WriteLine()
    {
        if (_pendingReturn)
        {
            _pendingReturn = false;
            // A CR held at the end of the text is followed by this line's end: the pair is one line break.
            if (!NewLine.StartsWith('\n')) Inner.Write(TerminalText.Replacement);
        }
        Inner.Write(NewLine);
    }

    public override void Flush()
    {
        if (_pendingReturn)
        {
            _pendingReturn = false;
            Inner.Write(TerminalText.Replacement);
        }
        Inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        // The inner writer belongs to the caller (the console, a test's StringWriter): only what is held is passed on.
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
