using Recoupe.Core.Model;

namespace Recoupe.Core.Extraction;

/// <summary>People, organisations and places, with roles, linked within the article and keyed across articles.</summary>
public sealed class EntityStage : IDocumentStage
{
    public string Name => "entities";
    public IReadOnlyList<string> Requires => Extractor.Prepared;

    public void Run(Document document)
    {
        var analysis = ArticleAnalysis.For(document);
        var entities = analysis.EnsureEntities();
        // the quote stage may re-resolve pronouns in speech attributions; entities are written after it when it runs
        document.Entities.Clear();
        entities.AddModelTo(document.Entities);
        analysis.EntitiesWrittenAt = entities.Relinked;
    }
}

/// <summary>Direct, partial and indirect quotations with their cue and resolved speaker.</summary>
public sealed class QuoteStage : IDocumentStage
{
    public string Name => "quotes";
    public IReadOnlyList<string> Requires => Extractor.Prepared;

    public void Run(Document document)
    {
        var analysis = ArticleAnalysis.For(document);
        var quotes = analysis.EnsureQuotes();
        document.Quotes.Clear();
        document.Quotes.AddRange(quotes.ToModel());
        // pronouns in attributions may have been resolved again from the quotations around them (nothing to write again
        // when the entity stage wrote this analysis's entities and no mention was linked anew since)
        if (analysis.EntitiesWrittenAt == analysis.Entities!.Relinked) return;
        if (document.StagesRun.Contains("entities") || document.Entities.Count > 0)
        {
            document.Entities.Clear();
            analysis.Entities!.AddModelTo(document.Entities);
        }
    }
}

/// <summary>Figures with what they count, their qualifier, time scope and who claims them.</summary>
public sealed class FigureStage : IDocumentStage
{
    public string Name => "figures";
    public IReadOnlyList<string> Requires => Extractor.Prepared;

    public void Run(Document document)
    {
        var analysis = ArticleAnalysis.For(document);
        analysis.EnsureQuotes();
        document.Figures.Clear();
        document.Figures.AddRange(FigureFinder.Run(analysis));
        ArticleAnalysis.Release(document);
    }
}
