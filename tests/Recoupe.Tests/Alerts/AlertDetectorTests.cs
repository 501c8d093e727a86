using System.Text.Json;
using System.Xml;
using System.ServiceModel.Syndication;
using Recoupe.App.Alerts;
using Recoupe.Core.Storage;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Alerts;

/// <summary>Story alerts found on the sample corpus, its folders ingested one after another as a watcher would receive them.</summary>
public sealed class AlertDetectorTests(Xunit.Abstractions.ITestOutputHelper output)
{

    private static JsonElement Detail(AlertEvent e) => JsonDocument.Parse(e.Detail).RootElement;

    [Theory, SqliteStore, PostgresStore]
    public void A_story_reaching_three_outlets_is_alerted_once_and_running_again_finds_nothing_new(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        var run = store.Ingest();
        output.WriteLine($"detection after grouping the 33 samples: {store.LastDetection.TotalMilliseconds:0} ms, {run.Events.Count} events, {run.StoriesChecked} stories checked");

        var news = run.Events.Where(e => e.Kind == AlertKinds.NewStory).ToList();
        news.Should().NotBeEmpty("the samples hold stories told by three outlets or more");
        foreach (var e in news)
        {
            var story = store.Stories.Get(e.StoryId!)!;
            story.Outlets.Count.Should().BeGreaterThanOrEqualTo(3, e.Id);
            Detail(e).GetProperty("what").GetProperty("outlets").GetInt32().Should().Be(story.Outlets.Count);
            e.Title.Should().Be(story.Headline);
        }
        news.Select(e => e.StoryId).Should().OnlyHaveUniqueItems();
        store.Stories.List().Where(s => s.Outlets.Count >= 3).Select(s => s.Id).Should().BeEquivalentTo(news.Select(e => e.StoryId));

        store.Detect().Events.Should().BeEmpty("the detector's position is past every grouped article");
        store.Ingest().Events.Should().BeEmpty("the same articles again are duplicates: no story changes");
        store.Alerts.Latest(1000).Should().HaveCount(run.Events.Count);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_story_already_covered_that_gains_outlets_within_the_rules_window_raises_a_growth_alert_naming_them(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        foreach (var rule in store.Alerts.Rules()) store.Alerts.RemoveRule(rule.Id);
        var window = TimeSpan.FromDays(2);
        store.Alerts.AddRule(new AlertRule(0, AlertRuleKind.Growth, 2, window, null, null, default), DateTime.UtcNow);

        var run = store.Ingest();

        var growth = run.Events.Where(e => e.Kind == AlertKinds.Growing).ToList();
        growth.Should().NotBeEmpty();
        foreach (var e in growth)
        {
            var what = Detail(e).GetProperty("what");
            var gained = what.GetProperty("gainedOutlets").EnumerateArray().Select(x => x.GetString()!).ToList();
            var members = store.Stories.Members(e.StoryId!);
            gained.Should().HaveCountGreaterThanOrEqualTo(2).And.BeSubsetOf(members.Select(m => m.Outlet!));
            what.GetProperty("outlets").GetInt32().Should().BeGreaterThan(gained.Count, "an outlet covered it before the window");
            var latest = members.Max(m => m.Published)!.Value;
            foreach (var outlet in gained)
                members.Where(m => m.Outlet == outlet).Min(m => m.Published)!.Value.Should().BeOnOrAfter(latest - window, outlet);
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_conflict_names_two_outlets_whose_figures_for_one_quantity_disagree_with_their_sentences(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        var run = store.Ingest();

        var conflicts = run.Events.Where(e => e.Kind == AlertKinds.Conflict).ToList();
        conflicts.Should().NotBeEmpty("the flood story's outlets give 12 and 14 dead");
        foreach (var e in conflicts)
        {
            var figures = Detail(e).GetProperty("what").GetProperty("figures").EnumerateArray().ToList();
            figures.Should().HaveCount(2);
            figures[0].GetProperty("outlet").GetString().Should().NotBe(figures[1].GetProperty("outlet").GetString());
            figures[0].GetProperty("value").GetDecimal().Should().NotBe(figures[1].GetProperty("value").GetDecimal());
            foreach (var f in figures)
            {
                var article = store.Articles.Get(f.GetProperty("articleId").GetInt64())!;
                article.Text.Should().Contain(f.GetProperty("text").GetString());
            }
        }
        conflicts.Select(e => e.Id).Should().OnlyHaveUniqueItems();
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_followed_speaker_gives_one_alert_per_new_statement_and_a_query_narrows_story_rules_to_its_words(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        foreach (var rule in store.Alerts.Rules()) store.Alerts.RemoveRule(rule.Id);
        var speaker = store.Alerts.AddRule(new AlertRule(0, AlertRuleKind.Speaker, null, null, "morvan", null, default), DateTime.UtcNow);
        var orbelis = store.Alerts.AddRule(new AlertRule(0, AlertRuleKind.Outlets, 2, null, null, "orbelis", default), DateTime.UtcNow);

        var run = store.Ingest();

        var statements = run.Events.Where(e => e.RuleId == speaker.Id).ToList();
        statements.Should().NotBeEmpty();
        foreach (var e in statements)
        {
            e.Kind.Should().Be(AlertKinds.Statement);
            var detail = Detail(e);
            detail.GetProperty("speaker").GetString().Should().Contain("Morvan");
            store.Articles.Get(e.ArticleId!.Value)!.Text.Should().Contain(detail.GetProperty("text").GetString());
        }
        var stories = run.Events.Where(e => e.RuleId == orbelis.Id).ToList();
        stories.Should().ContainSingle().Which.Title.Should().Contain("Orbelis");
    }

    [Theory, SqliteStore, PostgresStore]
    public void The_atom_feed_keeps_one_entry_per_story_whose_id_stays_and_whose_updated_moves_when_the_story_changes(StoreKind kind)
    {
        using var store = new AlertStore(kind);
        store.Ingest("txt", "jsonl");
        var first = Read(StoryAlertFeed.Write(store.Alerts.Latest(1000), "http://127.0.0.1:5080"));
        store.Ingest("html", "feeds");
        var second = Read(StoryAlertFeed.Write(store.Alerts.Latest(1000), "http://127.0.0.1:5080"));

        foreach (var feed in new[] { first, second })
        {
            feed.Id.Should().Be(StoryAlertFeed.FeedId);
            feed.Items.Select(i => i.Id).Should().OnlyHaveUniqueItems().And.OnlyContain(id => id.StartsWith("urn:recoupe:story:s"));
            feed.Items.Should().OnlyContain(i => i.Links.Any(l => l.Uri.AbsolutePath.StartsWith("/stories/s")));
            feed.LastUpdatedTime.Should().Be(feed.Items.Max(i => i.LastUpdatedTime));
        }
        first.Items.Should().NotBeEmpty();
        var before = first.Items.ToDictionary(i => i.Id, i => i.LastUpdatedTime);
        var changed = second.Items.Where(i => before.TryGetValue(i.Id, out var was) && i.LastUpdatedTime > was).ToList();
        changed.Should().NotBeEmpty("stories of the first folder gain outlets from the others: same entry, later updated");
        second.Items.Select(i => i.Id).Should().Contain(before.Keys, "a story's entry stays under its id");
        second.Items.Where(i => before.ContainsKey(i.Id)).Should().OnlyContain(i => i.LastUpdatedTime >= before[i.Id]);
    }

    private static SyndicationFeed Read(string atom)
    {
        using var reader = XmlReader.Create(new StringReader(atom));
        var formatter = new Atom10FeedFormatter();
        formatter.CanRead(reader).Should().BeTrue();
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }
}
