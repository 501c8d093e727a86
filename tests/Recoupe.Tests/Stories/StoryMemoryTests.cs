using Recoupe.Core.Stories;
using Recoupe.Tests.Support;
using Xunit.Abstractions;

namespace Recoupe.Tests.Stories;

/// <summary>The clusterer's memory follows its open stories: what closed leaves it once its changes are written, and decisions do not move.</summary>
public class StoryMemoryTests(ITestOutputHelper output)
{
    private static List<StoryInput> StoriesDev() =>
        StoryEvaluationTests.ReadOrangeSum(SharedData.Find("corpus/stories-dev/articles.jsonl")!).Select(i => i.Input).ToList();

    [SharedFact("corpus/stories-dev/articles.jsonl")]
    public void Changes_taken_after_every_article_give_the_same_stories_and_leave_only_open_stories_in_memory()
    {
        // stories-dev runs over four years: most of its stories close on the way.
        var items = StoriesDev();
        var straight = new StoryClusterer();
        foreach (var input in items) straight.Add(input);

        var ledger = new StoryLedger();
        var taking = new StoryClusterer { IdRegistry = ledger };
        var mostInMemory = 0;
        foreach (var input in items)
        {
            taking.Add(input);
            ledger.Write(taking.TakeChanges());
            mostInMemory = Math.Max(mostInMemory, taking.MemoryCounts.Stories);
            taking.MemoryCounts.Stories.Should().Be(taking.OpenStoryCount, "only open stories stay once their changes are taken");
        }

        var assignments = ledger.Assignments();
        foreach (var input in items) assignments[input.Id].Should().Be(straight.StoryOf(input.Id), input.Id);
        ledger.Stories.Should().HaveCount(straight.StoryCount);
        output.WriteLine($"{items.Count} articles, {straight.StoryCount} stories; at most {mostInMemory} in memory, {taking.OpenStoryCount} at the end " +
                         $"({taking.MemoryCounts.Articles} articles)");
        // A closed story is answered by the store, not the clusterer.
        var closed = ledger.Stories.Values.First(s => s.Closed);
        taking.Story(closed.Id).Should().BeNull();
        straight.Story(closed.Id)!.Articles.Should().Equal(closed.Articles);
    }

    [SharedFact("corpus/stories-dev/articles.jsonl")]
    public void A_saved_and_reloaded_clusterer_goes_on_exactly_as_one_that_never_stopped()
    {
        var items = StoriesDev();
        var straight = new StoryClusterer();
        foreach (var input in items) straight.Add(input);
        var whole = new StoryLedger();
        whole.Write(straight.TakeChanges());

        // Resumed as a store does: the changes written with the state, the state loaded, the store asked for old ids.
        var ledger = new StoryLedger();
        var resumed = new StoryClusterer { IdRegistry = ledger };
        long largest = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (i is 100 or 250 or 400)
            {
                ledger.Write(resumed.TakeChanges());
                using var buffer = new MemoryStream();
                resumed.Save(buffer);
                largest = Math.Max(largest, buffer.Length);
                buffer.Position = 0;
                resumed = StoryClusterer.Load(buffer);
                resumed.IdRegistry = ledger;
            }
            resumed.Add(items[i]);
        }
        ledger.Write(resumed.TakeChanges());

        ledger.Assignments().Should().Equal(whole.Assignments());
        ledger.Stories.Keys.Order().Should().Equal(whole.Stories.Keys.Order());
        // Labels are made when a story changes; a closed story's is final, so it is the same however the run was cut.
        foreach (var story in whole.Stories.Values.Where(s => s.Closed))
            (ledger.Stories[story.Id].Label, ledger.Stories[story.Id].Headline).Should().Be((story.Label, story.Headline));
        ledger.Redirects.Should().Equal(whole.Redirects);
        ledger.Events.Should().BeEquivalentTo(whole.Events, o => o.WithStrictOrdering());
        ledger.CopyGroups.Should().BeEquivalentTo(whole.CopyGroups);
        output.WriteLine($"largest saved state {largest / 1024} KB");
    }
}
