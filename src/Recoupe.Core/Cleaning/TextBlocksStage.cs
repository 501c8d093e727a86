using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// Turns plain-text input (a .txt article, or a JSON line's / feed item's title, lead and body) into blocks, one per
/// paragraph. Paragraphs are separated by blank lines; inside a paragraph, lines are joined when the paragraph is
/// hard-wrapped prose and kept apart when they look like separate items (menus, headline lists, tag lines, posts).
/// Inputs whose body is HTML are left to the HTML stage.
/// </summary>
public sealed class TextBlocksStage : IDraftStage
{
    public string Name => "blocks";

    public void Run(ArticleDraft draft)
    {
        var raw = draft.Raw;
        var fields = raw.Fields;
        if (raw.Format == InputFormat.Html || fields.BodyIsHtml) return;
        if (draft.Blocks.Count > 0) return; // another stage already made the blocks

        var hasTitleField = !string.IsNullOrWhiteSpace(fields.Title);
        if (hasTitleField)
        {
            draft.Blocks.Add(new Block(TextShape.NormalizeInline(fields.Title!), BlockHint.Title));
        }
        if (!string.IsNullOrWhiteSpace(fields.Lead))
        {
            foreach (var text in SplitParagraphs(fields.Lead!, takeFirstLineAsTitle: false, out _))
                draft.Blocks.Add(new Block(text, BlockHint.Lead));
        }

        var body = fields.Body;
        if (body is null && raw.Format == InputFormat.Text && fields.Lead is null && !hasTitleField) body = raw.Raw;
        if (string.IsNullOrWhiteSpace(body)) return;

        // A .txt article carries its title as its first line.
        var firstLineIsTitle = raw.Format == InputFormat.Text && !hasTitleField;
        var blocks = SplitParagraphs(body, firstLineIsTitle, out var title);
        if (title is not null) draft.Blocks.Add(new Block(title, BlockHint.Title));
        foreach (var text in blocks) draft.Blocks.Add(new Block(text, BlockHint.Paragraph));
    }

    /// <summary>
    /// Splits plain text into normalised one-line blocks. When <paramref name="takeFirstLineAsTitle"/> is set, the
    /// first non-blank line is returned apart as <paramref name="title"/>.
    /// </summary>
    internal static List<string> SplitParagraphs(string text, bool takeFirstLineAsTitle, out string? title)
    {
        title = null;
        var blocks = new List<string>();
        var paragraph = new List<string>();
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r') continue;
            var line = text.AsSpan(lineStart, i - lineStart);
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            lineStart = i + 1;

            if (TextShape.IsBlank(line))
            {
                Flush(paragraph, blocks);
                continue;
            }
            var normalised = TextShape.NormalizeInline(line.ToString());
            if (takeFirstLineAsTitle && title is null)
            {
                title = normalised;
                Flush(paragraph, blocks);
                continue;
            }
            paragraph.Add(normalised);
        }
        Flush(paragraph, blocks);
        return blocks;
    }

    private static void Flush(List<string> lines, List<string> blocks)
    {
        if (lines.Count == 0) return;
        if (lines.Count == 1) blocks.Add(lines[0]);
        else if (IsHardWrapped(lines)) blocks.Add(JoinWrapped(lines, 0, lines.Count));
        else
        {
            // Separate items, except a line that plainly continues the previous one (no final punctuation, next starts lower case).
            var start = 0;
            for (var i = 1; i <= lines.Count; i++)
            {
                if (i < lines.Count && Continues(lines[i - 1], lines[i])) continue;
                blocks.Add(i - start == 1 ? lines[start] : JoinWrapped(lines, start, i));
                start = i;
            }
        }
        lines.Clear();
    }

    /// <summary>
    /// Prose wrapped at a fixed width: the lines but the last are of similar length, at most a typical screen width,
    /// most of them stop mid-sentence and at least half of the following lines start in lower case.
    /// </summary>
    private static bool IsHardWrapped(List<string> lines)
    {
        var max = 0;
        for (var i = 0; i < lines.Count - 1; i++) max = Math.Max(max, lines[i].Length);
        if (max < 30 || max > 110) return false;
        var midSentence = 0;
        for (var i = 0; i < lines.Count - 1; i++)
        {
            if (lines[i].Length < max * 0.6) return false;
            if (!TextShape.EndsSentence(lines[i]) && !lines[i].EndsWith(':')) midSentence++;
        }
        // Wrapped prose mostly goes on in lower case on the next line; a list of headlines starts each line anew.
        var lowerStarts = 0;
        for (var i = 1; i < lines.Count; i++)
            if (char.IsLower(lines[i][0])) lowerStarts++;
        return midSentence * 2 > lines.Count - 1 && lowerStarts * 2 >= lines.Count - 1;
    }

    private static bool Continues(string previous, string next) =>
        previous.Length >= 25
        && !TextShape.EndsSentence(previous)
        && previous[^1] is not (':' or ';')
        && char.IsLower(next[0])
        && !next.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !next.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    private static string JoinWrapped(List<string> lines, int start, int end)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            if (sb.Length > 0)
            {
                // "anti-\nterroriste": the hyphen stays, no space (we cannot tell a soft break from a real hyphen).
                var hyphenated = sb.Length >= 2 && sb[^1] == '-' && char.IsLetter(sb[^2]) && char.IsLower(line[0]);
                if (!hyphenated) sb.Append(' ');
            }
            sb.Append(line);
        }
        return sb.ToString();
    }
}
