using Recoupe.Core.Model;

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
