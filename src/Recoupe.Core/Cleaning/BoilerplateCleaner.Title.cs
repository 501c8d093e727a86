using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>Which block is the title, and the date and site name cut off it.</summary>
internal sealed partial class BoilerplateCleaner
{
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
}
