using Recoupe.Core.Segmentation;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>Entities, quotations and figures as rows of the store: written with the article, listed across the store, upgraded, re-processed.</summary>
public sealed class ExtractionStoreTests : IDisposable
{
    // An emoji (two UTF-16 code units) before the spans: offsets are UTF-16, so a code-point count would be off by one.
    private const string Summit =
        "Sommet à Moscou 🇷🇺\n\n" +
        "Le président russe Vladimir Poutine a reçu lundi le ministre de la Défense, Sergueï Choïgou.\n\n" +
        "« La Russie ne cédera sur rien », a déclaré Vladimir Poutine devant la presse.\n\n" +
        "Au moins 4 111 cibles ont été frappées depuis le début de l'opération, a annoncé le ministère russe de la Défense.";

    private readonly TempFolder _folder = TestArticles.TempFolder();

    private string DbPath => _folder.File("extraction.db");

    public void Dispose() => _folder.Dispose();

    private static TextRange Find(Document document, string what, int after = 0)
    {
        var start = document.Text.IndexOf(what, after, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the test text contains «{what}»");
        return new TextRange(start, start + what.Length);
    }

    /// <summary>The summit article with spans set by hand, so the store is tested apart from the extraction's quality.</summary>
    private static Document AnnotatedSummit(string text = Summit, string source = "summit.txt")
    {
        var document = TestArticles.Document(text, source);
        document.Metadata.Outlet = "Le Quotidien";
        document.Metadata.Published = new DateTime(2015, 11, 20, 9, 30, 0);
        document.Metadata.Title = "Sommet à Moscou";
        var putin = Find(document, "Vladimir Poutine");
        var shoigu = Find(document, "Sergueï Choïgou");
        var ministry = Find(document, "ministère russe de la Défense");
        document.Entities.Add(new EntityMention(putin.Start, putin.End, EntityType.Person, "Vladimir Poutine", NameKeys.Surname("Poutine"))
            { Role = "président russe", Via = "name" });
        document.Entities.Add(new EntityMention(shoigu.Start, shoigu.End, EntityType.Person, "Sergueï Choïgou", NameKeys.Surname("Choïgou"))
            { Role = "ministre de la Défense" });
        document.Entities.Add(new EntityMention(ministry.Start, ministry.End, EntityType.Organisation, "ministère russe de la Défense",
            "ministere-russe-defense"));
        var quote = Find(document, "La Russie ne cédera sur rien");
        var cue = Find(document, "a déclaré");
        var speaker = Find(document, "Vladimir Poutine", cue.End);
        document.Quotes.Add(new Quotation(quote.Start, quote.End, QuoteKind.Direct)
        {
            SpeakerName = "Vladimir Poutine",
            SpeakerKey = NameKeys.Surname("Poutine"),
            SpeakerSpan = speaker,
            Cue = "a déclaré",
            CueSpan = cue,
        });
        var figure = Find(document, "4 111");
        document.Figures.Add(new Figure(figure.Start, figure.End, 4111m)
        {
            Counts = "cibles",
            Qualifier = "au moins",
            Scope = "depuis le début de l'opération",
            ClaimedBy = "ministère russe de la Défense",
            ClaimedByKey = "ministere-russe-defense",
        });
        var share = Find(document, "Russie");
        document.Figures.Add(new Figure(share.Start, share.End, 3.50m) { Unit = "%" });
        return document;
    }

    [Fact]
    public void Quotations_figures_and_entities_come_back_as_stored_with_their_text()
    {
        var document = AnnotatedSummit();
        using var store = new SqliteArticleStore(DbPath);
        var id = store.Add(document).ArticleId;

        var quote = store.Quotes(new QuoteQuery()).Should().ContainSingle().Subject;
        quote.Quote.Should().Be(document.Quotes[0]);
        quote.Text.Should().Be("La Russie ne cédera sur rien").And.Be(document.Slice(document.Quotes[0]));
        quote.Article.Should().Be(new ArticleRef(id, document.Metadata.Published, "Le Quotidien", "Sommet à Moscou"));

        var figures = store.Figures(new FigureQuery());
        figures.Select(f => f.Figure).Should().Equal(document.Figures.OrderBy(f => f.Start));
        figures.Select(f => f.Figure.Value).Should().Contain([4111m, 3.50m]);
        foreach (var f in figures) f.Text.Should().Be(document.Text[f.Figure.Start..f.Figure.End]);
        store.CountFigures().Should().Be(2);
        store.CountQuotes(new QuoteQuery()).Should().Be(1);

        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT start, \"end\", type, name, key, role, via FROM entities WHERE article_id = $id ORDER BY start";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var rows = new List<EntityMention>();
        while (reader.Read())
        {
            rows.Add(new EntityMention(reader.GetInt32(0), reader.GetInt32(1), Enum.Parse<EntityType>(reader.GetString(2), true),
                reader.GetString(3), reader.GetString(4)) { Role = reader.IsDBNull(5) ? null : reader.GetString(5), Via = reader.GetString(6) });
        }
        rows.Should().Equal(document.Entities.OrderBy(e => e.Start));
    }

    [Fact]
    public void Rows_are_written_in_the_article_transaction_and_not_at_all_when_it_fails()
    {
        var throwing = new FailingAfterRowsWriter();
        using (var store = new SqliteArticleStore(DbPath, new SqliteStoreOptions { RowWriters = [new ExtractionRowsWriter(), throwing] }))
        {
            var act = () => store.Add(AnnotatedSummit());
            act.Should().Throw<InvalidOperationException>();
            store.Count().Should().Be(0);
        }
        using var connection = OpenRaw();
        foreach (var table in new[] { "entities", "quotes", "figures" })
            Count(connection, $"SELECT count(*) FROM {table}").Should().Be(0, $"the {table} rows went with the article");
    }

    [Fact]
    public void Evidence_text_is_the_stored_clean_text_for_every_quotation_and_figure_of_the_samples()
    {
        using var store = new SqliteArticleStore(DbPath);
        var summary = new IngestRunner(store) { Parallelism = 2 }.Run([Path.Combine(SharedData.SamplesDir, "articles", "txt")]);
        summary.Stored.Should().BeGreaterThan(5);

        var quotes = store.Quotes(new QuoteQuery());
        var figures = store.Figures(new FigureQuery());
        quotes.Should().NotBeEmpty();
        figures.Should().NotBeEmpty();
        var articles = store.All().ToDictionary(a => a.Id);
        foreach (var q in quotes)
            q.Text.Should().Be(articles[q.Article.Id].Text[q.Quote.Start..q.Quote.End]);
        foreach (var f in figures)
            f.Text.Should().Be(articles[f.Article.Id].Text[f.Figure.Start..f.Figure.End]);
        // The rows are those of the article's annotations, one for one.
        quotes.Should().HaveCount(articles.Values.Sum(a => a.Quotes.Count));
        figures.Should().HaveCount(articles.Values.Sum(a => a.Figures.Count));
        quotes.Select(q => q.Quote).Should().BeEquivalentTo(articles.Values.SelectMany(a => a.Quotes));
    }

    [Theory]
    [InlineData("poutine")]
    [InlineData("Poutine")]
    [InlineData("POUTINE")]
    [InlineData("Vladimir Poutine")]
    [InlineData("vladimir  poutine")]
    [InlineData("M. Poutine")]
    [InlineData("Putin")]
    [InlineData("Vladimir Putin")]
    public void Speaker_filter_ignores_case_accents_and_finds_the_full_name_from_part_of_it(string query)
    {
        using var store = StoreWithSpeakers();

        var rows = store.Quotes(new QuoteQuery { Speaker = query });

        rows.Select(r => r.Quote.SpeakerName).Should().Equal("Vladimir Poutine", "Poutine");
        store.CountQuotes(new QuoteQuery { Speaker = query }).Should().Be(2);
    }

    [Fact]
    public void Speaker_filter_tells_people_apart_who_share_a_surname_and_matches_accents_and_keys()
    {
        using var store = StoreWithSpeakers();
        string?[] Speakers(string query) => store.Quotes(new QuoteQuery { Speaker = query }).Select(r => r.Quote.SpeakerName).ToArray();

        Speakers("Jean Dupont").Should().Equal("Jean Dupont");
        Speakers("dupont").Should().Equal("Jean Dupont", "Marie Dupont");
        Speakers("sergueï choïgou").Should().Equal("Sergueï Choïgou");
        Speakers("Choigou").Should().Equal("Sergueï Choïgou");
        Speakers("Shoigu").Should().Equal("Sergueï Choïgou");
        Speakers("ministère russe de la défense").Should().Equal("ministère russe de la Défense");
        Speakers("ministere-russe-defense").Should().Equal("ministère russe de la Défense");
        Speakers("Lavrov").Should().BeEmpty();
        store.Quotes(new QuoteQuery { Speaker = "dupont", Limit = 1 }).Should().ContainSingle();
        store.Quotes(new QuoteQuery()).Should().HaveCount(7, "without a filter every quotation is listed, unattributed ones too");
    }

    [Fact]
    public void The_interface_default_answers_like_the_sqlite_store()
    {
        using var store = StoreWithSpeakers();
        IArticleStore scanning = new ScanningStore(store);

        foreach (var query in new[] { "poutine", "Jean Dupont", "dupont", "Shoigu", "Lavrov" })
        {
            scanning.Quotes(new QuoteQuery { Speaker = query }).Should()
                .BeEquivalentTo(store.Quotes(new QuoteQuery { Speaker = query }), o => o.WithStrictOrdering(), query);
        }
        scanning.Figures(new FigureQuery()).Should().BeEquivalentTo(store.Figures(new FigureQuery()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_database_at_the_previous_schema_upgrades_and_reprocess_adds_the_rows_keeping_ids()
    {
        // A realistic schema-1 file: migration 1 only, with articles stored by the current code copied in.
        var newer = _folder.File("newer.db");
        var pipeline = TestArticles.Pipeline(new SegmentStage(), new EntityStage(), new QuoteStage(), new FigureStage());
        var texts = new[]
        {
            "Un titre\n\nLe texte d'une dépêche sans citation, publiée lundi.",
            Summit,
        };
        using (var current = new SqliteArticleStore(newer))
            foreach (var text in texts) current.Add(pipeline.Process(TestArticles.Raw(text)));
        SqliteConnection.ClearAllPools();
        DateTime ingestedAt;
        using (var connection = OpenRaw())
        {
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded.Take(1).ToList());
            Execute(connection, $"ATTACH DATABASE '{newer}' AS newer; INSERT INTO articles SELECT * FROM newer.articles; DETACH DATABASE newer;");
            SchemaMigrations.ReadVersion(connection).Should().Be(1);
            ingestedAt = DateTime.Parse(Scalar<string>(connection, "SELECT ingested_at FROM articles WHERE id = 2"),
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
        }

        using var store = new SqliteArticleStore(DbPath);

        store.MigrationsApplied.Select(m => m.Name).Should().Contain("extractions");
        store.SchemaVersion.Should().Be(SchemaMigrations.LatestVersion);
        store.Count().Should().Be(2);
        store.Get(2)!.Quotes.Should().NotBeEmpty("the article's own annotations survive the upgrade");
        store.Quotes(new QuoteQuery()).Should().BeEmpty("rows come when the article is re-processed");
        store.CountToReprocess().Should().Be(2);

        var summary = new ReprocessRunner(store, pipeline) { Parallelism = 1 }.Run();

        summary.Should().BeEquivalentTo(new { Articles = 2, Replaced = 2, Duplicates = 0, Failed = 0 });
        store.CountToReprocess().Should().Be(0);
        store.List().Select(a => a.Id).Should().Equal(1, 2);
        var quotes = store.Quotes(new QuoteQuery { Speaker = "Poutine" });
        quotes.Should().NotBeEmpty();
        quotes.Should().OnlyContain(q => q.Article.Id == 2);
        quotes.Should().Contain(q => q.Text == "La Russie ne cédera sur rien");
        store.Figures(new FigureQuery()).Should().Contain(f => f.Figure.Value == 4111m && f.Article.Id == 2);
        store.Get(2)!.IngestedAt.Should().Be(ingestedAt, "re-processing keeps when the article was first stored");
    }

    [Fact]
    public void Replace_swaps_text_and_rows_in_one_transaction_under_the_same_id()
    {
        using var store = new SqliteArticleStore(DbPath);
        var first = store.Add(AnnotatedSummit()).ArticleId;
        var other = store.Add(TestArticles.Document("Autre titre\n\nUn autre article, sans rien à citer.")).ArticleId;
        var changed = AnnotatedSummit(Summit.Replace("lundi", "mardi"), "summit-v2.txt");
        changed.Quotes.Clear();

        store.Replace(first, changed).Should().Be(new StoreResult(StoreStatus.Stored, first));

        var stored = store.Get(first)!;
        stored.Text.Should().Contain("mardi");
        stored.Raw.Source.Should().Be("summit-v2.txt");
        stored.ContentHash.Should().Be(SqliteArticleStore.ContentHash(changed.Text));
        store.Quotes(new QuoteQuery()).Should().BeEmpty("the old rows were removed");
        store.Figures(new FigureQuery()).Should().HaveCount(2, "the new rows were written once");
        store.Count().Should().Be(2);

        // Replacing with the text of another stored article changes nothing.
        var copy = TestArticles.Document("Autre titre\n\nUn autre article, sans rien à citer.");
        store.Replace(first, copy).Should().Be(new StoreResult(StoreStatus.Duplicate, other));
        store.Get(first)!.Text.Should().Be(changed.Text);

        var missing = () => store.Replace(99, AnnotatedSummit());
        missing.Should().Throw<KeyNotFoundException>().WithMessage("*99*");
    }

    [Fact]
    public void A_failing_replace_leaves_the_article_and_its_rows_as_they_were()
    {
        using (var store = new SqliteArticleStore(DbPath))
            store.Add(AnnotatedSummit());

        using var failing = new SqliteArticleStore(DbPath, new SqliteStoreOptions { RowWriters = [new ExtractionRowsWriter(), new FailingAfterRowsWriter()] });
        var changed = AnnotatedSummit(Summit.Replace("lundi", "mardi"));
        var act = () => failing.Replace(1, changed);

        act.Should().Throw<InvalidOperationException>();
        failing.Get(1)!.Text.Should().Contain("lundi");
        failing.Quotes(new QuoteQuery()).Should().ContainSingle();
        failing.Figures(new FigureQuery()).Should().HaveCount(2);
    }

    /// <summary>Seven quotations: two by Poutine (full name and surname), two Duponts, Choïgou, a ministry, and one unattributed.</summary>
    private SqliteArticleStore StoreWithSpeakers()
    {
        var store = new SqliteArticleStore(DbPath);
        var speakers = new (string? Name, string? Key)[]
        {
            ("Vladimir Poutine", NameKeys.Surname("Poutine")),
            ("Jean Dupont", NameKeys.Surname("Dupont")),
            ("Marie Dupont", NameKeys.Surname("Dupont")),
            ("Sergueï Choïgou", NameKeys.Surname("Choïgou")),
            ("ministère russe de la Défense", "ministere-russe-defense"),
            (null, null),
            ("Poutine", NameKeys.Surname("Poutine")),
        };
        for (var i = 0; i < speakers.Length; i++)
        {
            var document = TestArticles.Document($"Article {i}\n\n« Voici la citation numéro {i} de cet article », a dit quelqu'un.", $"a{i}.txt");
            var quote = Find(document, $"Voici la citation numéro {i} de cet article");
            document.Quotes.Add(new Quotation(quote.Start, quote.End, QuoteKind.Direct) { SpeakerName = speakers[i].Name, SpeakerKey = speakers[i].Key });
            document.Figures.Add(new Figure(quote.Start + "Voici la citation numéro ".Length, quote.Start + "Voici la citation numéro ".Length + 1, i));
            store.Add(document);
        }
        return store;
    }

    private SqliteConnection OpenRaw()
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static long Count(SqliteConnection connection, string sql) => Scalar<long>(connection, sql);

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs after the extraction rows were written, then fails: the transaction must take them back.</summary>
    private sealed class FailingAfterRowsWriter : IArticleRowsWriter
    {
        public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document) =>
            throw new InvalidOperationException("a later writer broke");

        public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId) { }
    }

    /// <summary>A store that only has the interface's required members, so the default query bodies answer.</summary>
    private sealed class ScanningStore(IArticleStore inner) : IArticleStore
    {
        public StoreResult Add(Document document) => inner.Add(document);
        public StoredArticle? Get(long id) => inner.Get(id);
        public IReadOnlyList<ArticleSummary> List(int? limit = null) => inner.List(limit);
        public IEnumerable<StoredArticle> All() => inner.All();
        public long Count() => inner.Count();
        public void Dispose() { }
    }
}
