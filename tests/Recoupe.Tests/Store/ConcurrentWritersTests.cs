using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>Two writers (two store objects stand for two processes) storing batches at the same time.</summary>
public sealed class ConcurrentWritersTests
{
    private const int Batches = 12;
    private const int BatchSize = 8;

    [Theory, SqliteStore, PostgresStore]
    public void Two_writers_at_once_get_each_batch_contiguous_ids_and_no_reader_ever_sees_a_gap(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var writers = new[] { stores.OpenArticles(), stores.OpenArticles() };
        var reader = stores.OpenArticles();
        var gapsSeen = new List<string>();
        using var done = new CancellationTokenSource();
        var watching = Task.Run(() =>
        {
            // A reader that has seen id N must have seen every article below it (grouping reads "after the last id").
            while (!done.IsCancellationRequested)
            {
                var ids = reader.List().Select(a => a.Id).ToList();
                if (ids.Count > 0 && ids[^1] != ids.Count) gapsSeen.Add($"{ids.Count} articles up to id {ids[^1]}");
            }
        });
        var batchIds = new List<long>[2 * Batches];
        Parallel.For(0, 2, w =>
        {
            for (var b = 0; b < Batches; b++)
            {
                var batch = Enumerable.Range(0, BatchSize)
                    .Select(i => TestArticles.Document($"Dépêche {w}-{b}-{i}\n\nLe texte de la dépêche {i} du lot {b} de l'auteur {w}."))
                    .ToList();
                batchIds[w * Batches + b] = writers[w].AddBatch(batch).Select(a => a.ResultOrThrow().ArticleId).ToList();
            }
        });
        done.Cancel();
        watching.Wait();

        gapsSeen.Should().BeEmpty("ids follow commit order");
        foreach (var ids in batchIds) ids.Should().Equal(Enumerable.Range((int)ids[0], BatchSize).Select(i => (long)i));
        batchIds.SelectMany(i => i).Order().Should().Equal(Enumerable.Range(1, 2 * Batches * BatchSize).Select(i => (long)i));
        reader.Count().Should().Be(2 * Batches * BatchSize);
    }
}
