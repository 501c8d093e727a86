using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>The body zone, the header and footer around it, the items following a cue, and word overlap with the body.</summary>
internal sealed partial class BoilerplateCleaner
{
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
}
