using System.Text;

namespace Recoupe.Cli.Output;

/// <summary>
/// A plain-text table: columns padded to their widest cell up to a maximum (longer cells are cut with "…"), the last
/// column never cut, so a quotation or a title is shown whole. Line breaks inside a cell print as spaces.
/// </summary>
public sealed class TextTable
{
    private readonly (string Header, int MaxWidth)[] _columns;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Header and maximum width of each column (the last column's width is ignored).</param>
    public TextTable(params (string Header, int MaxWidth)[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("a table needs at least one column", nameof(columns));
        _columns = columns;
    }

    public int Count => _rows.Count;

    public void Add(params string?[] cells)
    {
        if (cells.Length != _columns.Length)
            throw new ArgumentException($"{cells.Length} cells for {_columns.Length} columns", nameof(cells));
        _rows.Add(cells.Select(c => OneLine(c ?? "")).ToArray());
    }

    public void Write(TextWriter output)
    {
        var last = _columns.Length - 1;
        var widths = new int[_columns.Length];
        for (var c = 0; c < last; c++)
        {
            var widest = Math.Max(_columns[c].Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
            widths[c] = Math.Min(widest, Math.Max(_columns[c].MaxWidth, _columns[c].Header.Length));
        }
        output.WriteLine(Line(_columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in _rows) output.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c == cells.Length - 1)
            {
                line.Append(cells[c]);
                break;
            }
            line.Append(Cut(cells[c], widths[c]).PadRight(widths[c])).Append("  ");
        }
        return line.ToString().TrimEnd();
    }

    public static string Cut(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private static string OneLine(string text)
    {
        if (text.IndexOfAny(['\n', '\r', '\t']) < 0) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            var c = ch is '\n' or '\r' or '\t' ? ' ' : ch;
            if (c == ' ' && sb.Length > 0 && sb[^1] == ' ') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
