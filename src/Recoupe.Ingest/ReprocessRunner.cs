using System.Diagnostics;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Ingest;

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
        var window = Parallelism <= 1 ? 1 : Parallelism * 8;
        var inFlight = new Queue<(StoredArticle Article, Task<(Document? Document, string? Error)> Work)>(window);
        var problems = new List<ReprocessItemResult>();
        int articles = 0, replaced = 0, duplicates = 0;

        void Finish((StoredArticle Article, Task<(Document? Document, string? Error)> Work) pending)
        {
            var (article, work) = pending;
            var (document, error) = work.GetAwaiter().GetResult();
            ReprocessItemResult result;
            if (document is null)
                result = new(article.Id, article.Raw.Source, ReprocessStatus.Failed, Error: error);
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
                    result = new(article.Id, article.Raw.Source, ReprocessStatus.Failed, Error: $"store: {e.GetType().Name}: {e.Message}");
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

        foreach (var article in store.All())
        {
            if (cancellation.IsCancellationRequested) break;
            var work = Parallelism <= 1 ? Task.FromResult(Process(article.Raw)) : Task.Run(() => Process(article.Raw));
            inFlight.Enqueue((article, work));
            while (inFlight.Count >= window) Finish(inFlight.Dequeue());
        }
        while (inFlight.Count > 0) Finish(inFlight.Dequeue());
        cancellation.ThrowIfCancellationRequested();
        return new ReprocessSummary(articles, replaced, duplicates, problems.Count(p => p.Status == ReprocessStatus.Failed),
            problems, clock.Elapsed);
    }

    private (Document? Document, string? Error) Process(RawArticle raw)
    {
        try
        {
            return (_pipeline.Process(raw), null);
        }
        catch (ArticleRejectedException e)
        {
            return (null, $"rejected: {e.Message}");
        }
        catch (Exception e)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
