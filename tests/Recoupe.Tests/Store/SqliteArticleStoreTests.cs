using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;
using Recoupe.Core.Stories;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

public sealed class SqliteArticleStoreTests : IDisposable
{
    private const string Strike =
        "Grève à la SNCF\n\nLes cheminots ont cessé le travail mardi à Lyon. « Nous ne céderons pas », a déclaré une syndicaliste.";
    private const string Flood =
        "Crue de la Loire\n\nLe fleuve est monté de deux mètres en une nuit à Orléans, selon la préfecture.";
    private const string Budget =
        "Budget voté\n\nLes députés ont adopté le budget par 289 voix contre 250.";

    private readonly TempFolder _folder = TestArticles.TempFolder();

    private string DbPath => _folder.File("test.db");

    public void Dispose() => _folder.Dispose();

    [Theory, SqliteStore, PostgresStore]
    public void Stores_an_article_and_returns_it_whole_with_its_raw_input(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var raw = new RawArticle
        {
            Source = "feeds/strike.jsonl:line 3",
            Format = InputFormat.JsonLines,
            Raw = "{\"title\":\"Grève\",\"text\":\"…\"}",
            Fields = new SourceFields
            {
                Title = "Grève à la SNCF",
                Url = "https://example.org/greve",
                Authors = ["Ana Ruiz"],
                Extra = new Dictionary<string, string> { ["category"] = "social" },
            },
        };
        var document = TestArticles.Pipeline().Process(raw with { Raw = Strike });
        // Keep the raw input distinct from the text it was cleaned into.
        document = Rebuild(document, raw);
        var m = document.Metadata;
        m.Title = "Grève à la SNCF";
        m.Published = new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Unspecified);
        m.PublishedFrom = "text";
        m.Outlet = "Le Quotidien";
        m.Agency = "AFP";
        m.Authors.Add("Ana Ruiz");
        m.Language = "fr";
        m.LanguageConfidence = 0.97;
        m.Url = "https://example.org/greve";
        m.DatelinePlace = "Lyon";
        var quoteStart = document.Text.IndexOf('«');
        var quoteEnd = document.Text.IndexOf('»') + 1;
        var cueStart = document.Text.IndexOf("a déclaré", StringComparison.Ordinal);
        document.Sentences.Add(new Sentence(document.Paragraphs[1].Start, document.Text.IndexOf('.') + 1, 1));
        document.Entities.Add(new EntityMention(document.Text.IndexOf("SNCF", StringComparison.Ordinal),
            document.Text.IndexOf("SNCF", StringComparison.Ordinal) + 4, EntityType.Organisation, "SNCF", "sncf") { Via = "name" });
        document.Quotes.Add(new Quotation(quoteStart, quoteEnd, QuoteKind.Direct)
        {
            SpeakerName = "une syndicaliste",
            Cue = "déclarer",
            CueSpan = new TextRange(cueStart, cueStart + "a déclaré".Length),
        });
        document.Figures.Add(new Figure(0, 5, 2m) { Unit = "m", Counts = "mètres", Qualifier = "environ" });
        document.Dates.Add(new DateMention(document.Text.IndexOf("mardi", StringComparison.Ordinal),
            document.Text.IndexOf("mardi", StringComparison.Ordinal) + 5) { Value = new DateOnly(2024, 3, 5), Precision = "day" });
        document.Removed.Add(new RemovedBlock("Lire aussi : la réforme", "related"));

        var store = stores.OpenArticles();
        var result = store.Add(document);

