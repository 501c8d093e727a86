using System.Diagnostics;
using Recoupe.App;
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
    private readonly IArticleWriteStore _store;
    private readonly Pipeline _pipeline;

    public IngestRunner(IArticleWriteStore store, Pipeline? pipeline = null)
    {
        _store = store;
        _pipeline = pipeline ?? DefaultPipeline.Create();
    }

    /// <summary>Threads running the pipeline; 1 runs everything on the calling thread. The pipeline's stages must be thread-safe.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Articles stored per store transaction (<see cref="IArticleWriteStore.AddBatch"/>). Each still lands whole or not at
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
        var toStore = new List<(ReadItem Item, PipelineOutcome Outcome)>(Math.Max(1, StoreBatchSize));
        var runner = new OrderedPipelineRunner(_pipeline) { Parallelism = Parallelism, ExtraInFlight = StoreBatchSize };
        runner.Run(items,
            item => (item as ReadArticle)?.Article,
            (item, outcome) =>
            {
                toStore.Add((item, outcome));
                if (toStore.Count(p => p.Outcome.Document is not null) >= StoreBatchSize) Store(toStore, tally);
            },
            // A reader that throws cannot be resumed: record it and finish what was read.
            (last, e) => tally.Fail(last is null ? "input" : $"input after {last.Source}", $"reading stopped: {OrderedPipelineRunner.Describe(e)}"),
            cancellation);
        Store(toStore, tally);
        cancellation.ThrowIfCancellationRequested();

        return tally.Summary(clock.Elapsed);
    }

    /// <summary>Stores the queued documents as one batch, then tells the tally of each queued item in input order.</summary>
    private void Store(List<(ReadItem Item, PipelineOutcome Outcome)> toStore, Tally tally)
    {
        var documents = toStore.Where(p => p.Outcome.Document is not null).Select(p => p.Outcome.Document!).ToList();
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
        foreach (var (item, outcome) in toStore)
        {
            if (outcome.Document is null)
            {
                tally.Fail(item.Source, item is ReadFailure failure ? failure.Error : outcome.Error ?? $"unknown read item {item.GetType().Name}");
                continue;
            }
            var attempt = attempts[next++];
            if (attempt.Result is { } result) tally.Add(item.Source, result, (item as ReadArticle)?.Warning);
            else tally.Fail(item.Source, $"store: {OrderedPipelineRunner.Describe(attempt.Error!)}");
        }
        toStore.Clear();
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
