using System.Diagnostics;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.App;

public enum ReprocessStatus { Replaced, Duplicate, Failed }

/// <summary>What became of one stored article. <see cref="DuplicateOf"/> is the article whose cleaned text it now has.</summary>
public sealed record ReprocessItemResult(long ArticleId, string Source, ReprocessStatus Status, long? DuplicateOf = null, string? Error = null);

public sealed record ReprocessSummary(int Articles, int Replaced, int Duplicates, int Failed,
    IReadOnlyList<ReprocessItemResult> Problems, TimeSpan Elapsed);

/// <summary>
/// Runs the pipeline again on every stored article's raw input and replaces what it derived (text, metadata,
/// annotations, entity/quotation/figure rows), one transaction per article, ids kept. Useful after any stage change
/// or schema upgrade. An article that fails, or whose new cleaned text is another article's, is left as it was and
/// reported; the others go on. Articles are processed on several threads and written in id order.
/// </summary>
public sealed class ReprocessRunner(IArticleStore store, Pipeline? pipeline = null)
{
    private readonly Pipeline _pipeline = pipeline ?? DefaultPipeline.Create();

    /// <summary>Threads running the pipeline; 1 runs everything on the calling thread.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public ReprocessSummary Run(Action<ReprocessItemResult>? onItem = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var problems = new List<ReprocessItemResult>();
        int articles = 0, replaced = 0, duplicates = 0;

        void Finish(StoredArticle article, PipelineOutcome outcome)
        {
            ReprocessItemResult result;
            if (outcome.Document is not { } document)
                result = new(article.Id, article.Raw.Source, ReprocessStatus.Failed, Error: outcome.Error);
            else
            {
                try
                {
                    var stored = store.Replace(article.Id, document);
                    result = stored.ArticleId == article.Id
                        ? new(article.Id, article.Raw.Source, ReprocessStatus.Replaced)
                        : new(article.Id, article.Raw.Source, ReprocessStatus.Duplicate, DuplicateOf: stored.ArticleId);
                }
                catch (Exception e)
                {
                    result = new(article.Id, article.Raw.Source, ReprocessStatus.Failed, Error: $"store: {OrderedPipelineRunner.Describe(e)}");
                }
            }
            articles++;
            switch (result.Status)
            {
                case ReprocessStatus.Replaced: replaced++; break;
                case ReprocessStatus.Duplicate: duplicates++; problems.Add(result); break;
                default: problems.Add(result); break;
            }
            onItem?.Invoke(result);
        }

        new OrderedPipelineRunner(_pipeline) { Parallelism = Parallelism }
            .Run(store.All(), article => article.Raw, Finish, cancellation: cancellation);
        cancellation.ThrowIfCancellationRequested();
        return new ReprocessSummary(articles, replaced, duplicates, problems.Count(p => p.Status == ReprocessStatus.Failed),
            problems, clock.Elapsed);
    }
}
