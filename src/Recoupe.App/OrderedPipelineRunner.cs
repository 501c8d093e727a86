using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;

namespace Recoupe.App;

/// <summary>What the pipeline made of one article: its document, or why there is none.</summary>
public readonly record struct PipelineOutcome(Document? Document, string? Error)
{
    public static PipelineOutcome Ok(Document document) => new(document, null);
    public static PipelineOutcome Failed(string error) => new(null, error);
}

/// <summary>
/// Runs the pipeline on a stream of items on several threads and hands each outcome back in input order, on the
/// calling thread, so that what is stored (and the ids it gets) does not depend on timing. Ingest and reprocess both
/// run on it, and word failures alike: "rejected: why" for an article the pipeline refuses, "stage 'name' failed:
/// Type: message" for a stage that throws, "store: …" (<see cref="Describe"/>) for a store that refuses.
/// </summary>
public sealed class OrderedPipelineRunner(Pipeline pipeline)
{
    private readonly Pipeline _pipeline = NamedFailures(pipeline);

    /// <summary>Threads running the pipeline; 1 runs everything on the calling thread. The stages must be thread-safe.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Articles kept in flight beyond 8 per thread: a caller that stores in batches adds its batch size, so the threads
    /// keep working while a batch is stored (with fewer, they stood idle during each store: measured, half the ingest
    /// wall time). Bounded so memory stays flat.
    /// </summary>
    public int ExtraInFlight { get; init; }

    /// <summary>
    /// Processes each item's article (<paramref name="articleOf"/>; null for an item without one, whose outcome is then
    /// empty) and calls <paramref name="onOutcome"/> for every item in input order. When reading the items throws,
    /// <paramref name="onSourceFailed"/> is told with the last item read (the items cannot be resumed) and what was
    /// read is finished; without it the exception goes to the caller. A cancellation stops the reading; the caller
    /// throws once it has kept what was finished.
    /// </summary>
    public void Run<TItem>(IEnumerable<TItem> items, Func<TItem, RawArticle?> articleOf, Action<TItem, PipelineOutcome> onOutcome,
        Action<TItem?, Exception>? onSourceFailed = null, CancellationToken cancellation = default)
    {
        var window = Parallelism <= 1 ? 1 : Parallelism * 8 + ExtraInFlight;
        var inFlight = new Queue<(TItem Item, Task<PipelineOutcome> Work)>(window);

        void FinishOldest()
        {
            var (item, work) = inFlight.Dequeue();
            onOutcome(item, work.GetAwaiter().GetResult());
        }

        using (var source = items.GetEnumerator())
        {
            TItem? last = default;
            while (!cancellation.IsCancellationRequested)
            {
                TItem item;
                try
                {
                    if (!source.MoveNext()) break;
                    item = source.Current;
                }
                catch (Exception e) when (onSourceFailed is not null)
                {
                    onSourceFailed(last, e);
                    break;
                }
                last = item;
                inFlight.Enqueue((item, Start(articleOf(item))));
                while (inFlight.Count >= window) FinishOldest();
            }
        }
        while (inFlight.Count > 0) FinishOldest();
    }

    private Task<PipelineOutcome> Start(RawArticle? raw) => raw switch
    {
        null => Task.FromResult(default(PipelineOutcome)),
        _ when Parallelism <= 1 => Task.FromResult(Process(raw)),
        _ => Task.Run(() => Process(raw)),
    };

    private PipelineOutcome Process(RawArticle raw)
    {
        try
        {
            return PipelineOutcome.Ok(_pipeline.Process(raw));
        }
        catch (ArticleRejectedException e)
        {
            return PipelineOutcome.Failed($"rejected: {e.Message}");
        }
        catch (Exception e)
        {
            return PipelineOutcome.Failed(Describe(e));
        }
    }

    /// <summary>An exception in one line: a stage's failure names the stage; any other says its type and message.</summary>
    public static string Describe(Exception e) => e switch
    {
        StageFailedException stage => stage.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>Wraps each stage so an exception says which stage threw (rejections pass through as they are).</summary>
    private static Pipeline NamedFailures(Pipeline pipeline) => new(
        pipeline.Prepare.Select(IDraftStage (s) => s as NamedDraftStage ?? new NamedDraftStage(s)).ToList(),
        pipeline.Annotate.Select(IDocumentStage (s) => s as NamedDocumentStage ?? new NamedDocumentStage(s)).ToList());

    private sealed class NamedDraftStage(IDraftStage inner) : IDraftStage
    {
        public string Name => inner.Name;

        public void Run(ArticleDraft draft)
        {
            try { inner.Run(draft); }
            catch (Exception e) when (e is not ArticleRejectedException) { throw new StageFailedException(inner.Name, e); }
        }
    }

    private sealed class NamedDocumentStage(IDocumentStage inner) : IDocumentStage
    {
        public string Name => inner.Name;

        public void Run(Document document)
        {
            try { inner.Run(document); }
            catch (Exception e) when (e is not ArticleRejectedException) { throw new StageFailedException(inner.Name, e); }
        }
    }

    private sealed class StageFailedException(string stage, Exception inner)
        : Exception($"stage '{stage}' failed: {inner.GetType().Name}: {inner.Message}", inner);
}
