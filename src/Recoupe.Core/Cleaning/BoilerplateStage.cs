using System.Text.RegularExpressions;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// Keeps the article's own text. Drops, with a reason kept in <see cref="ArticleDraft.Removed"/>: repeated paragraphs
/// ("repeat"), menus and breadcrumbs ("menu", "breadcrumb"), photo captions ("caption"), comment boxes and login
/// prompts ("comments", "login"), share/subscribe widgets and counters ("widget"), lists of other headlines
/// ("related"), tag lines ("tags"), embedded posts ("embed"), script residue ("script"), header dates ("date"),
/// footers ("footer"); cuts trailing credits ("credits") and a leading wire update note ("update-note") off the
/// paragraphs that hold them. Decisions come from the shape of each block (length, punctuation, case, digits,
/// links, hashtags), its position around the body, its word overlap with the body, repetition, and the
/// per-language cue files — never from a list of known pages.
/// </summary>
public sealed class BoilerplateStage : IDraftStage
{
    public string Name => "clean";

    public void Run(ArticleDraft draft)
    {
        if (draft.Blocks.Count == 0) return;
        new BoilerplateCleaner(draft, CleaningLexicon.Shared).Run();
    }
}

internal sealed class BoilerplateCleaner(ArticleDraft draft, CleaningLexicon lexicon)
{
    private const int MaxShortBlockWords = 25;
    private const double NearDuplicateContainment = 0.75;
    private const int MinNearDuplicateWords = 12;
    private const int MaxPostLength = 280;

