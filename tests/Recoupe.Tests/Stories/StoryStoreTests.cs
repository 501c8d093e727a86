using Recoupe.App;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Stories;

/// <summary>Stories kept in the store (SQLite, and PostgreSQL when a server is given): incremental updates from the saved state, recluster, redirects, copies.</summary>
public sealed class StoryStoreTests : IDisposable
{
    internal static readonly DateTime March10 = new(2026, 3, 10);
    private readonly TempFolder _folder = TestArticles.TempFolder();
    private string Db => _folder.File("stories.db");

    public void Dispose() => _folder.Dispose();

    internal static Document Article(string title, string body, DateTime published)
    {
        var text = title + "\n\n" + body;
        var document = new Document(text, TestArticles.Raw(text, title));
        document.Paragraphs.Add(new Paragraph(0, title.Length, ParagraphRole.Title));
        document.Paragraphs.Add(new Paragraph(title.Length + 2, text.Length));
        document.Metadata.Title = title;
        document.Metadata.Published = published;
        document.Metadata.Language = "fr";
        document.Metadata.Outlet = "Test";
        return document;
    }

    internal static readonly Document Flood1 = Article("Crue de la Loubière : deux morts à Varenne-sur-Loubière",
        "La Loubière est sortie de son lit lundi à Varenne-sur-Loubière, après deux jours de pluies diluviennes. " +
        "Deux habitants sont morts et la préfète Hélène Corvisart a ordonné l'évacuation de trois cents personnes. " +
        "Les pompiers de la Haute-Loubière ont secouru des familles bloquées sur les toits du quartier des Tanneurs.", March10);

    internal static readonly Document Flood2 = Article("Inondations : la décrue de la Loubière se fait attendre",
        "À Varenne-sur-Loubière, la décrue n'a pas commencé mardi, selon la préfète Hélène Corvisart. " +
        "Les pompiers poursuivent les évacuations dans le quartier des Tanneurs, toujours sous les eaux. " +
        "Le bilan reste de deux morts ; un centre d'accueil a ouvert au gymnase pour les sinistrés de la Loubière.", March10.AddDays(1));

    internal static readonly Document Strike1 = Article("Grève chez Ferralpe : les conducteurs de trains régionaux cessent le travail",
        "Les conducteurs de la compagnie ferroviaire Ferralpe sont en grève depuis mercredi à l'appel du syndicat SNAR. " +
        "Ils réclament une hausse de salaire et dénoncent la suppression de quarante postes. " +
        "La direction de Ferralpe annonce un train régional sur trois dans la vallée de l'Orvanne.", March10.AddDays(2));

    internal static readonly Document Strike2 = Article("Ferralpe : la grève des conducteurs se durcit",
        "Deuxième jour de grève chez Ferralpe : le syndicat SNAR appelle les conducteurs à reconduire le mouvement. " +
        "Les usagers de la vallée de l'Orvanne attendent des trains régionaux supprimés. " +
        "La direction de Ferralpe refuse de revenir sur la suppression des postes et propose une prime.", March10.AddDays(3));

    private static long[] Store(IArticleWriteStore articles, params Document[] documents) =>
        documents.Select(d => articles.Add(d).ArticleId).ToArray();

    /// <summary>A story store that lets another writer in just before its first write, as a second process would.</summary>
    private sealed class InterleavedStore(IStoryStore inner, Action beforeFirstWrite) : IStoryStore
    {
        private bool _done;
        public int Conflicts { get; private set; }
        public StoryIndexState? LoadState() => inner.LoadState();
        public void Write(StoryChanges changes, StoryIndexState state) { Interleave(); inner.Write(changes, state); }
        public bool TryWrite(StoryChanges changes, StoryIndexState state, long? expectedLastArticle)
        {
            Interleave();
            var written = inner.TryWrite(changes, state, expectedLastArticle);
            if (!written) Conflicts++;
            return written;
        }
        private void Interleave()
        {
            if (_done) return;
            _done = true;
            beforeFirstWrite();
        }
        public void Clear() => inner.Clear();
        public void Replace(StoryChanges changes, StoryIndexState state, IReadOnlyDictionary<string, string> redirects) =>
            inner.Replace(changes, state, redirects);
        public long PendingArticles() => inner.PendingArticles();
        public IReadOnlyList<StoredStory> List(int? limit = null) => inner.List(limit);
        public long Count() => inner.Count();
        public StoredStory? Get(string id) => inner.Get(id);
        public IReadOnlyList<StoryMember> Members(string storyId) => inner.Members(storyId);
        public IReadOnlyList<StoredStoryEvent> Events(string storyId) => inner.Events(storyId);
        public IReadOnlyDictionary<long, string> Assignments() => inner.Assignments();
        public void AddRedirects(IReadOnlyDictionary<string, string> redirects) => inner.AddRedirects(redirects);
        public void Dispose() { }
    }

