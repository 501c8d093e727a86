namespace Recoupe.Core.Model;

// One stage instance serves several threads at once (ingest runs articles in parallel):
// keep per-article state in locals or in the draft/document, never in fields.

/// <summary>A stage that prepares the draft (decode, extract main text, clean) before the text is fixed.</summary>
public interface IDraftStage
{
    string Name { get; }
    void Run(ArticleDraft draft);
}

/// <summary>A stage that adds annotations to a document whose text is fixed.</summary>
public interface IDocumentStage
{
    string Name { get; }
    void Run(Document document);
    /// <summary>What the stage reads that an earlier stage must have assigned, by those stages' names; the pipeline checks it when built.</summary>
    IReadOnlyList<string> Requires => [];
}

/// <summary>An input the pipeline cannot make an article of; the message names what is wrong.</summary>
public sealed class ArticleRejectedException(string message) : Exception(message);
