using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>Rules that judge one block on its own shape and cues, and embedded posts grouped with their links.</summary>
internal sealed partial class BoilerplateCleaner
{
    // ---- rules that look at one block ----

    private string? ClassifyAlone(BlockInfo b)
    {
        if (b.Letters + b.Digits == 0) return "widget";
        if (b.Block.Hint == BlockHint.Caption) return "caption";

        if (lexicon.WholeBlockCues.TryGetValue(b.LineKey, out var whole))
        {
            if (whole.Match == CueMatch.Follow) b.FollowReason = whole.Reason;
            return whole.Reason;
        }
        if (b.Words <= 40)
        {
            foreach (var cue in lexicon.StartCues)
                if (StartsWithCue(b.Key, cue.Text)) return cue.Reason;
            TryCutWidgetTail(b);
        }
        if (b.Words <= MaxShortBlockWords)
        {
            // The earliest cue in the block decides ("Crédit photo : X" before the "photo :" inside it).
            Cue? first = null;
            var firstAt = int.MaxValue;
            foreach (var cue in lexicon.ContainsCues)
            {
                var at = b.Key.IndexOf(cue.Text, StringComparison.Ordinal);
                if (at < 0 || at > firstAt || at == firstAt && cue.Text.Length <= first!.Text.Length) continue;
                first = cue;
                firstAt = at;
            }
            if (first is not null && !TryCutTail(b, firstAt, first.Reason)) return first.Reason;
        }

        if (PostSignature.IsMatch(b.Text)) return "embed";
        if (b.Words <= 60 && (b.Urls > 0 || b.Text.Contains("pic.twitter", StringComparison.OrdinalIgnoreCase)) && EmbedHost.IsMatch(b.Text)) return "embed";
        if (b.Urls > 0 && b.Urls == b.Words) return "widget"; // bare links ("Source : www…" lines stay)
        if (b.Hashtags >= 2 && b.Hashtags * 2 >= b.Words) return "tags";
        if (IsScript(b.Text)) return "script";
        if (b.Words <= MaxShortBlockWords && !b.EndsSentence && GluedSourceLine.Match(b.Text) is { Success: true } card
            && card.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6) return "embed";
        if (IsMediaCard(b)) return "embed";
        if (IsDateLine(b)) return "date";
        if (IsByline(b)) return "credits";
        if (b.Text.Length > 2 && b.Text[0] == '(' && b.Text[^1] == ')' && MatchingOpen(b.Text, b.Text.Length - 1) == 0
            && IsCreditGroup(b.Text[1..^1])) return "credits";
        if (b.Letters == 0) return "widget"; // bare counters: "0", "3310010"
        if (b.Words <= 2 && b.Letters <= 3 && !b.EndsSentence && !DatePatterns.DayMonth.IsMatch(b.Text)) return "widget"; // "le", "OK"
        if (b.Text.Contains('©') && b.Words <= MaxShortBlockWords) return Year.IsMatch(b.Text) ? "footer" : "caption";
        if (IsBreadcrumb(b)) return b.Index <= 3 ? "breadcrumb" : "menu";
        return null;
    }

    /// <summary>
    /// Site furniture glued after the last sentence of a short block ("Avec Agence Meridien. Partagez cet article :
    /// 214 partages"): a widget, comment or footer cue opening a later sentence marks the tail to cut.
    /// </summary>
    private void TryCutWidgetTail(BlockInfo b)
    {
        if (!b.HasInnerSentenceEnd || b.Key.Length != b.Text.Length) return;
        var key = b.Key;
        for (var k = 1; k + 1 < key.Length; k++)
        {
            if (key[k] != ' ' || !TextShape.IsTerminal(key[k - 1])) continue;
            var rest = key.AsSpan(k + 1);
            foreach (var cue in lexicon.StartCues)
            {
                if (cue.Reason is not ("widget" or "login" or "comments" or "footer")) continue;
                if (!rest.StartsWith(cue.Text, StringComparison.Ordinal)) continue;
                if (rest.Length > cue.Text.Length && char.IsLetterOrDigit(rest[cue.Text.Length]) && char.IsLetterOrDigit(cue.Text[^1])) continue;
                b.Cut(b.Text[(k + 1)..], cue.Reason, b.Text[..k]);
                return;
            }
        }
    }

    /// <summary>
    /// A cue found after a full sentence of at least a dozen words ("… est estimé à 900 000 €. Crédit photo : X")
    /// marks a tail to cut, not a block to drop; a short caption before its credit goes whole.
    /// </summary>
    private static bool TryCutTail(BlockInfo b, int keyIndex, string reason)
    {
        if (keyIndex == 0 || b.Key.Length != b.Text.Length) return false;
        var head = b.Text.AsSpan(0, keyIndex).TrimEnd();
        if (head.Length == 0 || !TextShape.IsTerminal(head[^1]) && !(head.Length > 1 && TextShape.IsCloser(head[^1]) && TextShape.IsTerminal(head[^2]))) return false;
        var words = 1;
        foreach (var c in head) if (c == ' ') words++;
        if (words < 12) return false;
        b.Cut(b.Text[keyIndex..].Trim(), reason, head.ToString());
        return true;
    }