    [Theory, SqliteStore, PostgresStore]
    public void Two_processes_updating_stories_at_once_lose_no_assignment(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var first = Store(articles, Flood1, Strike1);
        new StoryIndexer(articles, stories).Update();

        // Process A reads the state and clusters Flood2; before it writes, process B (its own connections) stores and
        // clusters Strike2 and saves a newer state. A's write must not put the older state back over B's.
        var flood2 = Store(articles, Flood2)[0];
        long strike2 = 0;
        var interleaved = new InterleavedStore(stories, () =>
        {
            var otherArticles = stores.OpenArticles();
            var otherStories = stores.OpenStories();
            strike2 = Store(otherArticles, Strike2)[0];
            new StoryIndexer(otherArticles, otherStories).Update();
        });
        new StoryIndexer(articles, interleaved).Update();

        interleaved.Conflicts.Should().Be(1, "A's first write finds B's newer state and A starts again from it");
        stories.LoadState()!.LastArticle.Should().Be(Math.Max(flood2, strike2));
        var assignments = stories.Assignments();
        assignments.Keys.Should().BeEquivalentTo([first[0], first[1], flood2, strike2]);
        assignments[flood2].Should().Be(assignments[first[0]]);
        assignments[strike2].Should().Be(assignments[first[1]]);

        // The same as one process clustering everything in order.
        var together = stories.Assignments();
        new StoryIndexer(articles, stories).Recluster();
        stories.Assignments().Should().BeEquivalentTo(together);
    }

    [Theory, SqliteStore, PostgresStore]
    public void Stories_are_stored_and_the_next_update_resumes_from_the_saved_state(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var indexer = new StoryIndexer(articles, stories);
        var first = Store(articles, Flood1, Strike1);

        var run1 = indexer.Update();
        run1.Clustered.Should().Be(2);
        run1.Reclustered.Should().BeNull();
        stories.Count().Should().Be(2);
        stories.LoadState()!.LastArticle.Should().Be(first[^1]);

        var second = Store(articles, Flood2, Strike2);
        var run2 = indexer.Update();
        run2.Clustered.Should().Be(2, "only the articles stored since the saved state are clustered");
        run2.Reclustered.Should().BeNull();
        stories.Count().Should().Be(2);

        var assignments = stories.Assignments();
        assignments[second[0]].Should().Be(assignments[first[0]]);
        assignments[second[1]].Should().Be(assignments[first[1]]);
        var flood = stories.Get(assignments[first[0]])!;
        flood.Size.Should().Be(2);
        flood.Headline.Should().BeOneOf(Flood1.Metadata.Title, Flood2.Metadata.Title);
        flood.Outlets.Should().Equal("Test");
        flood.FirstDate.Should().Be(new DateOnly(2026, 3, 10));
        flood.LastDate.Should().Be(new DateOnly(2026, 3, 11));
        stories.Members(flood.Id).Select(m => m.ArticleId).Should().Equal(first[0], second[0]);

        // A recluster of the same articles in the same order gives the same stories and ids.
        var recluster = indexer.Recluster();
        recluster.Clustered.Should().Be(4);
        stories.Assignments().Should().BeEquivalentTo(assignments);
        stories.Events(flood.Id).Should().BeEmpty();
    }

