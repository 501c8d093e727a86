using Outcome = Recoupe.Tests.Cli.CliRun;
using System.CommandLine;
using System.Text.Json;
using Recoupe.Cli;
using Recoupe.Cli.Commands;
using Recoupe.Ingest.Watch;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Watch;

/// <summary><c>sources</c> and <c>watch --once</c> end to end, in process, the watcher reading the simulated web.</summary>
public sealed class WatchCliTests : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private TestStores? _stores;
    private string Db => _stores?.CliLocation ?? _folder.File("watch-cli.db");

    public void Dispose()
    {
        _stores?.Dispose();
        _folder.Dispose();
    }

    private static Outcome Run(RootCommand root, params string[] args) => Outcome.Of(args, root);

    internal static RootCommand Root(SimulatedWeb? web = null, TimeProvider? clock = null) => CliRoot.Create(
        SourcesCommand.Create(),
        WatchCommand.Create(new WatchServices
        {
            CreateFetcher = () => new PoliteFetcher(web!, clock!, new FetchOptions { MinDelayPerHost = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2) }),
            Clock = clock ?? TimeProvider.System,
        }));

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public void Sources_are_added_once_listed_with_their_state_and_removed_by_id_or_url(StoreKind kind)
    {
        _stores = new TestStores(kind);
        var root = Root();
        Run(root, "sources", "add", "https://example.org/feed.xml?utm_source=x", "--name", "Example", "--every", "5m", "--db", Db)
            .Out.Should().Contain("source 1 added: https://example.org/feed.xml every 5m");
        Run(root, "sources", "add", "https://EXAMPLE.org/feed.xml", "--db", Db).Out.Should().Contain("already watched as source 1");
        Run(root, "sources", "add", "https://example.net/", "--db", Db).ExitCode.Should().Be(0);

        var listed = JsonDocument.Parse(Run(root, "sources", "list", "--json", "--db", Db).Out).RootElement;
        listed.GetArrayLength().Should().Be(2);
        listed[0].GetProperty("name").GetString().Should().Be("Example");
        listed[0].GetProperty("everySeconds").GetInt64().Should().Be(300);
        listed[1].GetProperty("everySeconds").GetInt64().Should().Be((long)SourcesCommand.DefaultEvery.TotalSeconds);

        Run(root, "sources", "remove", "1", "--db", Db).ExitCode.Should().Be(0);
        Run(root, "sources", "remove", "https://example.net/", "--db", Db).ExitCode.Should().Be(0);
        Run(root, "sources", "remove", "7", "--db", Db).Error.Should().Contain("no source 7");
        Run(root, "sources", "list", "--db", Db).Out.Should().Contain("no sources");
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0m")]
    [InlineData("often")]
    [InlineData("3w")]
    public void An_interval_that_is_not_one_is_refused_naming_the_value(string every)
    {
        var outcome = Run(Root(), "sources", "add", "https://example.org/feed.xml", "--every", every, "--db", Db);
        outcome.ExitCode.Should().Be(ExitCodes.Error);
        outcome.Error.Should().Contain($"--every: '{every}'");
        File.Exists(Db).Should().BeFalse("nothing is created for a command line that does not parse");
    }

    [Fact]
    public void An_opml_file_adds_every_feed_of_its_folders_and_skips_what_is_not_a_web_address()
    {
        var opml = _folder.File("subscriptions.opml");
        File.WriteAllText(opml, """
            <?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="News"><outline text="Desk A" type="rss" xmlUrl="https://a.example/rss"/>
              <outline title="Desk B" text="b" type="rss" xmlUrl="https://b.example/atom.xml"/></outline>
            <outline text="Local file" xmlUrl="file:///etc/passwd"/><outline text="A folder without a feed"/>
            </body></opml>
            """);
        var outcome = Run(Root(), "sources", "import", opml, "--db", Db);
        outcome.Out.Should().Contain("2 source(s) added, 0 already watched, 1 skipped");
        outcome.Error.Should().Contain("file:///etc/passwd");
        outcome.ExitCode.Should().Be(ExitCodes.InputsFailed);
        using var sources = new SqliteSourceStore(Db);
        sources.List().Select(s => (s.Url, s.Name)).Should().Equal(("https://a.example/rss", "Desk A"), ("https://b.example/atom.xml", "Desk B"));
    }

    [Theory]
    [SqliteStore]
    [PostgresStore]
    public void Watch_once_stores_and_groups_new_articles_and_a_second_run_fetches_no_page_again(StoreKind kind)
    {
        _stores = new TestStores(kind);
        var clock = new SimulatedClock(DateTimeOffset.UtcNow - TimeSpan.FromHours(3));
        var web = SimulatedWeb.Create(14, clock, TimeSpan.FromHours(3));
        var root = Root(web, clock);
        var healthy = web.Outlets.Where(o => o.Fault == OutletFault.None).ToList();
        foreach (var outlet in healthy)
            Run(root, "sources", "add", outlet.SourceUrl, "--db", Db).ExitCode.Should().Be(0);
        clock.AdvanceTo(DateTimeOffset.UtcNow);

        var first = Run(root, "watch", "--once", "--db", Db);
        first.ExitCode.Should().Be(0, first.Error);
        first.Out.Should().Contain("stories:").And.Contain(" new (");
        _stores.OpenStories().PendingArticles().Should().Be(0, "watch groups what it stores");
        var stored = _stores.OpenArticles().Count();
        stored.Should().BeGreaterThan(10);
        int PageRequests() => web.Outlets.SelectMany(o => o.Articles.Select(a => web.RequestsFor(a.Url(o)))).Sum();
        var pageRequests = PageRequests();

        var second = Run(root, "watch", "--once", "--db", Db);
        second.ExitCode.Should().Be(0, second.Error);
        _stores.OpenArticles().Count().Should().Be(stored);
        PageRequests().Should().Be(pageRequests, "the second run asks for the listings again, not for a page");
        second.Out.Should().Contain("not modified");
    }

    [Fact]
    public void Watch_without_sources_says_how_to_add_one()
    {
        var root = Root();
        Run(root, "sources", "import", WriteEmptyOpml(), "--db", Db);
        var outcome = Run(root, "watch", "--once", "--db", Db);
        outcome.ExitCode.Should().Be(ExitCodes.Error);
        outcome.Error.Should().Contain("recoupe sources add URL");
    }

    private string WriteEmptyOpml()
    {
        var path = _folder.File("empty.opml");
        File.WriteAllText(path, "<opml version=\"2.0\"><body/></opml>");
        return path;
    }
}