        result.Should().Be(new StoreResult(StoreStatus.Stored, 1));
        var stored = store.Get(1)!;
        stored.Text.Should().Be(document.Text);
        stored.ContentHash.Should().Be(SqliteArticleStore.ContentHash(document.Text)).And.HaveLength(64);
        stored.Raw.Should().BeEquivalentTo(raw, "the original input must come back as it was given");
        stored.Metadata.Should().BeEquivalentTo(m);
        stored.Paragraphs.Should().Equal(document.Paragraphs);
        stored.Sentences.Should().Equal(document.Sentences);
        stored.Entities.Should().Equal(document.Entities);
        stored.Quotes.Should().Equal(document.Quotes);
        stored.Figures.Should().Equal(document.Figures);
        stored.Dates.Should().Equal(document.Dates);
        stored.Removed.Should().Equal(document.Removed);
        stored.Dateline.Should().BeNull("no dateline span was found, only its place");
        stored.PipelineVersion.Should().Be(Recoupe.Core.Pipeline.DefaultPipeline.Version);
        stored.IngestedAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Dates_are_stored_as_iso_8601_text()
    {
        using (var store = new SqliteArticleStore(DbPath))
        {
            var local = TestArticles.Document(Strike);
            local.Metadata.Published = new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Unspecified);
            var utc = TestArticles.Document(Flood);
            utc.Metadata.Published = new DateTime(2024, 3, 6, 8, 0, 12, 500, DateTimeKind.Utc);
            var dateline = TestArticles.Document("MOSCOU, 20 novembre (Reuters) - Le Kremlin a démenti.");
            dateline.Dateline = new Dateline(0, 29) { Place = "MOSCOU", Agency = "Reuters", Date = new DateOnly(2015, 11, 20) };
            store.Add(local);
            store.Add(utc);
            store.Add(dateline);

            store.Get(2)!.Metadata.Published.Should().Be(utc.Metadata.Published).And.Subject!.Value.Kind.Should().Be(DateTimeKind.Utc);
            store.Get(3)!.Dateline.Should().Be(dateline.Dateline);
            store.Get(3)!.Metadata.DatelinePlace.Should().Be("MOSCOU");
        }

