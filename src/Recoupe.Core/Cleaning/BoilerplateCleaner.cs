using System.Text.RegularExpressions;
using Recoupe.Core.Model;

namespace Recoupe.Core.Cleaning;

/// <summary>
/// One run of <see cref="BoilerplateStage"/> over a draft: the blocks, what is known of the title and the body, and
/// the order of the passes. The passes live in the other BoilerplateCleaner.*.cs files, one concern each.
/// </summary>
internal sealed partial class BoilerplateCleaner(ArticleDraft draft, CleaningLexicon lexicon)
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
