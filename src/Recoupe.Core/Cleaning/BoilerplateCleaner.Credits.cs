using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>Bylines and credit lines, and the update notes, script residue and trailing credits cut off kept blocks.</summary>
internal sealed partial class BoilerplateCleaner
{
    /// <summary>"Par Jean Dupont", "Avec AFP", "Source : Reuters".</summary>
    private bool IsByline(BlockInfo b)
    {
        if (b.Words is < 2 or > 8 || b.EndsSentence && !b.Text.EndsWith('.')) return false;
        var words = b.Text.TrimStart('*', '•', '-', '–', '—', ' ').Split([' ', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !lexicon.BylineWords.Contains(TextShape.CueKey(words[0]))) return false;
        if (words.Length == 2 && b.Urls == 1) return true; // "Source : www.example.com/…"
        return AreNames(words.AsSpan(1), requireTwo: false);
    }

    /// <summary>Words that are all names or agency codes ("Jean Dupont", "AFP/M.R."), or credit connectors between them.</summary>
    private bool AreNames(ReadOnlySpan<string> words, bool requireTwo)
    {
        var names = 0;
        foreach (var raw in words)
        {
            var w = raw.Trim(',', ';', '.', '(', ')', ':');
            if (w.Length == 0 || w is "-" or "–" or "—" or "/" or "&") continue;
            if (lexicon.CreditPhrases.Contains(w.ToLowerInvariant()) || lexicon.BylineWords.Contains(w.ToLowerInvariant())) continue;
            if (!char.IsUpper(w[0]) && !char.IsDigit(w[0])) return false;
            names++;
        }
        return names >= (requireTwo ? 2 : 1);
    }

    /// <summary>A short last line crediting an agency or its editors: "AFP/M.R.", "AFP", "Reuters/JD".</summary>
    private static bool IsCreditLine(BlockInfo b)
    {
        if (b.Words > 6 || b.Text.Length > 60) return false;
        var hasCode = false;
        foreach (var raw in b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = raw.Trim('(', ')', ',', ';', '-', '–', '—');
            if (w.Length == 0) continue;
            if (!char.IsUpper(w[0]) && !char.IsDigit(w[0])) return false;
            var upper = 0;
            var letters = 0;
            foreach (var c in w)
            {
                if (!char.IsLetter(c)) continue;
                letters++;
                if (char.IsUpper(c)) upper++;
            }
            if (w.Contains('/') || letters >= 2 && upper == letters) hasCode = true;
        }
        return hasCode;
    }

    // ---- pieces cut off kept blocks ----

    private void CutNotesAndCredits()
    {
        var kept = _blocks.Where(b => b.Reason is null).ToList();
        var seen = 0;
        foreach (var b in kept)
        {
            if (b.Index == _title) continue;
            if (++seen > 3) break;
            if (TryCutUpdateNote(b)) break;
        }

        foreach (var b in kept)
        {
            var script = ScriptTailStart(b.Text);
            if (script > 0)
            {
                b.Cut(b.Text[script..].Trim(), "script", b.Text[..script].TrimEnd());
            }
        }

        // Credits close the article: look at its last kept text block.
        var last = kept.LastOrDefault(b => b.Index != _title && b.Block.Hint != BlockHint.Heading);
        if (last is not null) TryCutTrailingCredits(last);
    }

    /// <summary>"(Actualisé avec bilan des frappes, citations Poutine et Peskov) MOSCOU, …": the note goes, the dateline stays.</summary>
    private bool TryCutUpdateNote(BlockInfo b)
    {
        var text = b.Text;
        if (text.Length < 3 || text[0] is not ('(' or '[')) return false;
        var close = text.IndexOf(text[0] == '(' ? ')' : ']');
        if (close < 0 || close > 240) return false;
        var inner = TextShape.CueKey(text[1..close]);
        if (!lexicon.NoteCues.Any(cue => StartsWithCue(inner, cue))) return false;
        var rest = text[(close + 1)..].TrimStart(' ', '-', '–', '—');
        if (rest.Length == 0) { b.Reason = "update-note"; return true; }
        b.Cut(text[..(close + 1)], "update-note", rest);
        return true;
    }

    private void TryCutTrailingCredits(BlockInfo b)
    {
        var text = b.Text;
        var end = text.Length;
        if (end < 3) return;

        // "… attendons." (Vladimir Soldatkine, Dmitri Antonov et John Davison; Danielle Rouquié pour le service français)"
        var trimmedEnd = text[^1] == '.' && text.Length > 2 && text[^2] == ')' ? end - 1 : end;
        if (text[trimmedEnd - 1] == ')')
        {
            var open = MatchingOpen(text, trimmedEnd - 1);
            if (open > 0)
            {
                var before = text.AsSpan(0, open).TrimEnd();
                if (before.Length > 0 && (TextShape.IsTerminal(before[^1]) || TextShape.IsCloser(before[^1]) && before.Length > 1 && TextShape.IsTerminal(before[^2])))
                {
                    var inner = text[(open + 1)..(trimmedEnd - 1)];
                    if (IsCreditGroup(inner))
                    {
                        b.Cut(text[open..], "credits", before.ToString());
                        return;
                    }
                }
            }
        }

        // "… au sol. AFP/M.R."
        var space = text.LastIndexOf(' ');
        if (space > 0 && TextShape.IsTerminal(text[space - 1]) || space > 1 && TextShape.IsCloser(text[space - 1]) && TextShape.IsTerminal(text[space - 2]))
        {
            var tail = text[(space + 1)..];
            if (tail.Contains('/') && tail.Length <= 30 && char.IsUpper(tail[0]) && tail.Count(char.IsLower) <= tail.Length / 2)
            {
                b.Cut(tail, "credits", text[..space].TrimEnd());
            }
        }
    }

    private static int MatchingOpen(string text, int close)
    {
        var depth = 0;
        for (var i = close; i >= 0 && close - i < 400; i--)
        {
            if (text[i] == ')') depth++;
            else if (text[i] == '(' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Names, agency codes and credit phrases only: "Vladimir Soldatkine, Dmitri Antonov et John Davison; Danielle Rouquié pour le service français".</summary>
    private bool IsCreditGroup(string inner)
    {
        // Blank the multi-word credit phrases; single connectors ("et", "and") are skipped word by word below.
        var chars = inner.ToCharArray();
        var lower = new string(chars.Select(c => TextShape.IsApostrophe(c) ? '\'' : char.ToLowerInvariant(c)).ToArray());
        foreach (var phrase in lexicon.CreditPhrases)
        {
            if (!phrase.Contains(' ')) continue;
            for (var at = lower.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = lower.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
                Array.Fill(chars, ' ', at, phrase.Length);
        }
        var words = new string(chars).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 40) return false;
        if (words.Length == 1)
        {
            var w = words[0];
            return w.Length >= 2 && w.All(c => !char.IsLetter(c) || char.IsUpper(c)) || w.Contains('/');
        }
        return AreNames(words, requireTwo: true);
    }

    /// <summary>Where script residue glued after the last sentence of a paragraph starts; -1 when there is none.</summary>
    private static int ScriptTailStart(string text)
    {
        if (text.IndexOfAny(['{', '=']) < 0) return -1;
        int[]? codeAfter = null; // code characters from each position to the end, counted once
        for (var match = ScriptMarker.Match(text); match.Success; match = match.NextMatch())
        {
            // The residue starts after a sentence: back up to the start of the statement the marker belongs to.
            var start = text.LastIndexOf(' ', Math.Max(0, match.Index - 1)) + 1;
            if (start < 2) continue;
            var head = text.AsSpan(0, start).TrimEnd();
            if (head.Length == 0 || !(TextShape.IsTerminal(head[^1]) || TextShape.IsCloser(head[^1]))) continue;
            codeAfter ??= CodeSuffixCounts(text);
            if (codeAfter[start] >= 0.08 * (text.Length - start)) return start;
        }
        return -1;
    }

    private static int[] CodeSuffixCounts(string text)
    {
        var counts = new int[text.Length + 1];
        for (var i = text.Length - 1; i >= 0; i--) counts[i] = counts[i + 1] + (IsCodeChar(text[i]) ? 1 : 0);
        return counts;
    }
}
