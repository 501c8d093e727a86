using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Queue;
using Recoupe.Store.Postgres;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Queue;

/// <summary>
/// `assign --languages fr,en` on PostgreSQL: one assigner per language partition (and one for the other languages),
/// each with its own stories, state and lease, grouping while the articles are stored.
/// </summary>
public sealed class PartitionedAssignerTests
{
    private const int FrNewsCount = 150;

    /// <summary>The first fr-news articles with the samples (French and English) slipped in, one after every fourth.</summary>
    private static List<Document> Articles()
    {
        var news = ArticleReader.Read([SharedData.Find(FrNewsArticles.Path)!]).OfType<ReadArticle>().Select(r => r.Article).Take(FrNewsCount).ToList();
        var samples = ArticleReader.Read([Path.Combine(SharedData.SamplesDir, "articles")]).OfType<ReadArticle>().Select(r => r.Article).ToList();
        var raw = new List<RawArticle>();
        for (var i = 0; i < news.Count; i++)
        {
            raw.Add(news[i]);
            if (i % 4 == 3 && i / 4 < samples.Count) raw.Add(samples[i / 4]);
        }
        raw.AddRange(samples.Skip(news.Count / 4));
        var pipeline = DefaultPipeline.Create();
        return raw.Select(pipeline.Process).ToList();
    }

    [SharedTheory(FrNewsArticles.Path), PostgresStore]
    public void Fr_and_en_partitions_put_each_article_in_one_story_and_group_each_language_as_the_embedded_mode_does_across_a_takeover(StoreKind kind)
    {
        var documents = Articles();
        using var stores = new TestStores(kind);
        var articles = (PostgresArticleStore)stores.OpenArticles();
        using var database = new PostgresDatabase(stores.Location);
        var layout = StoryPartition.ByLanguage(["fr", "en"]);
        var partitions = layout.Select(p => (Partition: p, Stories: new PostgresStoryStore(database, partition: p, layout: layout),
            Lease: new PostgresWriterLease(database, StoryAssigner.LeaseName(p)))).ToList();
        var assigners = partitions.Select(p => new StoryAssigner(articles, p.Stories, p.Lease, TimeSpan.FromMilliseconds(50), p.Partition)).ToList();
        // A standby for the fr partition, as a second `assign --languages fr,en` process would hold.
        using var standbyStories = new PostgresStoryStore(database, partition: layout[0], layout: layout);
        using var standbyLease = new PostgresWriterLease(database, StoryAssigner.LeaseName(layout[0]));
        var standby = new StoryAssigner(articles, standbyStories, standbyLease, TimeSpan.FromMilliseconds(50), layout[0]);

        // The assigners group while the articles are stored, batch after batch, as workers would store them; halfway,
        // the active fr assigner dies (its run stops, its session ends) and the standby takes over its partition.
        using (var stop = new CancellationTokenSource())
        using (var stopFr = new CancellationTokenSource())
        {
            var runs = assigners.Select((a, i) => Task.Run(() => a.RunAsync(i == 0 ? stopFr.Token : stop.Token))).ToList();
            SpinWait.SpinUntil(() => assigners.All(a => a.Active), TimeSpan.FromMinutes(1)).Should().BeTrue();
            runs.Add(Task.Run(() => standby.RunAsync(stop.Token)));
            var ids = new List<long>();
            var batches = documents.Chunk(16).ToList();
            for (var b = 0; b < batches.Count; b++)
            {
                ids.AddRange(articles.AddBatch(batches[b]).Select(a => a.ResultOrThrow().ArticleId));
                if (b != batches.Count / 2) continue;
                SpinWait.SpinUntil(() => partitions[0].Stories.PendingArticles() == 0, TimeSpan.FromMinutes(2)).Should().BeTrue();
                standby.Active.Should().BeFalse("the fr lease is held by the first assigner");
                stopFr.Cancel();
                runs[0].Wait();
                partitions[0].Lease.Dispose();
            }
            ids.Should().Equal(Enumerable.Range(1, documents.Count).Select(i => (long)i));
            SpinWait.SpinUntil(() => standby.Active && assigners.Skip(1).All(a => a.Active) && partitions.All(p => p.Stories.PendingArticles() == 0),
                TimeSpan.FromMinutes(5)).Should().BeTrue("every partition grouped its articles, fr by its standby after the takeover");
            stop.Cancel();
            Task.WaitAll([.. runs]);
        }

        var languages = articles.List().ToDictionary(a => a.Id, a => a.Language);
        languages.Values.Count(l => l == "en").Should().BeGreaterThan(3, "the English samples form the en partition");
        using var all = new PostgresStoryStore(database);
        all.PendingArticles().Should().Be(0, "the lag over every partition");
        var assigned = all.Assignments();
        assigned.Keys.Should().BeEquivalentTo(languages.Keys, "every article is in a story");
        partitions.Sum(p => p.Stories.Assignments().Count).Should().Be(languages.Count, "and in one only");

        foreach (var (partition, stories, _) in partitions)
        {
            // The embedded mode given only this partition's articles, in the same order.
            var mine = languages.Where(kv => partition.Holds(kv.Value)).Select(kv => kv.Key).Order().ToList();
            stories.Assignments().Keys.Should().BeEquivalentTo(mine, $"partition '{partition.Name}' groups its language only");
            using var embedded = new TestStores(StoreKind.Sqlite);
            var embeddedArticles = embedded.OpenArticles();
            var embeddedStories = embedded.OpenStories();
            var embeddedIds = embeddedArticles.AddBatch(mine.Select(id => documents[(int)id - 1]).ToList()).Select(a => a.ResultOrThrow().ArticleId).ToList();
            new StoryIndexer(embeddedArticles, embeddedStories).Update();
            var toStored = embeddedIds.Zip(mine).ToDictionary(p => p.First, p => p.Second);

            Grouping(stories.Assignments(), id => id).Should().BeEquivalentTo(Grouping(embeddedStories.Assignments(), id => toStored[id]),
                $"partition '{partition.Name}' has the embedded mode's stories and story ids");
        }

        // A writer of every article is refused on a store grouped by language partitions: articles would be grouped twice.
        FluentActions.Invoking(() => new StoryIndexer(articles, all).Recluster()).Should().Throw<InvalidOperationException>().WithMessage("*other partitions*");
        foreach (var (_, stories, lease) in partitions)
        {
            lease.Dispose();
            stories.Dispose();
        }
    }

    [Fact]
    public void Languages_given_in_any_order_make_the_same_partitions_and_every_language_falls_in_exactly_one()
    {
        var layout = StoryPartition.ByLanguage(["fr", " EN"]);
        layout.Select(p => p.Name).Should().Equal("fr", "en", "~en,fr");
        StoryPartition.ByLanguage(["en", "fr", "fr"]).Select(p => p.Name).Should().BeEquivalentTo(layout.Select(p => p.Name));
        foreach (var language in new[] { "fr", "en", "de", "und", "" })
            layout.Count(p => p.Holds(language)).Should().Be(1, $"'{language}' is in one partition");
        StoryPartition.ByLanguage([]).Should().ContainSingle().Which.IsAll.Should().BeTrue();
        FluentActions.Invoking(() => StoryPartition.ByLanguage(["fr-FR"])).Should().Throw<ArgumentException>();
    }

    /// <summary>Each story id with its members' ids in the stored store's numbering, sorted.</summary>
    private static Dictionary<string, string> Grouping(IReadOnlyDictionary<long, string> assignments, Func<long, long> toStored) =>
        assignments.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => string.Join(",", g.Select(kv => toStored(kv.Key)).Order()));
}