    private static bool StartsWithCue(string key, string cue) =>
        key.StartsWith(cue, StringComparison.Ordinal) && (key.Length == cue.Length || !char.IsLetterOrDigit(key[cue.Length]) || !char.IsLetterOrDigit(cue[^1]));

    /// <summary>
    /// "Accueil | Monde | La Russie …": items between separators, all but the last one short. At the top of a page
    /// two short items are enough ("Médiapulse > Justice").
    /// </summary>
    private static bool IsBreadcrumb(BlockInfo b)
    {
        if (b.Separators == 1 && b.Index <= 2 && b.Words <= 6 && !b.EndsSentence)
        {
            var parts = b.Text.Split([" | ", " > ", " › ", " » ", " / "], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && parts.All(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3);
        }
        if (b.Separators < 2) return false;
        var items = 0;
        var longItems = 0;
        var wordsInItem = 0;
        foreach (var token in b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token is "|" or "›" or ">" or "•" or "·" or "/" or "»")
            {
                if (wordsInItem > 0) { items++; if (wordsInItem > 5) longItems++; }
                wordsInItem = 0;
                continue;
            }
            wordsInItem++;
        }
        if (wordsInItem > 0) items++; // the last item may be the page title: any length
        return items >= 3 && longItems == 0;
    }

    /// <summary>A block that is script or JSON residue from the page ("window.player = new Player({…})").</summary>
    private static bool IsScript(string text)
    {
        if (text.IndexOfAny(['{', '=', '<']) < 0) return false;
        var match = ScriptMarker.Match(text);
        if (!match.Success) return false;
        var start = text.LastIndexOf(' ', Math.Max(0, match.Index - 1)) + 1;
        return start == 0 && CodeDensity(text) >= 0.08;
    }

    private static double CodeDensity(ReadOnlySpan<char> text)
    {
        var code = 0;
        foreach (var c in text)
            if (IsCodeChar(c)) code++;
        return text.Length == 0 ? 0 : (double)code / text.Length;
    }

    private static bool IsCodeChar(char c) => c is '{' or '}' or '[' or ']' or ';' or '=' or '"' or '\'' or ':' or '(' or ')' or '_';

    /// <summary>"Vidéo – 02:14 – Les images de la crue": a media player's card, a media word and a duration.</summary>
    private bool IsMediaCard(BlockInfo b)
    {
        if (b.Words > 20 || b.EndsWithPeriod || !Duration.IsMatch(b.Text)) return false;
        foreach (var word in lexicon.MediaWords)
            if (StartsWithCue(b.LineKey, word)) return true;
        return false;
    }

    /// <summary>A header line that is a date and little else ("20 nov. 2015, 15:59", "Publié le 20/11/2015 à 15h59").</summary>
    private static bool IsDateLine(BlockInfo b)
    {
        // every date the pattern knows holds a digit: a block without one is not tried (with the same test before
        // DatePatterns.Suffix, the clean stage went from 303 to 273 µs/article on fr-news: DatePatterns.MayEndWithDate)
        if (b.Words > 10 || b.EndsWithPeriod && b.Words > 6 || b.Digits == 0) return false;
        var match = DatePatterns.Anywhere.Match(b.Text);
        if (!match.Success) return false;
        var rest = b.Text.Length - match.Length;
        if (rest <= 24) return true;
        // "16/03/2026 13:10 - NUMÉRIQUE / CYBERSÉCURITÉ": a date opening a short header line.
        return match.Index <= 2 && !b.EndsSentence && b.Words <= 8;
    }

    /// <summary>
    /// An embedded post is its text, its links and its "— Name (@handle) date" line. Going back from the handle
    /// line: blocks of links go with it, then one block of text (the post itself, at most a post's length).
    /// </summary>
    private void GroupEmbeds()
    {
        for (var i = 0; i < _blocks.Count; i++)
        {
            if (_blocks[i].Reason != "embed" || !PostSignature.IsMatch(_blocks[i].Text)) continue;
            for (var j = i - 1; j >= Math.Max(0, i - 3); j--)
            {
                var prev = _blocks[j];
                if (prev.Reason is not null and not "embed" || prev.Words > 60 || j == 0) break;
                var linksOnly = prev.Urls > 0 && prev.Urls == prev.Words;
                if (!linksOnly && prev.Text.Length > MaxPostLength && prev.Hashtags + prev.Handles == 0) break;
                prev.Reason = "embed";
                if (!linksOnly) break; // the post's text: what comes before is the article again
            }
        }
    }
}
