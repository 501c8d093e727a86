using Microsoft.Data.Sqlite;
using Recoupe.Core.Storage;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Store;

public sealed class SearchIndexTests
{
    [Fact]
    public void Query_parsing_keeps_words_phrases_and_prefixes_and_nothing_else()
    {
        var query = SearchQuery.Parse("  l'État \"assemblée  nationale\" recul* NEAR(x) -y ");
        query.Terms.Select(t => (string.Join(' ', t.Words), t.Prefix)).Should().Equal(
            ("l", false), ("État", false), ("assemblée nationale", false), ("recul", true), ("NEAR", false), ("x", false), ("y", false));
        query.Terms[2].IsPhrase.Should().BeTrue();
        query.Text.Should().Be("l'État \"assemblée  nationale\" recul* NEAR(x) -y");

        // A combining accent stays with its letter; digits are words.
        SearchQuery.Parse("E\u0301tat 2026").Terms.Select(t => t.Words[0]).Should().Equal("E\u0301tat", "2026");

        FluentActions.Invoking(() => SearchQuery.Parse("  ")).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => SearchQuery.Parse("?! -- ()")).Should().Throw<ArgumentException>().WithMessage("*no letters or digits*");
        FluentActions.Invoking(() => SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i}"))))
            .Should().Throw<ArgumentException>().WithMessage("*at most 32*");
        FluentActions.Invoking(() => SearchQuery.Parse("x").Page(0, 0)).Should().Throw<ArgumentException>().WithMessage("limit must be*");
        FluentActions.Invoking(() => SearchQuery.Parse("x").Page(5, -1)).Should().Throw<ArgumentException>().WithMessage("offset must*");
    }

    [Fact]
    public void Match_expression_quotes_every_word()
    {
        SqliteArticleStore.MatchExpression(SearchQuery.Parse("etat \"assemblée nationale\" recul* OR"))
            .Should().Be("\"etat\" \"assemblée nationale\" \"recul\"* \"OR\"");
    }

    [Fact]
    public void Snippet_markers_become_offsets()
    {
        var snippet = SqliteArticleStore.ParseSnippet("…le \uE000chef\uE001 du \uE000Kremlin\uE001 a dit…");
        snippet.Text.Should().Be("…le chef du Kremlin a dit…");
        snippet.Matches.Select(m => snippet.Text[m.Start..m.End]).Should().Equal("chef", "Kremlin");
    }

    [Fact]
    public void Articles_stored_before_the_index_existed_are_indexed_by_the_migration()
    {
        using var folder = TestArticles.TempFolder();
        var path = folder.File("old.db");
        const string text = "Le pont rouvre\n\n« C'est un soulagement pour le quartier », a déclaré la maire Claire Martin.";
        var quoteStart = text.IndexOf("C'est", StringComparison.Ordinal);
        var quoteEnd = text.IndexOf(" »", StringComparison.Ordinal);

        // A database at schema 1, with one article as the store wrote it then.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            SQLitePCL.Batteries_V2.Init();
            connection.Open();
            SchemaMigrations.Apply(connection, SchemaMigrations.Embedded.Take(1).ToList());
            using var insert = connection.CreateCommand();
            insert.CommandText =
                """
                INSERT INTO articles (content_hash, title, language, source, format, raw, fields, clean_text, annotations, pipeline_version, ingested_at)
                VALUES ('h1', 'Le pont rouvre', 'fr', 'old.txt', 'Text', $text, '{}', $text, $annotations, 1, '2026-03-01T00:00:00Z');
                """;
            insert.Parameters.AddWithValue("$text", text);
            insert.Parameters.AddWithValue("$annotations",
                $$"""{"quotes":[{"start":{{quoteStart}},"end":{{quoteEnd}},"kind":"direct","speakerName":"Claire Martin","speakerKey":"martin"}]}""");
            insert.ExecuteNonQuery();
        }

        using var store = new SqliteArticleStore(path);
        store.SchemaVersion.Should().BeGreaterThanOrEqualTo(2);
        var articles = store.SearchArticles(SearchQuery.Parse("QUARTIER pont"));
        articles.Total.Should().Be(1);
        articles.Hits.Single().Title.Should().Be("Le pont rouvre");

        var quotes = store.SearchQuotes(SearchQuery.Parse("claire"));
        quotes.Hits.Should().ContainSingle();
        var quote = quotes.Hits[0];
        (quote.Start, quote.End).Should().Be((quoteStart, quoteEnd));
        quote.Text.Should().Be(text[quoteStart..quoteEnd]);
        quote.Kind.Should().Be(Recoupe.Core.Model.QuoteKind.Direct);
        quote.SpeakerName.Should().Be("Claire Martin");
        store.Get(1)!.Quotes.Should().ContainSingle("an article of schema 1 keeps the quotations of its annotations")
            .Which.SpeakerName.Should().Be("Claire Martin");
        store.Quotes(new QuoteQuery()).Single().Text.Should().Be(text[quoteStart..quoteEnd], "the upgrade wrote its row");
    }

    [Theory, SqliteStore, PostgresStore]
    public void New_articles_are_indexed_in_their_transaction_and_a_duplicate_adds_nothing(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var document = TestArticles.Document("Les syndicats de l'État\n\nLes syndicats appellent à manifester jeudi devant la préfecture.");
        store.Add(document).Status.Should().Be(StoreStatus.Stored);
        store.Add(document).Status.Should().Be(StoreStatus.Duplicate);
        store.SearchArticles(SearchQuery.Parse("prefecture etat")).Total.Should().Be(1);
        store.SearchArticles(SearchQuery.Parse("syndicats").Page(1, 1)).Hits.Should().BeEmpty("there is one article, so page two is empty");
    }

    [Theory, SqliteStore, PostgresStore]
    public void A_reprocessed_article_is_searched_by_its_new_text_only(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var id = store.Add(TestArticles.Document("Le marché ouvre\n\nLe marché couvert ouvre samedi matin.")).ArticleId;
        store.SearchArticles(SearchQuery.Parse("couvert")).Total.Should().Be(1);

        store.Replace(id, TestArticles.Document("Le marché ouvre\n\nLe marché fermier ouvre dimanche matin.")).ArticleId.Should().Be(id);
        store.SearchArticles(SearchQuery.Parse("couvert")).Total.Should().Be(0);
        store.SearchArticles(SearchQuery.Parse("fermier")).Hits.Select(h => h.Id).Should().Equal(id);
    }

    [Fact]
    public void A_quotation_matches_by_itself_with_the_index_word_rules()
    {
        var query = SearchQuery.Parse("etat \"assemblée nationale\" recul*");
        SearchMatching.Matches(query, "L'État reculera devant l'Assemblée nationale", null).Should().BeTrue();
        SearchMatching.Matches(query, "L'État reculera devant l'assemblée, nationale", null).Should().BeTrue("punctuation is no word");
        SearchMatching.Matches(query, "L'Assemblée veut que l'État nationale recule", null).Should().BeFalse("a phrase's words come in a row");
        SearchMatching.Matches(query, "L'État reculera devant l'Assemblée", null).Should().BeFalse("every term must match");
        SearchMatching.Matches(SearchQuery.Parse("martin soulagement"), "Un soulagement 🎉 pour tous", "Claire Martin")
            .Should().BeTrue("a term may match the speaker's name");
        SearchMatching.Matches(SearchQuery.Parse("recul"), "Nous reculerons", null).Should().BeFalse("only a term typed with * is a prefix");
        SearchMatching.Words("Ça coûte 3,5 M€ — l'Œuvre").Should().Equal("ca", "coute", "3", "5", "m", "l", "oeuvre");
        SearchMatching.Words("E\u0301tat").Should().Equal("etat");
    }

    [Theory, SqliteStore, PostgresStore]
    public void Quotation_search_keeps_the_quotations_that_match_by_themselves_best_article_first(StoreKind kind)
    {
        using var stores = new TestStores(kind);
        var store = stores.OpenArticles();
        var pipeline = TestArticles.Pipeline(new Recoupe.Core.Segmentation.SegmentStage(), new Recoupe.Core.Extraction.EntityStage(),
            new Recoupe.Core.Extraction.QuoteStage());
        var bridge = pipeline.Process(TestArticles.Raw(
            "Le pont rouvre\n\n« Le pont rouvrira lundi matin », a déclaré la maire Claire Martin.\n\n" +
            "« Les travaux ont coûté trop cher », a répliqué l'opposant Paul Durand.", "bridge.txt"));
        var market = pipeline.Process(TestArticles.Raw(
            "Le marché\n\n« Le marché couvert ouvrira samedi, après le pont de l'Ascension », a annoncé Claire Martin.", "market.txt"));
        bridge.Quotes.Should().HaveCount(2);
        market.Quotes.Should().HaveCount(1);
        var bridgeId = store.Add(bridge).ArticleId;
        var marketId = store.Add(market).ArticleId;

        var pont = store.SearchQuotes(SearchQuery.Parse("pont"));
        pont.Total.Should().Be(2);
        pont.Hits.Select(h => h.Text).Should().BeEquivalentTo("Le pont rouvrira lundi matin", "Le marché couvert ouvrira samedi, après le pont de l'Ascension");
        pont.Hits.Should().OnlyContain(h => h.SpeakerName == "Claire Martin");

        // Words of two quotations of one article: the article matches the index, no quotation does.
        store.SearchQuotes(SearchQuery.Parse("lundi travaux")).Total.Should().Be(0);
        store.SearchQuotes(SearchQuery.Parse("durand cher")).Hits.Should().ContainSingle()
            .Which.Should().Match<QuoteSearchHit>(h => h.ArticleId == bridgeId && h.Text == "Les travaux ont coûté trop cher");

        // Paging: the total counts every matching quotation, the page holds the asked ones.
        var martin = SearchQuery.Parse("claire martin");
        store.SearchQuotes(martin).Total.Should().Be(2);
        var second = store.SearchQuotes(martin.Page(1, 1));
        second.Total.Should().Be(2);
        second.Hits.Should().ContainSingle();
        store.SearchQuotes(martin.Page(1, 0)).Hits.Single().Should().NotBe(second.Hits.Single());
        store.SearchQuotes(martin).Hits.Select(h => h.ArticleId).Should().BeEquivalentTo(new[] { bridgeId, marketId });

        // Article search reads titles and bodies, not the quotation column.
        store.SearchArticles(SearchQuery.Parse("marché")).Hits.Select(h => h.Id).Should().Equal(marketId);
    }
}
