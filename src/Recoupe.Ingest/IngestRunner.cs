using System.Diagnostics;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;

namespace Recoupe.Ingest;

public enum IngestStatus { Stored, Duplicate, Failed }

/// <summary>
/// What became of one input item. <see cref="ArticleId"/> is set when stored or a duplicate; <see cref="Warning"/>
/// when the reader had to guess (text that was not UTF-8, read as Windows-1252).
/// </summary>
public sealed record IngestItemResult(string Source, IngestStatus Status, long? ArticleId = null, string? Error = null, string? Warning = null);

public sealed record IngestFailure(string Source, string Error);

/// <summary>Counts of one batch. <see cref="Read"/> counts every item the readers gave, failed reads included.</summary>
public sealed record IngestSummary(int Read, int Stored, int Duplicates, int Failed, IReadOnlyList<IngestFailure> Failures, TimeSpan Elapsed);

/// <summary>
/// Reads inputs, runs the pipeline on each article and stores the documents. One bad item never stops the batch:
/// a failed read, a rejected article, a stage that throws or a store that refuses become a failure naming the item.
/// Articles are processed on several threads but stored in input order, so ids do not depend on timing.
/// </summary>
public sealed class IngestRunner
{
    private readonly IArticleStore _store;
    private readonly Pipeline _pipeline;

    public IngestRunner(IArticleStore store, Pipeline? pipeline = null)
    {
        _store = store;
        _pipeline = NamedFailures(pipeline ?? DefaultPipeline.Create());
    }

    /// <summary>Threads running the pipeline; 1 runs everything on the calling thread. The pipeline's stages must be thread-safe.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Articles stored per store transaction (<see cref="IArticleStore.AddBatch"/>). Each still lands whole or not at
    /// all; a larger batch saves commits, a smaller one reports progress sooner. 1 stores each article on its own.
    /// </summary>
    public int StoreBatchSize { get; init; } = 64;

    /// <summary>Reads the inputs (paths, folders, URLs, "-" for <paramref name="standardInput"/>) and ingests them.</summary>
    public IngestSummary Run(IEnumerable<string> inputs, Stream? standardInput = null,
        Action<IngestItemResult>? onItem = null, CancellationToken cancellation = default) =>
        Run(ArticleReader.Read(inputs, standardInput), onItem, cancellation);

    /// <summary>Ingests the items in order; <paramref name="onItem"/> is told of each one, in order, on the calling thread.</summary>
    public IngestSummary Run(IEnumerable<ReadItem> items, Action<IngestItemResult>? onItem = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally(onItem);
        // Enough articles in flight to keep every thread busy while the oldest waits to be stored, and while a whole
        // batch is being stored: with fewer than a batch in flight, the pipeline threads stood idle during each store
        // (measured: half the ingest wall time). Bounded so memory stays flat.
        var window = Parallelism <= 1 ? 1 : Parallelism * 8 + StoreBatchSize;
        var inFlight = new Queue<(string Source, Task<Processed> Work)>(window);
        var toStore = new List<(string Source, Processed Result)>(Math.Max(1, StoreBatchSize));

        using (var source = items.GetEnumerator())
        {
            string? lastSource = null;
            while (!cancellation.IsCancellationRequested)
            {
                ReadItem item;
                try
                {
                    if (!source.MoveNext()) break;
                    item = source.Current;
                }
                catch (Exception e)
                {
                    // A reader that throws cannot be resumed: record it and finish what was read.
                    var where = lastSource is null ? "input" : $"input after {lastSource}";
                    tally.Fail(where, $"reading stopped: {Describe(e)}");
                    break;
                }
                lastSource = item.Source;
                inFlight.Enqueue((item.Source, Start(item)));
                while (inFlight.Count >= window) Finish(inFlight.Dequeue(), toStore, tally);
            }
        }
        while (inFlight.Count > 0) Finish(inFlight.Dequeue(), toStore, tally);
        Store(toStore, tally);
        cancellation.ThrowIfCancellationRequested();

        return tally.Summary(clock.Elapsed);
    }

    private Task<Processed> Start(ReadItem item) => item switch
    {
        ReadFailure failure => Task.FromResult(Processed.Failed(failure.Error)),
        ReadArticle article when Parallelism <= 1 => Task.FromResult(Process(article.Article) with { Warning = article.Warning }),
        ReadArticle article => Task.Run(() => Process(article.Article) with { Warning = article.Warning }),
        _ => Task.FromResult(Processed.Failed($"unknown read item {item.GetType().Name}")),
    };

    private Processed Process(RawArticle raw)
    {
        try
        {
            return Processed.Ok(_pipeline.Process(raw));
        }
        catch (ArticleRejectedException e)
        {
            return Processed.Failed($"rejected: {e.Message}");
        }
        catch (Exception e)
        {
            return Processed.Failed(Describe(e));
        }
    }

    /// <summary>Waits for the oldest article in flight and queues it for storing, in input order.</summary>
    private void Finish((string Source, Task<Processed> Work) pending, List<(string Source, Processed Result)> toStore, Tally tally)
    {
        toStore.Add((pending.Source, pending.Work.GetAwaiter().GetResult()));
        if (toStore.Count(p => p.Result.Document is not null) >= StoreBatchSize) Store(toStore, tally);
    }

    /// <summary>Stores the queued documents as one batch, then tells the tally of each queued item in input order.</summary>
    private void Store(List<(string Source, Processed Result)> toStore, Tally tally)
    {
        var documents = toStore.Where(p => p.Result.Document is not null).Select(p => p.Result.Document!).ToList();
        IReadOnlyList<StoreAttempt> attempts;
        try
        {
            attempts = documents.Count == 0 ? [] : _store.AddBatch(documents);
        }
        catch (Exception e)
        {
            attempts = documents.Select(_ => new StoreAttempt(null, e)).ToList();
        }
        var next = 0;
        foreach (var (source, processed) in toStore)
        {
            if (processed.Document is null)
            {
                tally.Fail(source, processed.Error!);
                continue;
            }
            var attempt = attempts[next++];
            if (attempt.Result is { } result) tally.Add(source, result, processed.Warning);
            else tally.Fail(source, $"store: {Describe(attempt.Error!)}");
        }
        toStore.Clear();
    }

    private static string Describe(Exception e) => e switch
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

    private readonly record struct Processed(Document? Document, string? Error)
    {
        public string? Warning { get; init; }

        public static Processed Ok(Document document) => new(document, null);
        public static Processed Failed(string error) => new(null, error);
    }

    private sealed class Tally(Action<IngestItemResult>? onItem)
    {
        private readonly List<IngestFailure> _failures = [];
        private int _stored, _duplicates;

        public void Add(string source, StoreResult result, string? warning)
        {
            if (result.Status == StoreStatus.Stored) _stored++;
            else _duplicates++;
            onItem?.Invoke(new IngestItemResult(source,
                result.Status == StoreStatus.Stored ? IngestStatus.Stored : IngestStatus.Duplicate, result.ArticleId, Warning: warning));
        }

        public void Fail(string source, string error)
        {
            _failures.Add(new IngestFailure(source, error));
            onItem?.Invoke(new IngestItemResult(source, IngestStatus.Failed, Error: error));
        }

        public IngestSummary Summary(TimeSpan elapsed) =>
            new(_stored + _duplicates + _failures.Count, _stored, _duplicates, _failures.Count, _failures, elapsed);
    }
}
