using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Segmentation;

/// <summary>Adds sentences and tokens inside each paragraph.</summary>
public sealed class SegmentStage : IDocumentStage
{
    public string Name => "segment";

    public void Run(Document document) { }
}
