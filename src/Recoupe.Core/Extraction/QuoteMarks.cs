using Recoupe.Core.Text;
namespace Recoupe.Core.Extraction;

/// <summary>
/// Pairs quotation marks: « », “ ”, ‹ ›, straight double quotes (opening or closing told from the blanks and
/// punctuation around each mark, then from what is open), and, inside a quotation, single quotes and the AFP
/// +…+ convention. A pair never crosses a line break: an unclosed quotation ends with its paragraph.
/// </summary>
internal static class QuoteMarks
{
    private const string Closers = ",.;:!?)]}»…";

    public static void Pair(ArticleAnalysis a)
    {
        var toks = a.Toks;
        var text = a.Text;
        var stack = new List<QuotePair>();
        for (var i = 0; i < toks.Count; i++)
        {
            var t = toks[i];
            if (t.Is(WordFlags.LineStart) && stack.Count > 0) CloseAll(a, stack, i - 1);
            if (t.Kind != TokKind.Punct || t.Length != 1) continue;
            var c = text[t.Start];
            var prev = t.Start > 0 ? text[t.Start - 1] : '\n';
            var next = t.End < text.Length ? text[t.End] : '\n';
            switch (c)
            {
                case '«' or '‹' or '“' or '„':
                    Open(a, stack, i, c);
                    break;
                case '»' or '›' or '”':
                {
                    var want = c switch { '»' => '«', '›' => '‹', _ => '“' };
                    var at = FindOpen(stack, want, c == '”' ? '„' : want);
                    if (at >= 0) Close(a, stack, at, i);
                    break;
                }
                case '"':
                {
                    var prevSpace = char.IsWhiteSpace(prev) || "([{—–-/".Contains(prev) || prev == '\n';
                    var nextSpace = char.IsWhiteSpace(next) || Closers.Contains(next) || next == '\n';
                    var top = stack.Count > 0 ? stack[^1] : null;
                    var openStraight = FindOpen(stack, '"', '"');
                    bool opens;
                    if (prevSpace && !nextSpace) opens = true;
                    else if (!prevSpace && nextSpace) opens = false;
                    else opens = openStraight < 0;
                    // a clear opening while a straight quote is open nests only inside a long quotation
                    if (opens && openStraight >= 0 && !(prevSpace && !nextSpace && top is { Mark: '"' } && i - top.OpenTok > 3))
                        opens = false;
                    if (opens) Open(a, stack, i, c);
                    else if (openStraight >= 0) Close(a, stack, openStraight, i);
                    break;
                }
                case '\'' or '‘' or '’' when stack.Count > 0:
                {
                    var openSingle = FindOpen(stack, '\'', '\'');
                    var prevBlank = char.IsWhiteSpace(prev) || "(«\"“".Contains(prev);
                    if (openSingle < 0 && prevBlank && char.IsLetter(next) && c != '’') Open(a, stack, i, '\'');
                    else if (openSingle < 0 && prevBlank && char.IsLetter(next) && c == '’' && HasLaterSingleClose(a, i)) Open(a, stack, i, '\'');
                    else if (openSingle >= 0 && !char.IsWhiteSpace(prev) && (char.IsWhiteSpace(next) || Closers.Contains(next) || next is '"' or '”'))
                        Close(a, stack, openSingle, i);
                    break;
                }
                case '+' when stack.Count > 0:
                {
                    var openPlus = FindOpen(stack, '+', '+');
                    if (openPlus < 0 && (char.IsWhiteSpace(prev) || prev == ':') && char.IsLetter(next)) Open(a, stack, i, '+');
                    else if (openPlus >= 0 && !char.IsWhiteSpace(prev) && (char.IsWhiteSpace(next) || Closers.Contains(next) || next is '"' or '»'))
                        Close(a, stack, openPlus, i);
                    break;
                }
            }
        }
        CloseAll(a, stack, toks.Count - 1);
        a.Pairs.Sort((x, y) => x.OpenTok.CompareTo(y.OpenTok));
        // enclosing pair of each token: outer pairs first, inner ones overwrite (depth by depth, each in order)
        var deepest = 0;
        foreach (var p in a.Pairs) deepest = Math.Max(deepest, p.Depth);
        for (var depth = 0; depth <= deepest; depth++)
            foreach (var p in a.Pairs)
                if (p.Depth == depth)
                    for (var k = p.OpenTok + 1; k < p.CloseTok && k < a.Toks.Count; k++)
                        a.Enclosing[k] = p;
    }

    private static bool HasLaterSingleClose(ArticleAnalysis a, int from)
    {
        for (var k = from + 1; k < a.Toks.Count && k < from + 12; k++)
        {
            var t = a.Toks[k];
            if (t.Kind == TokKind.Punct && a.Text[t.Start] is '\'' or '’' && (t.End >= a.Text.Length || !char.IsLetter(a.Text[t.End]))) return true;
        }
        return false;
    }

    private static int FindOpen(List<QuotePair> stack, char mark, char alt)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
            if (stack[k].Mark == mark || stack[k].Mark == alt) return k;
        return -1;
    }

    private static void Open(ArticleAnalysis a, List<QuotePair> stack, int tok, char mark)
    {
        stack.Add(new QuotePair { OpenTok = tok, Mark = mark, Depth = stack.Count, Parent = stack.Count > 0 ? stack[^1] : null });
    }

    private static void Close(ArticleAnalysis a, List<QuotePair> stack, int at, int tok)
    {
        // marks opened inside and never closed are dropped
        var pair = stack[at];
        stack.RemoveRange(at, stack.Count - at);
        pair.CloseTok = tok;
        Finish(a, pair, a.Toks[tok].Start);
    }

    private static void CloseAll(ArticleAnalysis a, List<QuotePair> stack, int lastTok)
    {
        // an unclosed outermost quotation runs to the end of its paragraph; inner ones are dropped
        if (stack.Count > 0 && lastTok > stack[0].OpenTok)
        {
            var pair = stack[0];
            pair.CloseTok = lastTok + 1;
            pair.Unclosed = true;
            Finish(a, pair, a.Toks[lastTok].End);
        }
        stack.Clear();
    }

    private static void Finish(ArticleAnalysis a, QuotePair pair, int contentEnd)
    {
        var start = a.Toks[pair.OpenTok].End;
        var end = contentEnd;
        while (start < end && char.IsWhiteSpace(a.Text[start])) start++;
        while (end > start && char.IsWhiteSpace(a.Text[end - 1])) end--;
        if (end <= start) return;
        pair.ContentStart = start;
        pair.ContentEnd = end;
        a.Pairs.Add(pair);
    }
}