        using var connection = OpenRaw();
        Column<string>(connection, "SELECT published FROM articles WHERE id = 1").Should().Be("2024-03-05T14:30:00");
        Column<string>(connection, "SELECT published FROM articles WHERE id = 2").Should().Be("2024-03-06T08:00:12.5Z");
        Column<string>(connection, "SELECT json_extract(dateline, '$.date') FROM articles WHERE id = 3").Should().Be("2015-11-20");
        Column<string>(connection, "SELECT ingested_at FROM articles WHERE id = 1").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$");
    }

    [Theory, SqliteStore, PostgresStore]
    public void The_same_cleaned_text_twice_is_stored_once(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var first = store.Add(TestArticles.Document(Strike, "a.txt"));
        store.Add(TestArticles.Document(Flood, "b.txt"));
        // Different raw input (extra blank lines, another source) that cleans to the same text.
        var again = store.Add(TestArticles.Document("\n\n" + Strike.Replace("\n\n", "\n\n\n\n") + "\n", "copy/c.txt"));

        again.Should().Be(new StoreResult(StoreStatus.Duplicate, first.ArticleId));
        store.Count().Should().Be(2);
        store.Get(first.ArticleId)!.Raw.Source.Should().Be("a.txt", "the first copy is the one kept");
    }

    [Theory, SqliteStore, PostgresStore]
    public void Ids_follow_ingest_order_and_listing_is_in_id_order(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var ids = new[] { Strike, Flood, Budget }.Select(t => store.Add(TestArticles.Document(t)).ArticleId).ToList();

        ids.Should().Equal(1, 2, 3);
        store.List().Select(a => a.Title).Should().Equal(null, null, null);
        store.List(2).Select(a => a.Id).Should().Equal(1, 2);
        store.List(0).Should().BeEmpty();
        store.All().Select(a => a.Text).Should().Equal(
            TestArticles.Document(Strike).Text, TestArticles.Document(Flood).Text, TestArticles.Document(Budget).Text);
    }

    [Theory, SqliteStore, PostgresStore]
    public void All_pages_through_more_articles_than_one_page(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        for (var i = 0; i < 600; i++)
            store.Add(TestArticles.Document($"Dépêche numéro {i}\n\nLe texte de la dépêche {i}."));

        var all = store.All().ToList();
        all.Select(a => a.Id).Should().Equal(Enumerable.Range(1, 600).Select(i => (long)i));
        all[599].Text.Should().Contain("dépêche 599");
    }

    [Fact]
    public void A_failure_inside_Add_leaves_no_half_article_and_earlier_rows_intact()
    {
        // The writer runs after the article row is inserted, inside the same transaction, and violates the
        // content_hash uniqueness by copying the row: a real constraint failure mid-transaction.
        var failing = new CopyRowWriter(when: "Crue");
        using var store = new SqliteArticleStore(DbPath, new SqliteStoreOptions { RowWriters = [failing] });
        store.Add(TestArticles.Document(Strike));

        var act = () => store.Add(TestArticles.Document(Flood));

        act.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19, "SQLITE_CONSTRAINT");
        failing.Calls.Should().Be(2, "the writer ran for both articles, so the failing one was mid-write");
        store.Count().Should().Be(1);
        store.List().Select(a => a.Id).Should().Equal(1);
        store.Get(1)!.Text.Should().StartWith("Grève");
        // The store is still usable and the failed article can be stored later.
        store.Add(TestArticles.Document(Budget)).Status.Should().Be(StoreStatus.Stored);
        store.Count().Should().Be(2);
    }

    [Fact]
    public void A_writer_exception_rolls_back_the_article_row()
    {
        var throwing = new ThrowingWriter();
        using var store = new SqliteArticleStore(DbPath, new SqliteStoreOptions { RowWriters = [throwing] });

        var act = () => store.Add(TestArticles.Document(Strike));

        act.Should().Throw<InvalidOperationException>().WithMessage("*index writer broke*");
        throwing.SawArticleId.Should().Be(1, "the article row existed inside the transaction");
        store.Count().Should().Be(0);
        using var connection = OpenRaw();
        Column<long>(connection, "SELECT count(*) FROM articles").Should().Be(0);
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_span_outside_the_text_is_refused_before_anything_is_written(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        store.Add(TestArticles.Document(Strike));
        var broken = TestArticles.Document(Flood);
        broken.Sentences.Add(new Sentence(10, broken.Text.Length + 5, 1));

        var act = () => store.Add(broken);

        act.Should().Throw<ArgumentException>().WithMessage("*sentence span*outside the text*");
        store.Count().Should().Be(1);
    }

    [Fact]
    public void A_new_file_gets_the_latest_schema_in_wal_mode_with_foreign_keys()
    {
        using var store = new SqliteArticleStore(DbPath);

        store.SchemaVersion.Should().Be(SchemaMigrations.LatestVersion);
        store.MigrationsApplied.Select(m => m.Version).Should().Equal(SchemaMigrations.Embedded.Select(m => m.Version));
        store.JournalMode.Should().Be("wal");
        File.Exists(DbPath).Should().BeTrue();
        using var connection = OpenRaw();
        Column<long>(connection, "PRAGMA user_version").Should().Be(SchemaMigrations.LatestVersion);
        Column<string>(connection, "PRAGMA journal_mode").Should().Be("wal");
    }

    [Fact]
    public void Reopening_keeps_the_version_and_the_data_and_runs_no_migration_again()
    {
        using (var store = new SqliteArticleStore(DbPath))
            store.Add(TestArticles.Document(Strike));

        using var reopened = new SqliteArticleStore(DbPath);

        reopened.MigrationsApplied.Should().BeEmpty();
        reopened.SchemaVersion.Should().Be(SchemaMigrations.LatestVersion);
        reopened.Count().Should().Be(1);
        reopened.Add(TestArticles.Document(Strike)).Status.Should().Be(StoreStatus.Duplicate);
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_with_a_clear_error()
    {
        using (var connection = OpenRaw())
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SchemaMigrations.LatestVersion + 5};";
            command.ExecuteNonQuery();
        }

        var act = () => new SqliteArticleStore(DbPath);

        act.Should().Throw<InvalidOperationException>().WithMessage($"*{DbPath}*newer than this build*");
    }

    [Fact]
    public void Migrations_run_in_order_each_in_a_transaction_and_a_failed_one_leaves_the_previous_version()
    {
        var migrations = SchemaMigrations.FromFiles(
        [
            ("0002_tags.sql", "CREATE TABLE tags (name TEXT); CREATE TABLE broken (x INT); INSERT INTO nowhere VALUES (1);"),
            ("0001_notes.sql", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('one');"),
        ]);
        using var connection = OpenRaw();

        var act = () => SchemaMigrations.Apply(connection, migrations);

        act.Should().Throw<InvalidOperationException>().WithMessage("*0002_tags*nowhere*");
        SchemaMigrations.ReadVersion(connection).Should().Be(1);
        Column<long>(connection, "SELECT count(*) FROM sqlite_master WHERE name IN ('tags', 'broken')").Should().Be(0);
        Column<string>(connection, "SELECT body FROM notes").Should().Be("one");

        var fixedMigrations = SchemaMigrations.FromFiles(
        [
            ("0001_notes.sql", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('one');"),
            ("0002_tags.sql", "CREATE TABLE tags (name TEXT);"),
        ]);
        SchemaMigrations.Apply(connection, fixedMigrations).Select(m => m.Name).Should().Equal("tags");
        SchemaMigrations.Apply(connection, fixedMigrations).Should().BeEmpty();
        Column<long>(connection, "SELECT count(*) FROM notes").Should().Be(1, "migration 1 did not run twice");
    }

    [Fact]
    public void Migration_files_must_be_numbered_without_gaps()
    {
        SchemaMigrations.Embedded.Select(m => m.Version).Should().Equal(Enumerable.Range(1, SchemaMigrations.Embedded.Count));
        var gap = () => SchemaMigrations.FromFiles([("0001_a.sql", ""), ("0003_c.sql", "")]);
        gap.Should().Throw<InvalidOperationException>().WithMessage("*without gaps*");
        var badName = () => SchemaMigrations.FromFiles([("1_a.sql", "")]);
        badName.Should().Throw<InvalidOperationException>().WithMessage("*NNNN_name.sql*");
    }

    [Fact]
    public void A_file_that_is_not_a_database_gives_an_error_naming_it()
    {
        File.WriteAllText(DbPath, "this is a text file, not SQLite, and it is long enough to have a header page");

        var act = () => new SqliteArticleStore(DbPath);

        act.Should().Throw<InvalidOperationException>().WithMessage($"cannot open store '{DbPath}'*");
    }

    private SqliteConnection OpenRaw()
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static T Column<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The document <paramref name="document"/> built again over another raw input.</summary>
    private static Document Rebuild(Document document, RawArticle raw)
    {
        var copy = new Document(document.Text, raw);
        copy.Paragraphs.AddRange(document.Paragraphs);
        return copy;
    }

    private sealed class CopyRowWriter(string when) : IArticleRowsWriter
    {
        public int Calls { get; private set; }

        public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
        {
            Calls++;
            if (!document.Text.Contains(when, StringComparison.Ordinal)) return;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO articles (content_hash, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at) " +
                "SELECT content_hash, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at FROM articles WHERE id = $id";
            command.Parameters.AddWithValue("$id", articleId);
            command.ExecuteNonQuery();
        }
    }

    private sealed class ThrowingWriter : IArticleRowsWriter
    {
        public long? SawArticleId { get; private set; }

        public void Write(SqliteConnection connection, SqliteTransaction transaction, long articleId, Document document)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT id FROM articles WHERE id = $id";
            command.Parameters.AddWithValue("$id", articleId);
            SawArticleId = (long?)command.ExecuteScalar();
            throw new InvalidOperationException("index writer broke");
        }
    }

    [Theory, SqliteStore, PostgresStore]
    public void Story_inputs_read_from_the_store_are_those_of_the_whole_stored_articles(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var summary = new IngestRunner(store) { Parallelism = 2 }.Run([Path.Combine(SharedData.SamplesDir, "articles")]);
        summary.Stored.Should().BeGreaterThan(20);

        var light = store.StoryInputsAfter(2).ToList();

        light.Select(x => x.Id).Should().Equal(store.List().Select(a => a.Id).Where(id => id > 2));
        foreach (var (id, input) in light)
        {
            var full = StoryInput.FromStored(store.Get(id)!);
            input.Should().BeEquivalentTo(full, o => o.Excluding(i => i.EntityKeys), $"article {id}");
            input.Title.Should().NotBeEmpty();
        }
        light.Should().Contain(x => x.Input.BodyStart > 0, "titles found as a first paragraph are skipped in the body");
    }

    [Fact]
    public void Entity_mentions_are_written_once_per_entity_and_the_older_one_object_per_mention_form_still_reads()
    {
        var mentions = new List<EntityMention>
        {
            new(0, 16, EntityType.Person, "Vladimir Poutine", "putin") { Role = "président russe" },
            new(30, 36, EntityType.Place, "Moscou", "moscou"),
            new(50, 57, EntityType.Person, "Vladimir Poutine", "putin") { Role = "président russe", Via = "surname" },
            new(60, 62, EntityType.Person, "Vladimir Poutine", "putin") { Via = "pronoun" },
        };
        var json = ColumnJson.Serialize(new StoredAnnotations { Entities = mentions });
        json.Split("Vladimir Poutine").Length.Should().Be(3, "the name is written once per (type, name, key, role), not per mention");
        ColumnJson.Deserialize<StoredAnnotations>(json).Entities.Should().Equal(mentions);

        const string older = """{"entities":[{"start":0,"end":16,"type":"person","name":"Vladimir Poutine","key":"putin","role":"président russe","via":"name"}]}""";
        ColumnJson.Deserialize<StoredAnnotations>(older).Entities.Should().Equal(mentions[0]);
    }
}
