using Npgsql;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Store.Postgres;
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

    [Theory, PostgresStore]
    public void A_later_range_commits_only_after_the_open_range_below_it_and_a_writer_that_died_blocks_no_one(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = (PostgresArticleStore)stores.OpenArticles();
        var key = ArticleIdRanges.StoreKey(store.Database);

        // A writer that reserved ids 1–3 and has not committed yet, on a session of its own.
        var dying = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(stores.Location) { Pooling = false }.ConnectionString);
        dying.Open();
        ArticleIdRanges.Reserve(dying, key, 3).First.Should().Be(1);

        var later = Task.Run(() => store.AddBatch(Documents(1)).Select(a => a.ResultOrThrow().ArticleId).ToList());
        WaitUntil(() => Waiting(stores.Location, key), "the later writer waits for the range below its own");
        store.Count().Should().Be(0, "the later batch is not committed while a range below it is open");

        dying.Dispose(); // its session ends, and its range with it
        later.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue();
        later.Result.Should().Equal(4, 5, 6, 7);
        store.AddBatch(Documents(2)).Select(a => a.ResultOrThrow().ArticleId).Should().Equal(8, 9, 10, 11);
        store.List().Select(a => a.Id).Should().Equal(4, 5, 6, 7, 8, 9, 10, 11);
    }

    [Theory, PostgresStore]
    public void Two_writers_storing_the_same_texts_at_the_same_moment_store_each_text_once_and_neither_fails(StoreKind kind)
    {
        // Both writers store one batch of the same texts at once, in opposite orders: each waiting on a row the other
        // inserted was a deadlock (the server aborted one after a second and its articles failed).
        const int rounds = 8;
        using var stores = new TestStores(kind);
        var writers = new[] { stores.OpenArticles(), stores.OpenArticles() };
        var attempts = new IReadOnlyList<StoreAttempt>[2, rounds];
        using var together = new Barrier(2);
        Parallel.For(0, 2, w =>
        {
            for (var r = 0; r < rounds; r++)
            {
                var batch = Documents(r).Concat(Documents(100 + r)).ToList();
                if (w == 1) batch.Reverse();
                together.SignalAndWait();
                attempts[w, r] = writers[w].AddBatch(batch);
            }
        });

        for (var r = 0; r < rounds; r++)
        {
            var first = attempts[0, r].Select(a => a.ResultOrThrow()).ToList();
            var second = attempts[1, r].Select(a => a.ResultOrThrow()).Reverse().ToList();
            for (var i = 0; i < first.Count; i++)
            {
                new[] { first[i].Status, second[i].Status }.Should().BeEquivalentTo([StoreStatus.Stored, StoreStatus.Duplicate],
                    "one writer stores the text and the other is told it is there");
                second[i].ArticleId.Should().Be(first[i].ArticleId);
            }
        }
        stores.OpenArticles().Count().Should().Be(rounds * 8);
    }

    private static List<Document> Documents(int batch) => Enumerable.Range(0, 4)
        .Select(i => TestArticles.Document($"Dépêche {batch}-{i}\n\nLe texte de la dépêche {i} du lot {batch}.")).ToList();

    private static bool Waiting(string location, int key)
    {
        using var connection = new NpgsqlConnection(location);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1::int::oid AND objid = 3;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            Thread.Sleep(50);
        }
    }
}
