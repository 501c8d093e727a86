using System.IO.Compression;
using System.Text;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Ingest;

/// <summary>Inputs built to hurt the readers (issue 17): bombs, deep nesting, broken strings, wrong types, other charsets.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "recoupe-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteLines(string name, params string[] lines) =>
        WriteBytes(name, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    private static readonly ReadLimits OneMegabyte = ReadLimits.Default with { MaxArticleBytes = ReadLimits.Megabyte };

    private const string FeedHead = """<?xml version="1.0"?><rss version="2.0"><channel><title>Le Guetteur</title>""";
    private const string GoodItem = "<item><title>La digue tient</title><description>La digue de Port-Lune a tenu malgré la tempête.</description></item>";

    [Fact]
    public void A_gzipped_feed_item_that_inflates_past_the_limit_fails_naming_the_item_without_being_held()
    {
        // 64 MB of one description behind a 1 MB item limit: about 64 KB of gzip.
        var bomb = GzipBombs.Of(FeedHead + "<item><title>Bombe</title><description>", 64 * ReadLimits.Megabyte,
            "</description></item>" + GoodItem + "</channel></rss>");
        var path = WriteBytes("bombe.rss.gz", bomb);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var items = ArticleReader.Read([path], null, OneMegabyte).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var failure = items.Should().ContainSingle().Which.Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}#item 1");
        failure.Error.Should().Contain("over the 1 MB limit for one article").And.Contain("counted while reading");
        failure.OverLimit.Should().BeTrue();
        // Reading the whole item first would allocate 128 MB of characters at least.
        allocated.Should().BeLessThan(24 * ReadLimits.Megabyte, "reading stops at the limit");
    }

    [Fact]
    public void A_gzipped_input_that_inflates_past_the_input_budget_fails_naming_the_input()
    {
        var line = """{"title": "Ligne", "text": "Une ligne de texte pour remplir."}""" + "\n";
        var lines = new StringBuilder();
        while (lines.Length < 3 * ReadLimits.Megabyte) lines.Append(line);
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(lines.ToString()));

        var items = ArticleReader.ReadBytes("api", output.ToArray(), "application/x-ndjson",
            ReadLimits.Default with { MaxInputBytes = ReadLimits.Megabyte }).ToList();

        items.OfType<ReadArticle>().Count().Should().BeInRange(1, (int)(ReadLimits.Megabyte / line.Length));
        var failure = items[^1].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be("api");
        failure.Error.Should().Be("decompressed content of the input is over the 1 MB limit for one input");
        failure.OverLimit.Should().BeTrue();
    }

    [Fact]
    public void A_feed_item_nested_20000_deep_fails_alone_and_the_next_item_is_read()
    {
        var nested = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "fond" + string.Concat(Enumerable.Repeat("</div>", 20_000));
        var path = WriteBytes("profond.rss", Encoding.UTF8.GetBytes(
            FeedHead + "<item><title>Profond</title><description>x</description>" + nested + "</item>" + GoodItem + "</channel></rss>"));

        var items = ArticleReader.Read([path]).ToList();

        items.Should().HaveCount(2);
        var failure = items[0].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}#item 1");
        failure.Error.Should().Be("elements nested 257 deep, over the limit of 256");
        items[1].Should().BeOfType<ReadArticle>().Which.Article.Fields.Title.Should().Be("La digue tient");
    }

    [Fact]
    public void A_lone_surrogate_fails_only_its_own_line()
    {
        var path = WriteLines("seul.jsonl",
            """{"title": "Avant", "text": "La ligne avant."}""",
            """{"title": "Cassée", "text": "Un demi-caractère \ud800 ici."}""",
            """{"title": "Après", "text": "La ligne après."}""");

        var items = ArticleReader.Read([path]).ToList();

        items.Should().HaveCount(3);
        items[0].Should().BeOfType<ReadArticle>();
        var failure = items[1].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}:line 2");
        failure.Error.Should().Be("field 'text' is not valid text: it holds a lone surrogate escape (\\uD800-\\uDFFF without its pair)");
        items[2].Should().BeOfType<ReadArticle>().Which.Article.Fields.Title.Should().Be("Après");
    }

    [Fact]
    public void A_NUL_byte_in_the_first_line_fails_only_that_line()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"title": "Nul", "text": "avant""" + "\0" + """après"}""" + "\n"
                                           + """{"title": "Suivante", "text": "Une ligne correcte."}""" + "\n");
        var path = WriteBytes("nul.jsonl", bytes);

        var items = ArticleReader.Read([path]).ToList();

        items.Should().HaveCount(2);
        var failure = items[0].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}:line 1");
        failure.Error.Should().StartWith("malformed JSON at column 32: '0x00' is invalid within a JSON string");
        items[1].Should().BeOfType<ReadArticle>().Which.Article.Fields.Title.Should().Be("Suivante");
    }

    [Theory]
    [InlineData("""{"title": "Tableau", "text": ["un", "deux"]}""", "field 'text' must be a string, found a JSON array")]
    [InlineData("""{"title": true, "text": "Un texte."}""", "field 'title' must be a string, found a JSON boolean")]
    [InlineData("""{"title": "Nombre", "text": 12}""", "field 'text' must be a string, found a JSON number")]
    [InlineData("""{"title": "Date", "text": "Un texte.", "date": {"jour": 3}}""", "field 'date' must be a string or a number (a date), found a JSON object")]
    [InlineData("""{"title": "Auteurs", "text": "Un texte.", "authors": [["Léa"]]}""", "field 'authors' must be a name, an object with a \"name\" string, or an array of them, found a JSON array")]
    public void A_JSON_field_of_the_wrong_type_fails_its_line_naming_the_field_and_the_type(string line, string error)
    {
        var path = WriteLines("types.jsonl", line, """{"title": "Bonne", "text": "Une ligne correcte."}""");

        var items = ArticleReader.Read([path]).ToList();

        items.Should().HaveCount(2);
        var failure = items[0].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}:line 1");
        failure.Error.Should().Be(error);
        items[1].Should().BeOfType<ReadArticle>();
    }

    [Fact]
    public void Known_JSON_shapes_still_read_an_outlet_object_numeric_ids_and_dates_and_null_fields()
    {
        var path = WriteLines("formes.jsonl",
            """{"id": 7, "title": "Forme", "text": "Un texte.", "date": 1700000000, "source": {"name": "Le Guetteur"}, "lead": null, "authors": [{"name": "Léa Morin"}, "Paul Ribes"]}""");

        var fields = ArticleReader.Read([path]).Single().Should().BeOfType<ReadArticle>().Which.Article.Fields;

        (fields.Id, fields.Date, fields.Outlet, fields.Lead).Should().Be(("7", "1700000000", "Le Guetteur", (string?)null));
        fields.Authors.Should().Equal("Léa Morin", "Paul Ribes");
    }

    private static readonly Encoding Cyrillic = CodePagesEncoding(1251);

    private static Encoding CodePagesEncoding(int codePage) => CodePagesEncodingProvider.Instance.GetEncoding(codePage)!;

    private const string RussianText = "Мост открыли после двух лет работ.\n\nРаботы стоили три миллиона.";

    [Theory]
    [InlineData("text/plain; charset=windows-1251")]
    [InlineData("text/plain; charset=\"windows-1251\"")]
    public void Text_bytes_are_decoded_in_the_charset_the_content_type_names(string contentType)
    {
        var items = ArticleReader.ReadBytes("api", Cyrillic.GetBytes(RussianText), contentType).ToList();
        var article = items.Should().ContainSingle().Which.Should().BeOfType<ReadArticle>().Subject;
        article.Article.Raw.Should().Be(RussianText);
        article.Warning.Should().BeNull();
    }

    [Fact]
    public void Json_lines_and_feeds_are_decoded_in_the_charset_the_content_type_names()
    {
        var line = """{"title": "Мост", "text": "Мост открыли после двух лет работ."}""" + "\n";
        var fromLines = ArticleReader.ReadBytes("api", Cyrillic.GetBytes(line), "application/x-ndjson; charset=windows-1251").Single();
        fromLines.Should().BeOfType<ReadArticle>().Which.Article.Fields.Title.Should().Be("Мост");

        // The transport's charset wins over the XML declaration (RFC 7303).
        var feed = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Т</title><item><title>Мост</title><description>Мост открыли.</description></item></channel></rss>""";
        var fromFeed = ArticleReader.ReadBytes("api", Cyrillic.GetBytes(feed), "application/rss+xml; charset=windows-1251").Single();
        fromFeed.Should().BeOfType<ReadArticle>().Which.Article.Fields.Title.Should().Be("Мост");
    }

    [Fact]
    public void A_Windows_1252_text_file_is_stored_with_a_warning_the_runner_reports()
    {
        var text = "Le pont de Valmer rouvre\n\nLe pont a rouvert samedi après deux années de travaux, a annoncé la mairie.";
        var path = WriteBytes("ancien.txt", CodePagesEncoding(1252).GetBytes(text));
        using var store = new Recoupe.Store.Sqlite.SqliteArticleStore(Path.Combine(_dir, "runner.db"));
        var seen = new List<IngestItemResult>();

        var summary = new IngestRunner(store) { Parallelism = 1 }.Run([path], onItem: seen.Add);

        summary.Stored.Should().Be(1);
        var result = seen.Should().ContainSingle().Subject;
        result.Status.Should().Be(IngestStatus.Stored);
        result.Warning.Should().Be("invalid UTF-8 at byte offset 54 (byte 0xE8); read as Windows-1252");
        store.Get(result.ArticleId!.Value)!.Text.Should().Contain("après deux années");
    }

    [Fact]
    public void An_unknown_charset_fails_naming_it()
    {
        var failure = ArticleReader.ReadBytes("api", Encoding.UTF8.GetBytes("Un texte."), "text/plain; charset=klingon-8").Single();
        failure.Should().BeOfType<ReadFailure>().Which.Error.Should().Be("unknown charset 'klingon-8' in the content type");
    }
}
