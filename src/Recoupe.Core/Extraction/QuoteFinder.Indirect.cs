using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>An indirect quotation: reported speech without quotation marks.</summary>
public sealed class IndirectQuote
{
    public int Start;
    public int End;
    public int FirstTok;
    public int LastTok;
    public Cue Cue = null!;
    public Mention? Speaker;
}

/// <summary>The quotation finder's reported speech without marks: "X a annoncé que …", "selon X, …", "…, a annoncé X".</summary>
public sealed partial class QuoteFinder
{
    private void FindIndirect()
    {
        for (var s = 0; s < _a.SentenceStarts.Count; s++)
        {
            var start = _a.SentenceStartTok(s);
            var end = _a.SentenceEndTok(s); // exclusive
            if (end <= start) continue;
            for (var k = start; k < end; k++)
            {
                if (_a.Enclosing[k] is not null) continue;
                var according = AccordingAt(k);
                var reports = according is { Subject: not null };
                var opensSentence = k == start || (k == start + 1 && _t[start].Kind == TokKind.Word && _rules.IsOpeningCoordinator(_t[start].Lower));
                if (according is { Subject: null } && opensSentence)
                {
                    // a source we hold no entity for still reports ("Selon Voici, …", as written); a mention past the comma
                    // is the clause's own subject, so the clause is reported, by no one we can name. Only when "selon"
                    // opens the sentence: mid-sentence (", la seule force, selon Moscou, capable de…") it qualifies a phrase,
                    // not the clause before it
                    according.Subject = HolderPhrase(according);
                    reports = according.Subject is not null || MentionAfter(according.LastTok + 1, 10, allowPreposition: true) is not null;
                }
                if (according is not null && reports)
                {
                    // "Selon X, CLAUSE." or "CLAUSE, selon X."
                    var comma = NextComma(according.LastTok + 1, end);
                    if (opensSentence)
                    {
                        if (comma > 0) AddIndirect(comma + 1, LastContent(end), according);
                    }
                    else if (k > start && _t[k - 1].Lower == ",") AddIndirect(start, k - 2, according);
                    k = according.LastTok;
                    continue;
                }
                var cue = VerbGroupAt(k);
                if (cue is null) continue;
                var beforeCue = cue.FirstTok - 1;
                if (beforeCue >= start && _t[beforeCue].Lower == "," && beforeCue > start && !IsCloseTok(beforeCue - 1))
                {
                    // "CLAUSE, a annoncé X."
                    FindSubject(cue, preferAfter: true);
                    // (what comes before must be a clause: "Le chef de l'agence, X, a félicité Y" reports nothing)
                    if (cue.Inverted && cue.Subject is not null && HoldsVerb(start, beforeCue - 1)) AddIndirect(start, beforeCue - 1, cue);
                }
                else if (cue.ThatTok >= 0)
                {
                    // "X a fait savoir que CLAUSE."
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.ThatTok + 1, LastContent(end), cue);
                }
                else if (cue.LastTok + 1 < end && _t[cue.LastTok + 1].Classes is var c && (c.Contains('i') || _rules.IsPerfectInfinitiveAuxiliary(_t[cue.LastTok + 1].Lower)))
                {
                    // "X dit avoir tué …", "a annoncé dimanche avoir frappé"
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.LastTok + 1, LastContent(end), cue);
                }
                else if (cue.LastTok + 2 < end && _t[cue.LastTok + 1].In(WordLists.Filler) && _rules.IsPerfectInfinitiveAuxiliary(_t[cue.LastTok + 2].Lower))
                {
                    FindSubject(cue, preferAfter: false);
                    if (cue.Subject is not null) AddIndirect(cue.LastTok + 2, LastContent(end), cue);
                }
                k = cue.LastTok;
            }
        }
    }

    /// <summary>Does a word outside any name, between <paramref name="first"/> and <paramref name="last"/>, read as a finite verb or an auxiliary?</summary>
    private bool HoldsVerb(int first, int last)
    {
        for (var k = first; k <= last && k < _t.Count; k++)
        {
            if (_e.At(k) is { } m) { k = Math.Max(k, m.Last); continue; }
            var t = _t[k];
            if (t.Kind == TokKind.Word && (t.In(WordLists.Auxiliary) || t.CanBeFiniteVerb && !t.Classes.Contains('n'))) return true;
        }
        return false;
    }

    private int NextComma(int from, int end)
    {
        for (var k = from; k < end && k < from + 20; k++)
            if (_t[k].Lower == "," && _a.Enclosing[k] is null) return k;
        return -1;
    }

    private int LastContent(int endExclusive)
    {
        var k = endExclusive - 1;
        while (k >= 0 && _t[k].Kind == TokKind.Punct && _t[k].Lower is "." or "!" or "?" or "…" or "...") k--;
        return k;
    }

    private void AddIndirect(int first, int last, Cue cue)
    {
        if (last <= first || first < 0 || last >= _t.Count) return;
        // reported speech that holds quotation marks is already covered by those quotations
        for (var k = first; k <= last; k++) if (_a.Enclosing[k] is not null || _pairByOpen[k] >= 0) return;
        if (last - first < 2) return;
        var speaker = cue.Subject;
        Indirect.Add(new IndirectQuote { Start = _t[first].Start, End = _t[last].End, FirstTok = first, LastTok = last, Cue = cue, Speaker = speaker });
    }
}
