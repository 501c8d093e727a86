using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// Splits paragraphs a scraper ran together (…Pyrénées.Alors que…) where it is safe, and lifts subheadings that were
/// glued into a paragraph (an ALL-CAPS run between two sentences, or a short line glued to the next word:
/// "Des réactions émuesLe candidat…") into Heading blocks.
/// </summary>
public sealed class GluedParagraphStage : IDraftStage
{
    public string Name => "unglue";

    public void Run(ArticleDraft draft)
    {
        List<Block>? output = null;
        for (var b = 0; b < draft.Blocks.Count; b++)
        {
            var block = draft.Blocks[b];
            if (block.Hint is BlockHint.Title or BlockHint.Preformatted or BlockHint.Caption or BlockHint.Heading)
            {
                output?.Add(block);
                continue;
            }
            var pieces = ParagraphUngluer.Split(block.Text);
            if (pieces.Count == 1 && !pieces[0].IsHeading)
            {
                output?.Add(block);
                continue;
            }
            output ??= draft.Blocks.Take(b).ToList();
            foreach (var piece in pieces)
            {
                var hint = piece.IsHeading ? BlockHint.Heading : block.Hint;
                output.Add(new Block(piece.Text, hint) { LinkDensity = block.LinkDensity });
            }
        }
        if (output is null) return;
        draft.Blocks.Clear();
        draft.Blocks.AddRange(output);
    }
}

/// <summary>Why a glued paragraph was cut at a place.</summary>
public enum GlueCut
{
    /// <summary>Sentence-final punctuation directly followed by the next paragraph's first word ("Pyrénées.Alors").</summary>
    Sentence,
    /// <summary>A subheading glued to the next word ("Des réactions émuesLe candidat").</summary>
    GluedHeading,
    /// <summary>An ALL-CAPS subheading inside a paragraph ("… programme. LES PROCHAINES PHASES Selon …").</summary>
    CapsHeading,
}

/// <summary>One piece of an unglued paragraph, and the cut that ended the previous piece (null for the first).</summary>
public sealed record GluedPiece(string Text, bool IsHeading, GlueCut? CutBefore);

/// <summary>Finds where paragraphs were run together without a separator, in one pass over the text.</summary>
public static class ParagraphUngluer
{
    private const int MaxHeadingWords = 15;
    private const int MaxHeadingLength = 150;
    private const int MaxCapsHeadingWords = 20; // longer ALL-CAPS text is shouting, not a subheading

