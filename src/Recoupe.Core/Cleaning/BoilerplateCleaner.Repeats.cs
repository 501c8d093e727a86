using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Cleaning;

/// <summary>Exact and near repeats of earlier blocks.</summary>
internal sealed partial class BoilerplateCleaner
{
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

        // shingle → first kept block holding it; sized once for all the blocks' words (no chain of doublings)
        var shingleOwner = new Dictionary<ulong, int>(_blocks.Sum(b => b.Words));
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
}
