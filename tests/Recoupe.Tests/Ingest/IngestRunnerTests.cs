using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Ingest;

public sealed class IngestRunnerTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();

    public void Dispose() => _folder.Dispose();

    private static ReadItem Article(int n, string? marker = null) => new ReadArticle(TestArticles.Raw(
        $"Dépêche {n}\n\nLe conseil municipal a voté la délibération numéro {n}. {marker}", $"batch.jsonl:line {n}"));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_stage_that_throws_on_one_article_fails_only_that_article_and_names_it(int parallelism)
    {
        using var store = new SqliteArticleStore(_folder.File("runner.db"));
        var runner = new IngestRunner(store, TestArticles.Pipeline(new ThrowsOnMarker("BOOM"))) { Parallelism = parallelism };
        var items = Enumerable.Range(1, 40).Select(n => Article(n, n == 17 ? "BOOM" : null));
        var seen = new List<IngestItemResult>();

        var summary = runner.Run(items, seen.Add);

        summary.Read.Should().Be(40);
        summary.Stored.Should().Be(39);
        summary.Failed.Should().Be(1);
        var failure = summary.Failures.Should().ContainSingle().Subject;
        failure.Source.Should().Be("batch.jsonl:line 17");
        failure.Error.Should().Contain("stage 'explode'").And.Contain("marker found");
        store.Count().Should().Be(39);
        seen.Select(s => s.Source).Should().Equal(Enumerable.Range(1, 40).Select(n => $"batch.jsonl:line {n}"),
            "items are reported in input order");
        // Ids follow input order whatever the parallelism: article 18 is the 17th stored.
        store.Get(17)!.Raw.Source.Should().Be("batch.jsonl:line 18");
        store.Get(39)!.Raw.Source.Should().Be("batch.jsonl:line 40");
    }

    [Fact]
    public void Reprocess_words_a_stage_failure_as_ingest_does_and_keeps_the_article()
    {
        using var store = new SqliteArticleStore(_folder.File("reprocess.db"));
        var ingest = new IngestRunner(store, TestArticles.Pipeline(new ThrowsOnMarker("BOOM"))) { Parallelism = 2 };
        var ingestError = ingest.Run([Article(1, "BOOM")]).Failures.Should().ContainSingle().Subject.Error;
        new IngestRunner(store, TestArticles.Pipeline()) { Parallelism = 2 }
            .Run(Enumerable.Range(2, 6).Select(n => Article(n, n == 4 ? "BOOM" : null))).Stored.Should().Be(6);

        // Run again with a stage that now throws on the stored article holding the marker.
        var summary = new ReprocessRunner(store, TestArticles.Pipeline(new ThrowsOnMarker("BOOM"))) { Parallelism = 2 }.Run();

        summary.Replaced.Should().Be(5);
        var problem = summary.Problems.Should().ContainSingle().Subject;
        problem.Status.Should().Be(ReprocessStatus.Failed);
        problem.Source.Should().Be("batch.jsonl:line 4");
        problem.Error.Should().Be(ingestError, "ingest and reprocess run on one runner and say a stage's failure in one way");
        store.Count().Should().Be(6);
    }

    [Fact]
    public void Parallel_and_sequential_runs_give_the_same_ids()
    {
        var items = Enumerable.Range(1, 200).Select(n => Article(n)).ToList();
        using var sequential = new SqliteArticleStore(_folder.File("one.db"));
        using var parallel = new SqliteArticleStore(_folder.File("many.db"));

        new IngestRunner(sequential, TestArticles.Pipeline()) { Parallelism = 1 }.Run(items);
        new IngestRunner(parallel, TestArticles.Pipeline()) { Parallelism = 8 }.Run(items);

        parallel.All().Select(a => (a.Id, a.Raw.Source)).Should().Equal(sequential.All().Select(a => (a.Id, a.Raw.Source)));
    }

    [Fact]
    public void Read_failures_rejections_and_duplicates_are_counted_and_named()
    {
        using var store = new SqliteArticleStore(_folder.File("runner.db"));
        var runner = new IngestRunner(store, TestArticles.Pipeline()) { Parallelism = 2 };
        ReadItem[] items =
        [
            Article(1),
            new ReadFailure("broken.jsonl:line 2", "invalid JSON: unexpected end"),
            new ReadArticle(TestArticles.Raw("   \n\n  ", "empty.txt")),
            Article(1) with { },
            Article(2),
        ];

        var summary = runner.Run(items);

        summary.Should().BeEquivalentTo(new
        {
            Read = 5, Stored = 2, Duplicates = 1, Failed = 2,
            Failures = new[]
            {
                new IngestFailure("broken.jsonl:line 2", "invalid JSON: unexpected end"),
                new IngestFailure("empty.txt", "rejected: no article text left after cleaning"),
            },
        });
    }

    [Fact]
    public void A_reader_that_throws_stops_reading_but_keeps_what_was_read()
    {
        using var store = new SqliteArticleStore(_folder.File("runner.db"));
        var runner = new IngestRunner(store, TestArticles.Pipeline()) { Parallelism = 2 };

        var summary = runner.Run(ThrowAfter(3));

        summary.Stored.Should().Be(3);
        summary.Failures.Should().ContainSingle()
            .Which.Should().Be(new IngestFailure("input after batch.jsonl:line 3", "reading stopped: IOException: disk went away"));
    }

    [Fact]
    public void A_store_that_refuses_a_document_is_a_failure_of_that_item_only()
    {
        using var store = new SqliteArticleStore(_folder.File("runner.db"));
        var runner = new IngestRunner(store, TestArticles.Pipeline(new BadSpanOnMarker("BADSPAN"))) { Parallelism = 2 };

        var summary = runner.Run([Article(1), Article(2, "BADSPAN"), Article(3)]);

        summary.Stored.Should().Be(2);
        summary.Failures.Should().ContainSingle().Which.Should().Match<IngestFailure>(
            f => f.Source == "batch.jsonl:line 2" && f.Error.StartsWith("store: ") && f.Error.Contains("outside the text"));
    }

    [Fact]
    public void The_default_pipeline_is_used_when_none_is_given()
    {
        using var store = new SqliteArticleStore(_folder.File("runner.db"));
        var seen = new List<IngestItemResult>();
        var runner = new IngestRunner(store) { Parallelism = 1 };

        runner.Run([Article(1)], seen.Add);

        // Whether the default stages keep or reject it, the item is accounted for under its own name,
        // and no stage crashes on a plain two-paragraph article.
        var item = seen.Should().ContainSingle().Subject;
        item.Source.Should().Be("batch.jsonl:line 1");
        (item.Error ?? "").Should().NotContain("stage '");
        store.Count().Should().Be(item.Status == IngestStatus.Stored ? 1 : 0);
    }

    private static IEnumerable<ReadItem> ThrowAfter(int count)
    {
        for (var n = 1; n <= count; n++) yield return Article(n);
        throw new IOException("disk went away");
    }

    private sealed class ThrowsOnMarker(string marker) : IDocumentStage
    {
        public string Name => "explode";

        public void Run(Document document)
        {
            if (document.Text.Contains(marker, StringComparison.Ordinal))
                throw new InvalidOperationException("marker found");
        }
    }

    private sealed class BadSpanOnMarker(string marker) : IDocumentStage
    {
        public string Name => "bad-span";

        public void Run(Document document)
        {
            if (document.Text.Contains(marker, StringComparison.Ordinal))
                document.Sentences.Add(new Sentence(0, document.Text.Length + 1, 0));
        }
    }
}
