using Recoupe.Core.Cleaning;
using Recoupe.Core.Extraction;
using Recoupe.Core.Html;
using Recoupe.Core.Metadata;
using Recoupe.Core.Segmentation;

namespace Recoupe.Core.Pipeline;

/// <summary>The stages Recoupe runs on every article, in order.</summary>
public static class DefaultPipeline
{
    /// <summary>Bumped whenever a stage changes what it produces, so stored articles can be re-run.</summary>
    public const int Version = 2;

    public static Pipeline Create() => new(
        prepare:
        [
            new HtmlExtractStage(),
            new TextBlocksStage(),
            new EncodingRepairStage(),
            new GluedParagraphStage(),
            new BoilerplateStage(),
        ],
        annotate:
        [
            new SegmentStage(),
            new LanguageStage(),
            new MetadataStage(),
            new DatesStage(),
            new EntityStage(),
            new QuoteStage(),
            new FigureStage(),
        ]);
}