    [Theory, SqliteStore, PostgresStore]
    public void Articles_stored_after_the_last_grouping_are_pending_until_the_next_update_groups_them(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var indexer = new StoryIndexer(articles, stories);
        Store(articles, Flood1, Strike1);
        stories.PendingArticles().Should().Be(2, "nothing is grouped yet");
        indexer.Update();
        stories.PendingArticles().Should().Be(0);
        indexer.FinishPending().Should().BeNull("with nothing pending the saved state is not even read");

        // As after a command killed between storing and grouping.
        var late = Store(articles, Flood2, Strike2);
        stories.PendingArticles().Should().Be(2);
        indexer.FinishPending()!.Clustered.Should().Be(2);
        stories.PendingArticles().Should().Be(0);
        stories.LoadState()!.LastArticle.Should().Be(late[^1]);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_recluster_whose_write_fails_half_way_leaves_the_old_stories_and_state_in_place(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        Store(articles, Flood1, Strike1, Flood2);
        new StoryIndexer(articles, stories).Update();
        var assignments = stories.Assignments();
        var state = stories.LoadState()!;

        // A story naming an article that is not a store id fails the write after the old rows were deleted in it.
        var day = new DateOnly(2026, 3, 10);
        var broken = new StoryChanges([new StoryView("sbroken", ["not-an-id"], ["Test"], day, day, "label", "headline", [], [])],
            new Dictionary<string, string>(), [], []);
        var replace = () => stories.Replace(broken, state with { LastArticle = 0 }, new Dictionary<string, string>());

        replace.Should().Throw<InvalidOperationException>();
        stories.Assignments().Should().BeEquivalentTo(assignments);
        stories.LoadState()!.LastArticle.Should().Be(state.LastArticle);
        stories.PendingArticles().Should().Be(0);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_story_can_be_found_by_a_unique_prefix_and_unknown_ids_are_null(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        Store(articles, Flood1, Flood2);
        new StoryIndexer(articles, stories).Update();
        var id = stories.List().Single().Id;
        stories.Get(id[..6])!.Id.Should().Be(id);
        stories.Get(id[..3]).Should().BeNull("a prefix needs four characters or more");
        stories.Get("s000000000000").Should().BeNull();
    }

    [Theory, SqliteStore, PostgresStore]
    public void Merged_stories_redirect_and_the_merge_is_recorded(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var rescue = Article("Varenne : les pompiers de la Loubière sauvent douze habitants",
            "Les pompiers de la Haute-Loubière ont hélitreuillé douze habitants de Varenne-sur-Loubière bloqués par la crue. " +
            "Le capitaine Bastien Forgeaud salue le courage des sauveteurs, qui ont travaillé toute la nuit sous la pluie.", March10);
        var dam = Article("Le barrage de Sarrancolin surveillé après les pluies",
            "Les ingénieurs de la société Hydrelia surveillent le barrage de Sarrancolin, dont la retenue a atteint un niveau record. " +
            "Des lâchers d'eau sont prévus vers la vallée, a indiqué Hydrelia, qui exclut toute rupture de l'ouvrage.", March10);
        var both = Article("Crue : les lâchers du barrage de Sarrancolin aggravent la situation à Varenne",
            "Les lâchers d'eau du barrage de Sarrancolin, décidés par Hydrelia, ont fait monter la Loubière à Varenne-sur-Loubière. " +
            "Les pompiers de la Haute-Loubière ont dû hélitreuiller de nouveaux habitants bloqués par la crue, selon le capitaine Bastien Forgeaud. " +
            "Hydrelia assure que la retenue record du barrage ne laissait pas d'autre choix que ces lâchers vers la vallée.", March10.AddDays(1));
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var indexer = new StoryIndexer(articles, stories);
        var ids = Store(articles, rescue, dam);
        indexer.Update();
        var damStory = stories.Assignments()[ids[1]];
        var rescueStory = stories.Assignments()[ids[0]];

        Store(articles, both);
        var run = indexer.Update();

        run.Merges.Should().Be(1);
        stories.Count().Should().Be(1);
        stories.Get(damStory)!.Id.Should().Be(rescueStory, "the absorbed id keeps resolving");
        var merge = stories.Events(rescueStory).Should().ContainSingle().Subject;
        merge.Kind.Should().Be(StoryEventKind.Merge);
        merge.From.Should().Equal(damStory);
        merge.Moved.Should().Equal(ids[1]);
        stories.Events(damStory).Should().ContainSingle();
    }

    [Theory, SqliteStore, PostgresStore]
    public void Copies_are_stored_with_their_first_article(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var wire = Article("Crue de la Loubière : deux morts", Flood1.Text[(Flood1.Paragraphs[1].Start)..] + " " + Flood2.Text[(Flood2.Paragraphs[1].Start)..], March10);
        var rewrite = Article("Deux morts dans la crue de la Loubière",
            wire.Text[(wire.Paragraphs[1].Start)..].Replace("Le bilan reste de deux morts ;", "Le bilan est toujours de deux morts ;"), March10.AddHours(2));
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var ids = Store(articles, wire, rewrite);
        new StoryIndexer(articles, stories).Update();
        var members = stories.Members(stories.Assignments()[ids[0]]);
        members.Single(m => m.ArticleId == ids[1]).CopyOf.Should().Be(ids[0]);
        members.Single(m => m.ArticleId == ids[0]).CopyOf.Should().BeNull();
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_state_saved_by_another_model_makes_the_update_recluster_and_vanished_ids_redirect(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var articles = stores.OpenArticles();
        var stories = stores.OpenStories();
        var ids = Store(articles, Flood1, Flood2);
        // A model that joins nothing: each article its own story (a shared headline name lowers no bar either).
        new StoryIndexer(articles, stories, StoryClusteringOptions.Default with { JoinThreshold = 0.99, HeadlineNameShare = 1 }).Update();
        var before = stories.Assignments();
        before[ids[0]].Should().NotBe(before[ids[1]]);

        var run = new StoryIndexer(articles, stories).Update();

        run.Reclustered.Should().Contain("another model");
        var after = stories.Assignments();
        after[ids[1]].Should().Be(after[ids[0]]);
        // The id of the second article's old story is gone; it resolves to where its article went.
        stories.Get(before[ids[1]])!.Id.Should().Be(after[ids[1]]);
    }
}
