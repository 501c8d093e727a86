using Microsoft.Data.Sqlite;
using Recoupe.App;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Storage;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

/// <summary>Quotations and figures as rows of the store (entity mentions in the annotations): written with the article, listed across the store, upgraded, re-processed.</summary>
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

    [Theory, SqliteStore, PostgresStore]
    public void Quotations_figures_and_entities_come_back_as_stored_with_their_text(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var document = AnnotatedSummit();
        var store = stores.OpenArticles();
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

        store.Get(id)!.Entities.Should().Equal(document.Entities, "every entity mention comes back with its span from the annotations");
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
        foreach (var table in new[] { "quotes", "figures" })
            Count(connection, $"SELECT count(*) FROM {table}").Should().Be(0, $"the {table} rows went with the article");
    }

    [Theory, SqliteStore, PostgresStore]
    public void Evidence_text_is_the_stored_clean_text_for_every_quotation_and_figure_of_the_samples(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
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
    [SqliteStore("poutine"), PostgresStore("poutine")]
    [SqliteStore("Poutine"), PostgresStore("Poutine")]
    [SqliteStore("POUTINE"), PostgresStore("POUTINE")]
    [SqliteStore("Vladimir Poutine"), PostgresStore("Vladimir Poutine")]
    [SqliteStore("vladimir  poutine"), PostgresStore("vladimir  poutine")]
    [SqliteStore("M. Poutine"), PostgresStore("M. Poutine")]
    [SqliteStore("Putin"), PostgresStore("Putin")]
    [SqliteStore("Vladimir Putin"), PostgresStore("Vladimir Putin")]
    public void Speaker_filter_ignores_case_accents_and_finds_the_full_name_from_part_of_it(StoreKind kind, string query)
    {
        using var stores = new TestStores(kind);
        var store = StoreWithSpeakers(stores);

        var rows = store.Quotes(new QuoteQuery { Speaker = query });

        rows.Select(r => r.Quote.SpeakerName).Should().Equal("Vladimir Poutine", "Poutine");
        store.CountQuotes(new QuoteQuery { Speaker = query }).Should().Be(2);
    }

    [Theory, SqliteStore, PostgresStore]
    public void Speaker_filter_tells_people_apart_who_share_a_surname_and_matches_accents_and_keys(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = StoreWithSpeakers(stores);
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

    [Theory, SqliteStore, PostgresStore]
    public void The_store_rows_answer_like_a_scan_of_every_article(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = StoreWithSpeakers(stores);

        foreach (var query in new[] { "poutine", "Jean Dupont", "dupont", "Shoigu", "Lavrov" })
        {
            ScanQuotes(store, query).Should()
                .BeEquivalentTo(store.Quotes(new QuoteQuery { Speaker = query }), o => o.WithStrictOrdering(), query);
        }
        ScanFigures(store).Should().BeEquivalentTo(store.Figures(new FigureQuery()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Upgrading_to_one_folding_table_marks_for_reprocess_only_the_articles_whose_keys_it_may_change()
    {
        // "Đoković" and "Straße" were keyed by a folder of the extraction's own ("đokovic"); the one table gives "dokovic"
        var newer = _folder.File("folding.db");
        var pipeline = TestArticles.Pipeline(new SegmentStage(), new EntityStage(), new QuoteStage(), new FigureStage());
        using (var current = new SqliteArticleStore(newer))
        {
            current.Add(pipeline.Process(TestArticles.Raw("Tennis\n\nNovak Đoković a gagné à Paris, a annoncé son entraîneur.")));
            current.Add(pipeline.Process(TestArticles.Raw("Berlin\n\nLa Straße des 17. Juni est fermée lundi.")));
            current.Add(pipeline.Process(TestArticles.Raw("Un titre\n\nLe texte d'une dépêche sans citation – publiée lundi.")));
        }
        SqliteConnection.ClearAllPools();
        using (var connection = OpenRaw())
        {
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded.Where(m => m.Version < 8).ToList());
            Execute(connection, $"ATTACH DATABASE '{newer}' AS newer; INSERT INTO articles SELECT * FROM newer.articles; DETACH DATABASE newer;");
        }

        using var store = new SqliteArticleStore(DbPath);

        store.MigrationsApplied.Select(m => m.Name).Should().StartWith(["one_folding_table"], "later migrations follow");
        store.CountToReprocess().Should().Be(2, "the texts holding Đ and ß, not the one holding only a dash");
        using var check = OpenRaw();
        Scalar<string>(check, "SELECT group_concat(article_id, ',') FROM (SELECT article_id FROM articles_to_reprocess ORDER BY 1)").Should().Be("1,2");
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
        // Written by the current store, its annotations hold no quotations (their rows do) and the copy brought no rows.
        store.Get(2)!.Quotes.Should().BeEmpty();
        store.Quotes(new QuoteQuery()).Should().BeEmpty("rows come when the article is re-processed");
        store.Figures(new FigureQuery()).Should().BeEmpty();
        store.CountToReprocess().Should().Be(2);

        var summary = new ReprocessRunner(store, pipeline) { Parallelism = 1 }.Run();

        summary.Should().BeEquivalentTo(new { Articles = 2, Replaced = 2, Duplicates = 0, Failed = 0 });
        store.CountToReprocess().Should().Be(0);
        store.List().Select(a => a.Id).Should().Equal(1, 2);
        var quotes = store.Quotes(new QuoteQuery { Speaker = "Poutine" });
        quotes.Should().NotBeEmpty();
        quotes.Should().OnlyContain(q => q.Article.Id == 2);
        quotes.Should().Contain(q => q.Text == "La Russie ne cédera sur rien");
        store.Get(2)!.Quotes.Select(q => q.SpeakerName).Should().Equal(store.Quotes(new QuoteQuery()).Select(q => q.Quote.SpeakerName),
            "the article's quotations are its rows, in text order");
        store.SearchQuotes(SearchQuery.Parse("cédera")).Total.Should().Be(1, "the search index has the re-processed quotations");
        store.Figures(new FigureQuery()).Should().Contain(f => f.Figure.Value == 4111m && f.Article.Id == 2);
        store.Get(2)!.IngestedAt.Should().Be(ingestedAt, "re-processing keeps when the article was first stored");
    }

    [Theory, SqliteStore, PostgresStore]
    public void Replace_swaps_text_and_rows_in_one_transaction_under_the_same_id(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
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

    [Fact]
    public void A_batch_stores_every_good_document_once_and_fails_only_the_bad_one_alone()
    {
        var failing = new FailingOnTextRowsWriter("ÉCHEC");
        using var store = new SqliteArticleStore(DbPath, new SqliteStoreOptions { RowWriters = [new ExtractionRowsWriter(), failing] });
        store.Add(TestArticles.Document("Déjà là\n\nUn article stocké avant le lot.", "before.txt"));
        var batch = new[]
        {
            AnnotatedSummit(),
            TestArticles.Document("Déjà là\n\nUn article stocké avant le lot.", "again.txt"),
            AnnotatedSummit(Summit + "\n\nÉCHEC d'un écrivain de lignes.", "broken.txt"),
            TestArticles.Document("Troisième\n\nUn autre texte, sans citation.", "third.txt"),
            AnnotatedSummit(source: "summit-copy.txt"),
        };

        var attempts = store.AddBatch(batch);

        attempts.Select(a => a.Result?.Status.ToString() ?? "failed").Should().Equal("Stored", "Duplicate", "failed", "Stored", "Duplicate");
        attempts[0].Result!.ArticleId.Should().Be(2);
        attempts[1].Result!.ArticleId.Should().Be(1, "a text stored before the batch is a duplicate of that article");
        attempts[2].Error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("ÉCHEC");
        attempts[3].Result!.ArticleId.Should().Be(3, "the failed article's id was rolled back with it");
        attempts[4].Result!.ArticleId.Should().Be(2, "a text stored earlier in the same batch is a duplicate of it");
        store.List().Select(a => a.Id).Should().Equal(1, 2, 3);
        store.Quotes(new QuoteQuery()).Should().ContainSingle("the failed article's rows went with it").Which.Article.Id.Should().Be(2);
        store.Figures(new FigureQuery()).Should().HaveCount(2);
    }

    [Theory, SqliteStore, PostgresStore]
    public void Ingest_in_batches_gives_the_same_ids_and_failures_in_order_as_one_article_at_a_time(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var inputs = Directory.CreateDirectory(_folder.File("inputs")).FullName;
        for (var i = 0; i < 7; i++)
            File.WriteAllText(Path.Combine(inputs, $"a{i}.txt"), $"Titre {i}\n\nLe texte numéro {i} de cette série, assez long pour être un article.");
        File.WriteAllText(Path.Combine(inputs, "a3.txt"), "");
        File.WriteAllText(Path.Combine(inputs, "a5.txt"), "Titre 1\n\nLe texte numéro 1 de cette série, assez long pour être un article.");
        var outcomes = new List<string>[2];
        var batches = new[] { 1, 3 };
        for (var run = 0; run < 2; run++)
        {
            var items = outcomes[run] = [];
            using var runStores = new TestStores(kind);
            var store = runStores.OpenArticles();
            new IngestRunner(store) { Parallelism = 2, StoreBatchSize = batches[run] }
                .Run([inputs], onItem: r => items.Add($"{Path.GetFileName(r.Source)} {r.Status} {r.ArticleId}"));
        }
        outcomes[1].Should().Equal(outcomes[0]);
        outcomes[0].Should().HaveCount(7);
        outcomes[0][3].Should().StartWith("a3.txt Failed");
        outcomes[0][5].Should().Be("a5.txt Duplicate 2");
    }

    [Fact]
    public void Upgrading_a_schema_4_file_drops_the_entity_rows_and_keeps_the_mentions_in_the_annotations()
    {
        var newer = _folder.File("newer.db");
        var document = AnnotatedSummit();
        using (var current = new SqliteArticleStore(newer)) current.Add(document);
        SqliteConnection.ClearAllPools();
        using (var connection = OpenRaw())
        {
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded.Take(4).ToList());
            Execute(connection, $"ATTACH DATABASE '{newer}' AS newer; INSERT INTO articles SELECT * FROM newer.articles; DETACH DATABASE newer;");
            Execute(connection, "INSERT INTO entities (article_id, start, \"end\", type, name, key, role, via) VALUES (1, 40, 56, 'person', 'Vladimir Poutine', 'putin', NULL, 'name');");
        }

        using var store = new SqliteArticleStore(DbPath);

        store.MigrationsApplied.Select(m => m.Name).Should().StartWith(["entity_rows", "quotes_in_article_index", "rows_keyed_by_article", "one_folding_table"], "later migrations follow");
        using (var check = OpenRaw())
            Count(check, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'entities%'").Should().Be(0);
        store.Get(1)!.Entities.Should().Equal(document.Entities);
    }

    [Fact]
    public void Upgrading_a_schema_6_file_keys_each_row_by_its_article_and_keeps_every_row()
    {
        // Two articles whose rows were written interleaved (as re-processing can leave them): after the upgrade each
        // article's rows are one range of ids, in their old order, and every way of reading them still finds them.
        var newer = _folder.File("newer.db");
        using (var current = new SqliteArticleStore(newer))
        {
            current.Add(AnnotatedSummit());
            current.Add(AnnotatedSummit(Summit.Replace("lundi", "mardi"), "summit-2.txt"));
        }
        SqliteConnection.ClearAllPools();
        const string quoteColumns = "article_id, start, \"end\", kind, text, speaker_name, speaker_key, speaker_start, speaker_end, cue, cue_start, cue_end";
        const string figureColumns = "article_id, start, \"end\", value, text, unit, counts, qualifier, scope, claimed_by, claimed_by_key";
        using (var connection = OpenRaw())
        {
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded.Take(6).ToList());
            Execute(connection, $"""
                ATTACH DATABASE '{newer}' AS newer;
                INSERT INTO articles SELECT * FROM newer.articles;
                INSERT INTO articles_fts (rowid, title, body, quotes) SELECT rowid, title, body, quotes FROM newer.articles_fts;
                INSERT INTO figures ({figureColumns}) SELECT {figureColumns} FROM newer.figures WHERE article_id = 2 ORDER BY rowid;
                INSERT INTO quotes ({quoteColumns}) SELECT {quoteColumns} FROM newer.quotes ORDER BY article_id DESC;
                INSERT INTO figures ({figureColumns}) SELECT {figureColumns} FROM newer.figures WHERE article_id = 1 ORDER BY rowid;
                DETACH DATABASE newer;
                """);
            Count(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('quotes_article', 'figures_article')").Should().Be(2);
        }

        using var store = new SqliteArticleStore(DbPath);

        store.MigrationsApplied.Select(m => m.Name).Should().StartWith(["rows_keyed_by_article", "one_folding_table"], "later migrations follow");
        using (var check = OpenRaw())
        {
            Count(check, "SELECT count(*) FROM sqlite_master WHERE name IN ('quotes_article', 'figures_article')").Should().Be(0);
            Count(check, "SELECT count(*) FROM figures WHERE rowid = article_id * 1048576 + 1 AND unit = '%'").Should().Be(2,
                "each article's second figure is at position 1 of its own range");
            Count(check, "SELECT count(*) FROM quotes WHERE rowid = article_id * 1048576").Should().Be(2);
        }
        var expected = AnnotatedSummit();
        store.Get(1)!.Quotes.Should().Equal(expected.Quotes);
        store.Get(2)!.Figures.Should().Equal(expected.Figures);
        store.All().Select(a => a.Figures.Count).Should().Equal(2, 2);
        store.Quotes(new QuoteQuery { Speaker = "Poutine" }).Select(q => q.Article.Id).Should().Equal(1, 2);
        store.SearchQuotes(SearchQuery.Parse("cédera")).Total.Should().Be(2);

        // Rows written after the upgrade take their article's range; replacing an article rewrites only its own.
        var third = store.Add(AnnotatedSummit(Summit.Replace("lundi", "jeudi"), "summit-3.txt")).ArticleId;
        store.Replace(1, AnnotatedSummit(Summit.Replace("lundi", "vendredi"), "summit-1b.txt"));
        store.Figures(new FigureQuery()).Select(f => f.Article.Id).Should().Equal(1, 1, 2, 2, third, third);
        store.Get(2)!.Quotes.Should().Equal(expected.Quotes);
    }

    /// <summary>Seven quotations: two by Poutine (full name and surname), two Duponts, Choïgou, a ministry, and one unattributed.</summary>
    private static IArticleStore StoreWithSpeakers(TestStores stores)
    {
        var store = stores.OpenArticles();
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

    [Theory, SqliteStore, PostgresStore]
    public void Reading_every_article_gives_each_its_own_quotation_and_figure_rows_across_pages(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        // More articles than one read page (256), every third without a quotation or a figure, so that rows are
        // matched to articles by id and not by position, on both sides of a page boundary.
        var store = stores.OpenArticles();
        var documents = Enumerable.Range(1, 300).Select(i =>
        {
            var document = AnnotatedSummit(Summit + $"\n\nDépêche numéro {i}.", $"summit-{i}.txt");
            if (i % 3 == 0)
            {
                document.Quotes.Clear();
                document.Figures.Clear();
            }
            return document;
        }).ToList();
        store.AddBatch(documents).Should().OnlyContain(a => a.Result != null && a.Result.Status == StoreStatus.Stored);

        var read = store.All().ToList();

        read.Select(a => a.Id).Should().Equal(Enumerable.Range(1, 300).Select(i => (long)i));
        for (var i = 0; i < documents.Count; i++)
        {
            read[i].Quotes.Should().Equal(documents[i].Quotes, $"article {i + 1} has its own quotations");
            read[i].Figures.Should().Equal(documents[i].Figures, $"article {i + 1} has its own figures");
        }
        store.Get(257)!.Quotes.Should().Equal(documents[256].Quotes);
        After(store, 255).Select(a => a.Figures.Count).Should().Equal(documents.Skip(255).Select(d => d.Figures.Count));
    }

    [Fact]
    public void A_prepared_statement_that_fails_throws_with_sqlite_s_reason_and_runs_again_after()
    {
        using var connection = OpenRaw();
        Execute(connection, "CREATE TABLE t (n INTEGER NOT NULL CHECK (n > 0), s TEXT);");
        var insert = new FastStatement(connection, "INSERT INTO t (n, s) VALUES (?, ?);");

        var failing = () => insert.Bind(1, -1).Bind(2, "non").Run();
        failing.Should().Throw<SqliteException>().WithMessage("*CHECK constraint failed*");
        insert.Bind(1, 2).Bind(2, "l'été".AsSpan(2, 3)).Run();
        insert.Bind(1, 3).Bind(2, (string?)null).Run();
        insert.Bind(1, 4).Bind(2, "").Run();
        insert.Bind(1, 5).Bind(2, "abc".AsSpan(1, 0)).Run();

        Scalar<string>(connection, "SELECT group_concat(n || ':' || coalesce(s, 'NULL'), ' ') FROM t").Should().Be("2:été 3:NULL 4: 5:",
            "an empty string is an empty text, not NULL");
        connection.Close();
        var afterClose = () => insert.Bind(1, 4).Run();
        afterClose.Should().Throw<ObjectDisposedException>("the statement is finalized with its connection");
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

    /// <summary>Fails for a document whose text contains a marker, after the other writers wrote its rows.</summary>
    private sealed class FailingOnTextRowsWriter(string marker) : IArticleRowsWriter
    {
        public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
        {
            if (document.Text.Contains(marker, StringComparison.Ordinal)) throw new InvalidOperationException($"cannot write «{marker}»");
        }

        public void Remove(SqliteConnection connection, SqliteTransaction transaction, long articleId) { }
    }

    // What the quotation and figure rows must answer, read the slow way: every article's own annotations.
    /// <summary>The articles after an id, read from an offset (both stores have After; the read role has only All).</summary>
    private static IEnumerable<StoredArticle> After(IArticleStore store, long id) => store switch
    {
        SqliteArticleStore sqlite => sqlite.After(id),
        Recoupe.Store.Postgres.PostgresArticleStore postgres => postgres.After(id),
        _ => throw new NotSupportedException(store.GetType().Name),
    };

    private static List<StoredQuote> ScanQuotes(IArticleReadStore store, string speaker)
    {
        var filter = new SpeakerFilter(speaker);
        return store.All()
            .SelectMany(a => a.Quotes.OrderBy(q => q.Start).ThenBy(q => q.End).Select(q => (Article: a, Quote: q)))
            .Where(x => filter.Matches(x.Quote.SpeakerName, x.Quote.SpeakerKey))
            .Select(x => new StoredQuote(RefOf(x.Article), x.Quote, x.Article.Text[x.Quote.Start..x.Quote.End]))
            .ToList();
    }

    private static List<StoredFigure> ScanFigures(IArticleReadStore store) => store.All()
        .SelectMany(a => a.Figures.OrderBy(f => f.Start).ThenBy(f => f.End)
            .Select(f => new StoredFigure(RefOf(a), f, a.Text[f.Start..f.End])))
        .ToList();

    private static ArticleRef RefOf(StoredArticle article) =>
        new(article.Id, article.Metadata.Published, article.Metadata.Outlet, article.Metadata.Title);
}
