using Recoupe.Core.Languages;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Core.Extraction;

/// <summary>
/// Decides which quote-mark pairs are quotations (direct or partial) and which only mark a name, a title or a
/// scare word; finds the speech cue of each quotation before, after or around it, and its speaker; finds
/// indirect speech ("X a fait savoir que…", "selon X, …", "…, a annoncé X").
/// </summary>
public sealed partial class QuoteFinder
{
    private readonly ArticleAnalysis _a;
    private readonly ExtractionResources _r;
    private readonly List<Tok> _t;
    private readonly EntityFinder _e;
    private readonly QuoteRules _rules;
    private readonly Languages.EntityRules _possessives;
    private readonly int[] _pairByOpen;
    private readonly bool[] _isClose;
    private readonly Dictionary<int, QuotePair> _pairAtClose = [];

    public List<IndirectQuote> Indirect { get; } = [];

    /// <summary>How each quotation's speaker was found (its confidence follows from it).</summary>
    private readonly Dictionary<QuotePair, Via> _via = [];

    private QuoteFinder(ArticleAnalysis a)
    {
        _a = a;
        _r = a.R;
        _t = a.Toks;
        _e = a.Entities!;
        _rules = QuoteRules.For(_r.Language);
        _possessives = Languages.EntityRules.For(_r.Language);
        // (buffers of the analysis, at least as long as the token list)
        _pairByOpen = a.Buffers.PairByOpen;
        Array.Fill(_pairByOpen, -1, 0, _t.Count);
        _isClose = a.Buffers.IsClose;
        Array.Clear(_isClose, 0, _t.Count);
        for (var i = 0; i < a.Pairs.Count; i++)
        {
            _pairByOpen[a.Pairs[i].OpenTok] = i;
            if (!a.Pairs[i].Unclosed && a.Pairs[i].CloseTok < _t.Count)
            {
                _isClose[a.Pairs[i].CloseTok] = true;
                _pairAtClose[a.Pairs[i].CloseTok] = a.Pairs[i];
            }
        }
    }

    public static QuoteFinder Run(ArticleAnalysis a)
    {
        var q = new QuoteFinder(a);
        foreach (var p in a.Pairs) q.Decide(p);
        q.RejectRecurringLabels();
        q.AcceptNeighbours();
        foreach (var p in a.Pairs)
        {
            if (!p.IsQuotation) continue;
            q.SetKind(p);
            q.AssignSpeaker(p);
        }
        q.SpeakersOfRepeatedWords();
        q.RejectSpeakerlessTerms();
        q.FindIndirect();
        return q;
    }

    // ---------------------------------------------------------------- output

    public IEnumerable<Quotation> ToModel()
    {
        var list = new List<Quotation>();
        foreach (var p in _a.Pairs)
        {
            if (!p.IsQuotation) continue;
            var confidence = p.Speaker is null ? 0 : SpeakerConfidence.Of(_via.GetValueOrDefault(p));
            list.Add(Make(p.ContentStart, p.ContentEnd, p.Kind, SpeakerConfidence.Keeps(confidence) ? p.Speaker : null, p.Cue, confidence));
        }
        foreach (var q in Indirect)
            list.Add(Make(q.Start, q.End, QuoteKind.Indirect, q.Speaker, q.Cue, q.Speaker is null ? 0 : SpeakerConfidence.Of(Via.Cue)));
        list.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.End.CompareTo(x.End));
        return list;
    }

    /// <summary>
    /// "un avocat", "une source proche du dossier": a description opening on an indefinite determiner brings in someone
    /// not named before, so it is the speaker as written, never a person it was linked to.
    /// </summary>
    private bool IsAnonymous(Mention speaker)
    {
        if (speaker.Via is not ("role" or "descriptor")) return false;
        var first = speaker.RoleFirst >= 0 ? Math.Min(speaker.RoleFirst, speaker.First) : speaker.First;
        if (first < _t.Count && _rules.IsIndefiniteDeterminer(_t[first].Lower)) return true;
        return first > 0 && _t[first - 1].Start < speaker.Start && _rules.IsIndefiniteDeterminer(_t[first - 1].Lower) && _t[first - 1].End + 1 >= _t[first].Start;
    }

    private Quotation Make(int start, int end, QuoteKind kind, Mention? speaker, Cue? cue, double confidence) => new(start, end, kind)
    {
        SpeakerConfidence = confidence,
        SpeakerName = speaker is null ? null : !IsAnonymous(speaker) && NamedBefore(speaker, end) ? speaker.SpeakerName : speaker.Text,
        // (a description with no entity keys by its own words, so two descriptions stay two speakers)
        SpeakerKey = speaker is null || !NamedBefore(speaker, end) ? null
            : IsAnonymous(speaker) || speaker.Entity is null && speaker.Via == "descriptor" ? TextFolding.Slug(speaker.Text) : speaker.Entity?.Key,
        SpeakerSpan = speaker is null ? null : new TextRange(speaker.Start, speaker.End),
        Cue = cue is null ? null : _a.Span(cue.FirstTok, cue.LastTok),
        CueSpan = cue is null ? null : new TextRange(_t[cue.FirstTok].Start, _t[cue.LastTok].End),
    };
}