    private static readonly Regex PostSignature = new(@"^[—–-]\s*[^()]{1,80}\(@\w{1,30}\)", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex EmbedHost = new(@"pic\.twitter\.com|\bt\.co/|twitter\.com/|x\.com/\w+/status|instagram\.com/|youtube\.com/watch|youtu\.be/|facebook\.com/\S+/(?:posts|videos)|tiktok\.com/",
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex CountSuffix = new(@"\(\s*\d[\d\s.,]*\)\s*$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex ScriptMarker = new(@"\bwindow\.\w|\bdocument\.\w|\bfunction\s*\(|\bvar\s+\w+\s*=|\bnew\s+[A-Z]\w*\s*\(|\{\s*[""']?\w+[""']?\s*:\s*[""'{\[\d]|<script\b|\bgoogletag\.|\bdataLayer\b",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);
    // A media card's title glued to its source: "Essai Toyota Supra (2019)par L'Auto-Journal", "…?by CNN".
    private static readonly Regex GluedSourceLine = new(
        @"(?<=[\p{Ll})?!»""])(?:" + string.Join("|", CleaningLexicon.Shared.BylineWords.Select(Regex.Escape)) + @")\s+[\p{L}\d'’][^.!?]{0,40}$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Duration = new(@"\b\d{1,2}:\d{2}(?::\d{2})?\b", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex Year = new(@"\b(?:19|20)\d{2}\b", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly List<BlockInfo> _blocks = draft.Blocks.Select((b, i) => new BlockInfo(b, i)).ToList();
    private int _title = -1;
    private string? _titleDate;
    private string? _titleSuffix;
    private int _firstBody = -1;
    private int _lastBody = -1;
    private Dictionary<string, int>? _vocabulary;

    public void Run()
    {
        foreach (var block in _blocks) block.Reason = ClassifyAlone(block);
        GroupEmbeds();
        ChooseTitle();
        FindBody();
        DropAfterFooterCue();
        FollowCues();
        ClassifyByZone();
        DropRepeats();
        CutNotesAndCredits();
        Apply();
    }

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
        if (b.Words > 10 || b.EndsWithPeriod && b.Words > 6) return false;
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

    // ---- title ----

    private void ChooseTitle()
    {
        var fromField = !string.IsNullOrWhiteSpace(draft.Raw.Fields.Title);
        var candidate = _blocks.FindIndex(b => b.Block.Hint == BlockHint.Title);
        var promote = false;
        if (candidate >= 0)
        {
            var t = _blocks[candidate];
            if (fromField) { t.Reason = null; t.FollowReason = null; } // the source's own title field is the title, whatever it looks like
            if (t.Reason is not null) promote = true;
            else if (!fromField && t.Words < 2) { t.Reason = "menu"; promote = true; }
            else if (!fromField && IsKicker(t) && NextTitleLine(candidate) >= 0) { t.Reason = "menu"; promote = true; }
            else if (!fromField && CountSuffix.IsMatch(t.Text)) { t.Reason = "menu"; promote = true; }
            else if (!fromField && LooksLikeBody(t)) t.Block.Hint = BlockHint.Paragraph; // the text starts with its body
            else _title = candidate;
        }

        if (promote)
        {
            // The first line was site furniture: the title is the first title-shaped line before the body.
            for (var i = candidate + 1; i < _blocks.Count; i++)
            {
                var b = _blocks[i];
                if (b.Reason is not null) continue;
                if (LooksLikeBody(b) || b.Words >= 12 && b.EndsSentence) break;
                if (IsKicker(b) && NextTitleLine(i) >= 0) { b.Reason = "menu"; continue; }
                if (IsTitleShaped(b))
                {
                    b.Block.Hint = BlockHint.Title;
                    _title = i;
                    break;
                }
            }
        }

        if (_title < 0) return;
        var title = _blocks[_title];
        var (text, date) = DatePatterns.SplitSuffix(title.Text);
        if (date is not null)
        {
            title.Replace(text);
            _titleDate = date;
        }
        // "Procès de l'ancien maire … | Médiapulse": the site's name after the page title.
        var bar = title.Text.LastIndexOf(" | ", StringComparison.Ordinal);
        if (bar > 0 && title.Text.Length - bar <= 40 && title.Text.AsSpan(0, bar).Count(' ') >= 2
            && title.Text[(bar + 3)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4)
        {
            _titleSuffix = title.Text[(bar + 3)..].Trim();
            title.Replace(title.Text[..bar].TrimEnd());
        }
    }

    /// <summary>
    /// Looks like a section label ("AGENCE MERIDIEN - Service France", "EN DIRECT - …"): short, partly in capitals
    /// (half its letters, or two capitalised words in a row) but not wholly. Only a label when a title-shaped line
    /// follows it before the body (see <see cref="NextTitleLine"/>): otherwise it is the title.
    /// </summary>
    private static bool IsKicker(BlockInfo b)
    {
        if (b.Words > 8 || b.EndsSentence || b.Letters < 6 || b.UpperLetters == b.Letters) return false;
        if (b.UpperLetters * 2 >= b.Letters) return true;
        var capsRun = 0;
        foreach (var word in b.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = word.Count(char.IsLetter);
            capsRun = letters >= 2 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? capsRun + 1 : 0;
            if (capsRun >= 2) return true;
        }
        return false;
    }

    /// <summary>The next kept title-shaped block after <paramref name="from"/> and before the body; -1 when none.</summary>
    private int NextTitleLine(int from)
    {
        for (var i = from + 1; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            if (b.Reason is not null) continue;
            if (LooksLikeBody(b) || b.Words >= 12 && b.EndsSentence) return -1;
            if (IsTitleShaped(b) && !IsKicker(b)) return i;
        }
        return -1;
    }

    /// <summary>Titles rarely end with a period: a first line that does and is long or holds two sentences is body.</summary>
    private static bool LooksLikeBody(BlockInfo b) =>
        b.EndsWithPeriod && (b.Words >= 15 || b.HasInnerSentenceEnd) || b.Text.Length > 300;

    private static bool IsTitleShaped(BlockInfo b) =>
        b.Words is >= 3 and <= 35 && b.Text.Length <= 250 && !b.EndsWithPeriod && b.Urls == 0
        && !CountSuffix.IsMatch(b.Text) && b.Letters >= 10;

    // ---- body zone ----

    private void FindBody()
    {
        for (var i = 0; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            b.BodyLike = b.Reason is null && i != _title && b.Block.Hint != BlockHint.Heading
                         && b.Words >= 10 && (b.EndsSentence || b.HasInnerSentenceEnd)
                         && b.Urls * 10 < b.Words && (b.Block.LinkDensity ?? 0) < 0.5;
            if (!b.BodyLike) continue;
            if (_firstBody < 0)
            {
                // A photo caption signed by its agency or photographer just above the body: "… 2026. Northwire/Ian Brodie".
                if (b.Words <= 40 && EndsWithPhotoCredit(b) && b.Block.Hint != BlockHint.Lead)
                {
                    b.Reason = "caption";
                    b.BodyLike = false;
                    continue;
                }
                _firstBody = i;
            }
            _lastBody = i;
        }
    }

    /// <summary>Once a comment box, login prompt or page footer starts after most of the body, nothing after it is article text.</summary>
    private void DropAfterFooterCue()
    {
        if (_lastBody < 0) return;
        long total = 0;
        foreach (var b in _blocks) if (b.BodyLike) total += b.Text.Length;
        long before = 0;
        for (var i = 0; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            if (b.BodyLike) before += b.Text.Length;
            if (b.Reason is not ("comments" or "login" or "footer")) continue;
            if (before < total * 0.7) continue;
            for (var j = i + 1; j < _blocks.Count; j++)
            {
                var next = _blocks[j];
                if (next.Reason is not null) continue;
                next.Reason = b.Reason == "login" ? "comments" : b.Reason;
                next.BodyLike = false;
            }
            RecomputeLastBody();
            return;
        }
    }

    private void RecomputeLastBody()
    {
        _lastBody = -1;
        for (var i = 0; i < _blocks.Count; i++) if (_blocks[i].BodyLike && _blocks[i].Reason is null) _lastBody = i;
        if (_lastBody < 0) _firstBody = -1;
    }

    /// <summary>"Lire aussi :", "Tags :", "Commentaires": the items listed after such a line share its reason.</summary>
    private void FollowCues()
    {
        for (var i = 0; i < _blocks.Count; i++)
        {
            var cue = _blocks[i];
            if (cue.FollowReason is null) continue;
            var taken = 0;
            for (var j = i + 1; j < _blocks.Count && taken < 12; j++)
            {
                var b = _blocks[j];
                if (b.FollowReason is not null) break;
                if (b.Reason is not null) continue; // empty lines, widgets between the items
                if (!IsFollowItem(cue.FollowReason, b)) break;
                b.Reason = cue.FollowReason;
                b.BodyLike = false;
                taken++;
            }
        }
        RecomputeLastBody();
    }

    private bool IsFollowItem(string reason, BlockInfo b)
    {
        if (b.Index == _title) return false;
        return reason switch
        {
            "tags" => IsCommaList(b) || b.Words <= 6 && !b.EndsWithPeriod,
            "comments" or "login" => b.Words <= 40,
            // Other articles' headlines: headline-shaped, or a teaser sentence that shares little with the body.
            _ => IsHeadlineShaped(b) && Overlap(b) < 0.5
                 || b.Words <= 40 && !b.BodyLike && Overlap(b) < 0.3
                 || b.BodyLike && b.Words <= 40 && Overlap(b) < 0.15,
        };
    }

    private static bool IsHeadlineShaped(BlockInfo b)
    {
        if (b.Words is < 3 or > 30 || b.Text.Length > 220 || b.EndsWithPeriod || b.Urls > 0) return false;
        var first = b.Text[0];
        return char.IsUpper(first) || char.IsDigit(first) || first is '"' or '«' or '“' or '\'';
    }

    /// <summary>
    /// "coopération, frappe aérienne, Etat islamique, Russie": short items between commas, no sentence. Items that
    /// open with a lower-case function word ("la traque, l'…") are pieces of a sentence, not tags.
    /// </summary>
    private bool IsCommaList(BlockInfo b)
    {
        if (b.Commas < 2 || b.EndsWithPeriod || b.Words > 60) return false;
        int items = 0, clauses = 0;
        foreach (var item in b.Text.Split([',', ';']))
        {
            var words = item.Split([' ', '\'', '’'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 5) return false;
            if (words.Length == 0) continue;
            items++;
            if (char.IsLower(words[0][0]) && lexicon.IsStopWord(words[0])) clauses++;
        }
        return items >= 3 && clauses * 2 < items;
    }

    // ---- header and footer zones ----

    private void ClassifyByZone()
    {
        if (_firstBody < 0) return; // no clear body: keep what the block rules left
        for (var i = 0; i < _firstBody; i++)
        {
            var b = _blocks[i];
            if (b.Reason is not null || i == _title) continue;
            if (EndsWithPhotoCredit(b)) { b.Reason = "caption"; continue; }
            if (b.Words <= 4 && !b.EndsSentence && DatePatterns.DayMonth.IsMatch(b.Text) && DatePatterns.DayMonth.Match(b.Text).Length + 12 >= b.Text.Length) b.Reason = "date";
            else if (b.Block.Hint == BlockHint.Lead) continue; // the source's own lead field: trusted unless a date
            else if (IsByline(b)) b.Reason = "credits";
            else if (b.Words == 1 && !b.EndsSentence) b.Reason = "menu";
            else if (CountSuffix.IsMatch(b.Text) && !b.EndsWithPeriod) b.Reason = "menu";
            else if (b.Words <= 3 && !b.EndsSentence && b.Block.Hint != BlockHint.Heading) b.Reason = "menu";
            else if ((b.Block.LinkDensity ?? 0) >= 0.6) b.Reason = "menu";
        }
        MarkUnrelatedHeadlineRuns(0, _firstBody);

        for (var i = _lastBody + 1; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            if (b.Reason is not null) continue;
            if (IsCreditLine(b) || IsByline(b)) b.Reason = "credits";
            else if (IsCommaList(b)) b.Reason = "tags";
            else if ((b.Block.LinkDensity ?? 0) >= 0.6) b.Reason = "related";
            else if (CountSuffix.IsMatch(b.Text) && !b.EndsWithPeriod && b.Words <= 30) b.Reason = "related"; // "Dossier name (419)"
            else if (b.Words <= 3 && !b.EndsSentence) b.Reason = "footer";
        }

        MarkUnrelatedHeadlineRuns(_lastBody + 1, _blocks.Count);

        // Inside the body, link-heavy short blocks are links to other pages.
        for (var i = _firstBody; i <= _lastBody; i++)
        {
            var b = _blocks[i];
            if (b.Reason is null && !b.BodyLike && (b.Block.LinkDensity ?? 0) >= 0.6 && b.Words <= 40) b.Reason = "related";
        }
    }

    /// <summary>"… arrives at Glenhaven airport, March 16, 2026. Northwire/Ian Brodie": a short text signed by agency/photographer.</summary>
    private static bool EndsWithPhotoCredit(BlockInfo b)
    {
        if (b.Words > 40 || b.Block.Hint == BlockHint.Lead) return false;
        var text = b.Text;
        var cut = text.LastIndexOf(". ", StringComparison.Ordinal);
        if (cut < 0) return false;
        var tail = text[(cut + 2)..];
        var slash = tail.IndexOf('/');
        return slash > 0 && tail.Length <= 40 && char.IsUpper(tail[0]) && slash + 1 < tail.Length && char.IsUpper(tail[slash + 1])
               && tail.Split(' ').Length <= 4 && !TextShape.EndsSentence(tail.TrimEnd('.') + "x");
    }

    /// <summary>Two or more headlines in a row outside the body, unrelated to it: links to other articles.</summary>
    private void MarkUnrelatedHeadlineRuns(int from, int to)
    {
        for (var i = from; i < to;)
        {
            var j = i;
            var run = new List<BlockInfo>();
            while (j < to && (_blocks[j].Reason is not null && j != _title || IsHeadlineShaped(_blocks[j]) && j != _title && _blocks[j].Block.Hint != BlockHint.Lead))
            {
                if (_blocks[j].Reason is null) run.Add(_blocks[j]);
                j++;
            }
            if (run.Count >= 2 && run.All(r => Overlap(r) < 0.34))
                foreach (var r in run) r.Reason = "related";
            i = Math.Max(j, i + 1);
        }
    }

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

    // ---- overlap with the body ----

    /// <summary>Share of a block's content-word stems found in the rest of the article (body-like blocks and the title).</summary>
    private double Overlap(BlockInfo b)
    {
        _vocabulary ??= BuildVocabulary();
        var stems = b.Stems(lexicon);
        if (stems.Count == 0) return 0;
        var own = b.BodyLike || b.Index == _title;
        var found = 0;
        foreach (var stem in stems)
        {
            if (_vocabulary.TryGetValue(stem, out var blocks) && blocks - (own ? 1 : 0) > 0) found++;
        }
        return (double)found / stems.Count;
    }

    private Dictionary<string, int> BuildVocabulary()
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var b in _blocks)
        {
            if (!(b.BodyLike || b.Index == _title)) continue;
            foreach (var stem in b.Stems(lexicon))
                vocabulary[stem] = vocabulary.GetValueOrDefault(stem) + 1;
        }
        return vocabulary;
    }

    // ---- repeats ----

    private void DropRepeats()
    {
        var words = new List<ulong>();
        var seen = new Dictionary<ulong, int>();
        if (_title >= 0) seen[TextHash(_blocks[_title].Text, words)] = _title;

        // A copy of a block already judged noise is noise too ("Dossier" name in the header and again in the footer).
        var noise = new HashSet<ulong>();
        foreach (var b in _blocks)
            if (b.Reason is not null && b.Words >= 3) noise.Add(TextHash(b.Text, words));

        var shingleOwner = new Dictionary<ulong, int>();   // shingle → first kept block holding it
        var shingleCount = new Dictionary<int, int>();     // block → number of distinct shingles
        var shingles = new HashSet<ulong>();
        var shared = new Dictionary<int, int>();

        for (var i = 0; i < _blocks.Count; i++)
        {
            var b = _blocks[i];
            // Short lines and subheadings legitimately recur ("C'était faux" after each claim checked).
            if (b.Reason is not null || i == _title || b.Words < 4 || b.Block.Hint == BlockHint.Heading) continue;
            var hash = TextHash(b.Text, words);
            if (words.Count == 0) continue;
            if (seen.ContainsKey(hash) || noise.Contains(hash)) { b.Reason = "repeat"; continue; }
            if (_title >= 0 && b.Words <= 40)
            {
                // The title printed again with its date: "Title 20 nov. 2015, 15:59".
                var (withoutDate, date) = DatePatterns.SplitSuffix(b.Text);
                if (date is not null && seen.ContainsKey(TextHash(withoutDate, new List<ulong>()))) { b.Reason = "repeat"; continue; }
            }
            seen[hash] = i;

            // Near repeats: word 3-shingles shared with an earlier block, compared only with blocks that share one.
            if (b.Words < MinNearDuplicateWords) continue;
            shingles.Clear();
            for (var w = 0; w + 2 < words.Count; w++)
                shingles.Add(StableHash.Chain(StableHash.Chain(words[w], words[w + 1]), words[w + 2]));
            shared.Clear();
            foreach (var s in shingles)
                if (shingleOwner.TryGetValue(s, out var owner)) shared[owner] = shared.GetValueOrDefault(owner) + 1;
            var duplicate = false;
            foreach (var (owner, count) in shared)
            {
                // Mostly a copy of the earlier block. A later block that is longer expands the earlier one (a lead
                // restated with who said it): it stays.
                if (count >= NearDuplicateContainment * shingles.Count && shingles.Count <= shingleCount[owner] + 1) { duplicate = true; break; }
            }
            if (duplicate) { b.Reason = "repeat"; continue; }
            shingleCount[i] = shingles.Count;
            foreach (var s in shingles) shingleOwner.TryAdd(s, i);
        }
    }

    /// <summary>
    /// Hash of a text's lower-case words (letters and digits; punctuation and spacing ignored), what two copies of
    /// one paragraph share; <paramref name="words"/> receives each word's hash.
    /// </summary>
    private static ulong TextHash(string text, List<ulong> words)
    {
        words.Clear();
        var total = StableHash.Start;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var word = StableHash.Start;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) word = StableHash.Step(word, char.ToLowerInvariant(text[i++]));
            words.Add(word);
            total = StableHash.Chain(total, word);
        }
        return total;
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

    // ---- apply ----

    private void Apply()
    {
        foreach (var b in _blocks)
        {
            if (b.Reason is not null)
            {
                // A block cut before it was dropped: what is left goes with its reason, the cuts with theirs.
                if (b.Cuts is not null) b.Block.Text = b.Text;
                draft.Remove(b.Block, b.Reason);
                if (b.Cuts is not null) draft.Removed.AddRange(b.Cuts);
                continue;
            }
            if (b.Index == _title)
            {
                // The title found so far (a page's <title>, say) is this block's text: it loses its date and site name
                // too (both are in the removed list, as "date" and "site-name").
                if (draft.Found.Title is null || TextShape.NormalizeInline(draft.Found.Title) == TextShape.NormalizeInline(b.Block.Text))
                    draft.Found.Title = b.Text;
                b.Block.Text = b.Text;
                if (_titleDate is not null) draft.Removed.Add(new RemovedBlock(_titleDate, "date"));
                if (_titleSuffix is not null) draft.Removed.Add(new RemovedBlock(_titleSuffix, "site-name"));
            }
            if (b.Cuts is null) continue;
            b.Block.Text = b.Text;
            draft.Removed.AddRange(b.Cuts);
        }
    }
}