    public static IReadOnlyList<GluedPiece> Split(string text)
    {
        var lexicon = CleaningLexicon.Shared;
        var cuts = new List<(int At, GlueCut Kind)>();
        var headings = new List<(int Start, int End)>();
        FindGlue(text, lexicon, cuts, headings);
        FindCapsHeadings(text, cuts, headings);
        if (cuts.Count == 0 && headings.Count == 0) return [new GluedPiece(text, false, null)];

        cuts.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Kind.CompareTo(b.Kind));
        if (headings.Count > 0)
        {
            // A subheading is cut as a whole: a sentence cut found inside it ('."REPARTIR D'UNE FEUILLE BLANCHE"') goes.
            headings.Sort();
            var h = 0;
            cuts.RemoveAll(c =>
            {
                while (h < headings.Count && headings[h].End <= c.At) h++;
                for (var k = h; k < headings.Count && headings[k].Start < c.At; k++)
                    if (c.At < headings[k].End) return true;
                return false;
            });
        }
        var headingSet = headings.ToHashSet();
        var pieces = new List<GluedPiece>(cuts.Count + 1);
        var start = 0;
        GlueCut? before = null;
        foreach (var (at, kind) in cuts)
        {
            if (at <= start || at >= text.Length) continue;
            AddPiece(text, start, at, headingSet, before, pieces);
            start = at;
            before = kind;
        }
        AddPiece(text, start, text.Length, headingSet, before, pieces);
        return pieces.Count == 0 ? [new GluedPiece(text, false, null)] : pieces;
    }

    private static void AddPiece(string text, int start, int end, HashSet<(int Start, int End)> headings, GlueCut? before, List<GluedPiece> pieces)
    {
        var isHeading = headings.Contains((start, end));
        var piece = text.AsSpan(start, end - start).Trim();
        if (isHeading)
        {
            // Strip a leading list marker ("- ", "• ") that introduced the subheading.
            while (piece.Length > 1 && piece[0] is '-' or '–' or '—' or '•' or '*' or '·' && piece[1] == ' ') piece = piece[2..].TrimStart();
            if (piece.Length > 2 && piece[^1] is '-' or '–' or '—' && piece[^2] == ' ') piece = piece[..^2].TrimEnd(); // "- Titre -"
        }
        if (piece.IsEmpty) return;
        pieces.Add(new GluedPiece(piece.ToString(), isHeading, pieces.Count == 0 ? null : before));
    }

    private static void FindGlue(string t, CleaningLexicon lexicon, List<(int, GlueCut)> cuts, List<(int, int)> headings)
    {
        var n = t.Length;
        var pieceStart = 0;
        var sentenceStart = 0;
        var straightQuotes = 0; // '"' seen since the piece started: odd means a quotation is open
        for (var i = 0; i < n; i++)
        {
            var c = t[i];
            if (c == '"')
            {
                straightQuotes++;
                continue;
            }
            if (TextShape.IsTerminal(c))
            {
                var runEnd = i;
                while (runEnd + 1 < n && TextShape.IsTerminal(t[runEnd + 1])) runEnd++;
                if (TryGlueCut(t, i, runEnd, straightQuotes, lexicon, out var cutAt))
                {
                    cuts.Add((cutAt, GlueCut.Sentence));
                    pieceStart = sentenceStart = cutAt;
                    straightQuotes = 0;
                    i = cutAt - 1;
                    continue;
                }
                var k = runEnd + 1;
                while (k < n && TextShape.IsCloser(t[k]))
                {
                    if (t[k] == '"') straightQuotes++;
                    k++;
                }
                if (k < n && t[k] == ' ')
                {
                    while (k < n && t[k] == ' ') k++;
                    // "M. Khan", "Mme. Dupont": a period after an initial or a title does not end the sentence.
                    if (!IsInitialOrTitle(t, i, lexicon)) sentenceStart = k;
                }
                i = k - 1;
                continue;
            }
            if (char.IsLower(c) && i + 2 < n && char.IsUpper(t[i + 1]) && (char.IsLower(t[i + 2]) || TextShape.IsApostrophe(t[i + 2])))
            {
                var headingStart = Math.Max(pieceStart, sentenceStart);
                var glue = GluedAt(t, headingStart, i, lexicon);
                if (glue != Glue.None)
                {
                    if (glue == Glue.Heading)
                    {
                        if (headingStart > pieceStart) cuts.Add((headingStart, GlueCut.GluedHeading));
                        headings.Add((headingStart, i + 1));
                    }
                    cuts.Add((i + 1, GlueCut.GluedHeading));
                    pieceStart = sentenceStart = i + 1;
                    straightQuotes = 0;
                }
            }
        }
    }

    private enum Before { Lower, Acronym, Digit, Closer }

    /// <summary>Is the period at t[dot] the end of an initial ("M.", "J.") or of a title ("Mme.", "Dr.")?</summary>
    private static bool IsInitialOrTitle(string t, int dot, CleaningLexicon lexicon)
    {
        if (t[dot] != '.' || dot == 0 || !char.IsLetter(t[dot - 1])) return false;
        var start = dot - 1;
        while (start > 0 && char.IsLetter(t[start - 1])) start--;
        var length = dot - start;
        if (length == 1 && char.IsUpper(t[start])) return true;
        return lexicon.Abbreviations.Contains(t.Substring(start, length));
    }

    /// <summary>What a lower-case letter glued to a capitalised word is: nothing, a paragraph end, or a subheading's end.</summary>
    private enum Glue { None, ParagraphEnd, Heading }

    /// <summary>
    /// Decides whether the terminal run t[first..last] ends a paragraph glued to the next one, and where the next
    /// paragraph begins (after closing quotes, before an opening one).
    /// </summary>
    private static bool TryGlueCut(string t, int first, int last, int straightQuotes, CleaningLexicon lexicon, out int cutAt)
    {
        cutAt = -1;
        var n = t.Length;
        if (last + 1 >= n || TextShape.IsSpace(t[last + 1])) return false;

        var p = first - 1;
        if (p >= 1 && t[p] == ' ' && t[first] is '?' or '!') p--; // French spacing before ? and !
        if (p < 0) return false;
        var b = t[p];
        Before kind;
        var wordLength = 0;
        if (char.IsLetter(b))
        {
            var wordStart = p;
            while (wordStart > 0 && char.IsLetter(t[wordStart - 1])) wordStart--;
            wordLength = p + 1 - wordStart;
            var tokenStart = wordStart;
            while (tokenStart > 0 && !TextShape.IsSpace(t[tokenStart - 1])) tokenStart--;
            if (LooksLikeAddress(Token(t, tokenStart))) return false;
            // "U.S", "J.-C", "e.g": a dotted abbreviation, not a sentence end.
            if (t.AsSpan(tokenStart, wordStart - tokenStart).Contains('.')) return false;
            if (lexicon.Abbreviations.Contains(t.Substring(wordStart, wordLength))) return false;
            if (wordLength < 2) return false; // an initial ("M.Poutine", "W.O.")
            if (char.IsLower(b)) kind = Before.Lower;
            else if (IsAllUpper(t.AsSpan(wordStart, wordLength))) kind = Before.Acronym;
            else return false;
        }
        else if (char.IsDigit(b))
        {
            var tokenStart = p;
            while (tokenStart > 0 && !TextShape.IsSpace(t[tokenStart - 1])) tokenStart--;
            if (LooksLikeAddress(Token(t, tokenStart))) return false;
            kind = Before.Digit;
        }
        else if (TextShape.IsCloser(b) || b is '%' or '€' or '$' or '£' or '+' or '°')
        {
            kind = Before.Closer;
        }
        else return false;

        // Closing quotes and brackets stay with the sentence they close; a straight quote closes when one is open.
        var k = last + 1;
        var quotes = straightQuotes;
        while (k < n)
        {
            var c = t[k];
            if (c == '"')
            {
                if (quotes % 2 == 1) { quotes++; k++; continue; }
                break;
            }
            if (c is '»' or '”' or ')' or ']' or '’') { k++; continue; }
            break;
        }
        if (k >= n) return false;
        var m = k;
        // A list marker opening the next paragraph: ".- Une pharmacie pleine", " ?• La question".
        if (t[m] is '-' or '–' or '•' && m + 2 < n && t[m + 1] == ' ' && char.IsUpper(t[m + 2]))
        {
            cutAt = k;
            return true;
        }
        if (t[m] is '"' or '«' or '“' or '(')
        {
            m++;
            if (m < n && t[m] == ' ' && t[k] == '«') m++;
        }
        if (m >= n || !StartsParagraph(t, m, kind, wordLength)) return false;
        cutAt = k;
        return true;
    }

    /// <summary>Does a new paragraph plausibly start at t[m]? A capitalised word, an ALL-CAPS word, an initial, or a number followed by a word.</summary>
    private static bool StartsParagraph(string t, int m, Before kind, int wordLength)
    {
        var n = t.Length;
        var c = t[m];
        if (char.IsUpper(c))
        {
            if (m + 1 >= n) return false;
            var d = t[m + 1];
            if (char.IsLower(d)) return true;
            if (TextShape.IsApostrophe(d)) return m + 2 < n && char.IsLetter(t[m + 2]);
            // A one-letter word ("A Paris", "À l'automne") after a lower-case word or a closing mark, not after
            // an acronym ("ID.R prototype").
            if (d == ' ') return kind is Before.Lower or Before.Closer && m + 2 < n && char.IsLetter(t[m + 2]);
            if (d == '.') return m + 3 < n && t[m + 2] == ' ' && char.IsUpper(t[m + 3]); // "M. Dupont"
            if (char.IsUpper(d))
            {
                var j = m + 1;
                while (j < n && char.IsUpper(t[j])) j++;
                return j >= n || !char.IsLetterOrDigit(t[j]);
            }
            return false;
        }
        if (char.IsDigit(c))
        {
            // "…se rétablir.28 jours après…": only after a word or a closing mark, never after a digit (3.5).
            if (kind == Before.Digit || kind == Before.Acronym) return false;
            if (kind == Before.Lower && wordLength < 3) return false;
            var j = m;
            while (j < n && (char.IsDigit(t[j]) || (t[j] is '.' or ',' or ' ' && j + 1 < n && char.IsDigit(t[j + 1]) && j > m))) j++;
            if (j < n && t[j] is '%' or '°') j++;
            return j + 1 < n && t[j] == ' ' && char.IsLetter(t[j + 1]);
        }
        return false;
    }

    /// <summary>
    /// A paragraph glued to the next paragraph's first word: t[i] is lower case and t[i+1] starts a capitalised word.
    /// When the text from <paramref name="start"/> (a sentence or piece start) to t[i] is short and starts like a
    /// line of its own, it is a subheading ("Des réactions émuesLe candidat…"); a name ending a paragraph that had
    /// no final period ("…, ajoute M. KhanLe parc…") is only a paragraph end.
    /// </summary>
    private static Glue GluedAt(string t, int start, int i, CleaningLexicon lexicon)
    {
        var n = t.Length;
        var leftStart = i;
        while (leftStart > 0 && char.IsLetter(t[leftStart - 1])) leftStart--;
        var tokenStart = leftStart;
        while (tokenStart > 0 && !TextShape.IsSpace(t[tokenStart - 1])) tokenStart--;
        var tokenEnd = i + 1;
        while (tokenEnd < n && !TextShape.IsSpace(t[tokenEnd])) tokenEnd++;
        var token = t.AsSpan(tokenStart, tokenEnd - tokenStart);
        if (LooksLikeAddress(token) || token.IndexOfAny("0123456789_.") >= 0) return Glue.None;

        var left = t.AsSpan(leftStart, i + 1 - leftStart);
        var rightEnd = i + 1;
        while (rightEnd < n && char.IsLetter(t[rightEnd])) rightEnd++;
        var elided = rightEnd < n && TextShape.IsApostrophe(t[rightEnd]);
        if (elided) rightEnd++; // "L'", "D'"
        // The next paragraph's first word goes on: "Le parc", "L'agence"; not "LinkedIn," or "AstraZeneca".
        if (!elided && !(rightEnd < n && t[rightEnd] == ' ')) return Glue.None;
        var right = t.Substring(i + 1, rightEnd - (i + 1)).Replace('’', '\'');

        if (start >= n || start > leftStart) return Glue.None;
        var marked = start + 1 < n && t[start] is '-' or '–' or '—' or '•' or '*' or '·' && t[start + 1] == ' ';
        var capitalised = !char.IsLower(left[0]);
        if (!capitalised)
        {
            // "émuesLe", "moinsJean-Luc"; not "iPhone", "eBay" (one letter) nor "iPhoneX" (mixed case).
            if (left.Length < 3 || !IsAllLower(left)) return Glue.None;
        }
        else
        {
            // "EmilieEn 2003" but not "McCann", "YouGov", "RoseCar": the right word must be a common sentence
            // opener, unless a list marker shows the text is a subheading and both words are full names
            // ("- Proche du prince AndrewGhislaine Maxwell…", not "- Avertissements - YouTube").
            if (left.Length < 3 || !IsAllLower(left[1..])) return Glue.None;
            var namesAfterMarker = marked && left.Length >= 4 && right.Length >= 4;
            if (!namesAfterMarker && !lexicon.SentenceStarters.Contains(right)) return Glue.None;
        }

        var first = t[start];
        var startsLine = char.IsUpper(first) || char.IsDigit(first) || marked || first is '"' or '«' or '“';
        var words = 1;
        var shortLine = startsLine && i + 1 - start <= MaxHeadingLength;
        for (var j = start; j <= i && shortLine; j++)
        {
            if (t[j] == ' ' && ++words > MaxHeadingWords) shortLine = false;
            if (t[j] is '.' or '!' or ';' && j > start + 1 && !(j + 1 <= i && char.IsLetterOrDigit(t[j + 1]))) shortLine = false;
        }
        if (shortLine && (words > 1 || !capitalised)) return Glue.Heading;
        // A capitalised word glued to a sentence opener ends a paragraph; a long lower-case run glued to a
        // capital is the same, unless it sits inside a long unbroken segment a subheading cannot be.
        return capitalised || startsLine ? Glue.ParagraphEnd : Glue.None;
    }

    /// <summary>ALL-CAPS subheadings at the start of a sentence, followed by a capitalised word.</summary>
    private static void FindCapsHeadings(string t, List<(int, GlueCut)> cuts, List<(int, int)> headings)
    {
        var n = t.Length;
        var i = 0;
        var atSentenceStart = true;
        while (i < n)
        {
            if (atSentenceStart && (TryCapsRun(t, i, out var runStart, out var nextStart) || TryDashHeading(t, i, out runStart, out nextStart)))
            {
                if (runStart > 0) cuts.Add((runStart, GlueCut.CapsHeading));
                cuts.Add((nextStart, GlueCut.CapsHeading));
                headings.Add((runStart, nextStart));
                i = nextStart;
                continue;
            }
            atSentenceStart = false;
            var c = t[i];
            if (TextShape.IsTerminal(c))
            {
                var k = i + 1;
                while (k < n && TextShape.IsTerminal(t[k])) k++;
                var afterTerminal = k;
                while (k < n && TextShape.IsCloser(t[k])) k++;
                if (k < n && t[k] == ' ')
                {
                    while (k < n && t[k] == ' ') k++;
                    i = k;
                    atSentenceStart = true;
                    continue;
                }
                if (k < n && (char.IsUpper(t[k]) || t[k] is '"' or '«' or '-' || (char.IsDigit(t[k]) && i > 0 && !char.IsDigit(t[i - 1]))))
                {
                    // A glued sentence end: the caps run may start right here, or at a quote opening it.
                    i = afterTerminal;
                    atSentenceStart = true;
                    continue;
                }
            }
            i++;
        }
    }

    /// <summary>
    /// A subheading between dashes at the start of a sentence, as wire copy marks them ("- Pression internationale -Très
    /// critiqué…"): a few words without sentence punctuation, closed by " -" and followed by the next paragraph.
    /// </summary>
    private static bool TryDashHeading(string t, int s, out int runStart, out int nextStart)
    {
        runStart = nextStart = -1;
        var n = t.Length;
        if (s + 2 >= n || t[s] != '-' || t[s + 1] != ' ' || !(char.IsLetterOrDigit(t[s + 2]) || t[s + 2] is '"' or '«' or '“')) return false;
        var words = 1;
        for (var j = s + 2; j < n && j - s <= MaxHeadingLength; j++)
        {
            var c = t[j];
            if (c == ' ' && j + 1 < n && t[j + 1] == '-' && (j + 2 >= n || t[j + 2] != '-'))
            {
                // " -" closes the subheading: the next paragraph follows, glued or after a space.
                var next = j + 2;
                if (next < n && t[next] == ' ') next++;
                if (next >= n || !(char.IsUpper(t[next]) || char.IsDigit(t[next]) || t[next] is '"' or '«' or '“')) return false;
                runStart = s;
                nextStart = next;
                return true;
            }
            if (c == ' ' && ++words > MaxHeadingWords) return false;
            if (TextShape.IsTerminal(c) && c != '?' && c != '!' && !(j + 1 < n && char.IsLetterOrDigit(t[j + 1]))) return false;
        }
        return false;
    }

    /// <summary>
    /// An ALL-CAPS run starting at or just after <paramref name="s"/> (past quotes closing the previous sentence),
    /// followed by a capitalised word. A quote before the run belongs to the heading only when the run closes it.
    /// </summary>
    private static bool TryCapsRun(string t, int s, out int runStart, out int nextStart)
    {
        runStart = nextStart = -1;
        var n = t.Length;
        var j = s;
        var lastQuote = -1;
        while (j < n && (TextShape.IsCloser(t[j]) || t[j] is '«' or '“'))
        {
            if (t[j] is '"' or '«' or '“') lastQuote = j;
            j++;
        }
        if (j < n && t[j] == ' ' && lastQuote == j - 1) j++;
        var lettersStart = j;
        int letterTokens = 0, letters = 0, end = -1;
        bool closed = false, glued = false;
        while (j < n)
        {
            var tokenStart = j;
            var tokenLetters = 0;
            while (j < n && (char.IsUpper(t[j]) || char.IsDigit(t[j]) || TextShape.IsApostrophe(t[j]) || t[j] == '-'))
            {
                if (char.IsUpper(t[j])) tokenLetters++;
                j++;
            }
            if (j == tokenStart) break;
            if (j < n && char.IsLower(t[j]))
            {
                // "L'UNESCOCette initiative…": capitals glued to the next paragraph's first word, which starts at the
                // last capital. A capitalised word alone ("Selon") ends the run before it.
                if (tokenLetters >= 4 && letterTokens >= 1)
                {
                    letterTokens++;
                    letters += tokenLetters - 1;
                    end = j - 1;
                    glued = true;
                }
                else j = tokenStart;
                break;
            }
            if (tokenLetters > 0) letterTokens++;
            letters += tokenLetters;
            end = j;
            if (j < n && t[j] == ',') j++;
            if (j < n && t[j] is '"' or '»' or '”')
            {
                end = ++j;
                closed = true;
                break;
            }
            if (j < n && t[j] == ' ') { j++; continue; }
            break;
        }
        if (end < 0 || letterTokens < 2 || letters < 8 || letterTokens > MaxCapsHeadingWords) return false;
        runStart = closed && lastQuote >= 0 ? lastQuote : lettersStart;
        var next = end;
        if (next < n && t[next] == ' ') next++;
        if (!closed && !glued && next == end) return false; // glued to something that is not a word
        if (next >= n) return false;
        var m = next;
        if (t[m] is '"' or '«' or '“') m++;
        if (m + 1 >= n || !char.IsUpper(t[m]) || !(char.IsLower(t[m + 1]) || TextShape.IsApostrophe(t[m + 1]))) return false;
        nextStart = next;
        return true;
    }

    /// <summary>The white-space-delimited token starting at <paramref name="start"/>.</summary>
    private static ReadOnlySpan<char> Token(string t, int start)
    {
        var end = start;
        while (end < t.Length && !TextShape.IsSpace(t[end])) end++;
        return t.AsSpan(start, end - start);
    }

    private static bool LooksLikeAddress(ReadOnlySpan<char> token) =>
        token.IndexOfAny('/', '@', '#') >= 0 || token.Contains("www", StringComparison.OrdinalIgnoreCase);

    private static bool IsAllUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsUpper(c)) return false;
        return true;
    }

    private static bool IsAllLower(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (!char.IsLower(c)) return false;
        return true;
    }
}
