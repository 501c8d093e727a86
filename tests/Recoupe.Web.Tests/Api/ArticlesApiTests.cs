using System.Net;
using System.Text;
using Recoupe.Web.Tests.Support;

namespace Recoupe.Web.Tests.Api;

public sealed class ArticlesApiTests : IDisposable
{
    private readonly RecoupeAppFactory _app = new();
    private readonly HttpClient _client;

    public ArticlesApiTests() => _client = _app.CreateClient();

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> Post(string body, string mediaType) =>
        _client.PostAsync("/api/articles", Http.Body(body, mediaType));

    [Fact]
    public async Task Plain_text_is_stored_once_and_read_back_with_its_spans()
    {
        var first = await ApiJson.Read(await Post(Articles.French(), "text/plain"), HttpStatusCode.OK);
        first["stored"].Int().Should().Be(1);
        var item = first["items"].Arr().Single()!;
        item["status"].Str().Should().Be("stored");
        item["source"].Str().Should().Be("api");
        var id = item["id"].Long();

        var again = await ApiJson.Read(await Post(Articles.French(), "text/plain; charset=utf-8"), HttpStatusCode.OK);
        again["items"]![0]!["status"].Str().Should().Be("duplicate");
        again["items"]![0]!["id"].Long().Should().Be(id);
        again["duplicates"].Int().Should().Be(1);

        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        article["id"].Long().Should().Be(id);
        var text = article["text"].Str();
        text.Should().Contain("Nous ne reculerons pas sur l'essentiel");
        article["language"].Str().Should().Be("fr");
        article["paragraphs"].Arr().Should().NotBeEmpty();

        // Every piece of evidence is the text it points at.
        var quotes = article["quotes"].Arr();
        quotes.Should().NotBeEmpty("the article has a quotation with a speech verb and a named speaker");
        foreach (var quote in quotes)
        {
            var evidence = quote!["evidence"]!;
            evidence["articleId"].Long().Should().Be(id);
            text[evidence["start"].Int()..evidence["end"].Int()].Should().Be(evidence["text"].Str());
            quote["text"].Str().Should().Be(evidence["text"].Str());
        }
        quotes.Should().Contain(q => q!["text"].Str().Contains("Nous ne reculerons pas"));
        // The shape `recoupe article ID --json` writes too: speaker and cue spans carry their text, and so do sentences.
        var spoken = quotes.Where(q => q!["speakerSpan"] is not null).ToList();
        spoken.Should().NotBeEmpty("the named speaker's mention is a span");
        foreach (var quote in spoken)
        {
            foreach (var name in new[] { "speakerSpan", "cueSpan" })
            {
                if (quote![name] is not { } span) continue;
                text[span["start"].Int()..span["end"].Int()].Should().Be(span["text"].Str());
            }
        }
        var sentences = article["sentences"].Arr();
        sentences.Should().NotBeEmpty();
        foreach (var sentence in sentences)
            text[sentence!["start"].Int()..sentence["end"].Int()].Should().Be(sentence["text"].Str());
        article["contentHash"].Str().Should().HaveLength(64);
        foreach (var entity in article["entities"].Arr())
            text[entity!["start"].Int()..entity["end"].Int()].Should().Be(entity["text"].Str());
        article["figures"].Arr().Should().Contain(f => f!["value"]!.GetValue<decimal>() == 1_200_000m);
    }

    [Fact]
    public async Task Html_article_is_read_as_a_page()
    {
        var html = $"""
            <!doctype html><html lang="fr"><head><title>Le pont rouvre</title><meta property="og:site_name" content="Le Journal Test"></head>
            <body><nav><a href="/">Accueil</a> | <a href="/sport">Sport</a></nav>
            <article><h1>Le pont rouvre après deux ans de travaux</h1>
            <p>Le pont de la ville a rouvert lundi après deux années de travaux et un chantier qui a coûté 12 millions d'euros.</p>
            <p>« C'est un soulagement pour tout le quartier », a déclaré la maire Claire Martin lors de l'inauguration.</p>
            <p>Les riverains attendaient cette réouverture depuis longtemps, selon plusieurs commerçants interrogés sur place.</p>
            </article><footer>Tous droits réservés</footer></body></html>
            """;
        var answer = await ApiJson.Read(await Post(html, "text/html; charset=utf-8"), HttpStatusCode.OK);
        var id = answer["items"]![0]!["id"].Long();
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{id}"), HttpStatusCode.OK);
        article["format"].Str().Should().Be("html");
        article["text"].Str().Should().Contain("Le pont de la ville a rouvert lundi");
        article["text"].Str().Should().NotContain("<p>").And.NotContain("Tous droits réservés");
    }

    [Fact]
    public async Task Json_object_and_json_array_are_one_article_and_a_batch_where_bad_elements_fail_alone()
    {
        var one = await ApiJson.Read(await Post(Articles.Json("Le conseil vote le budget", Articles.French("le budget municipal")), "application/json"), HttpStatusCode.OK);
        one["items"]![0]!["status"].Str().Should().Be("stored");
        one["items"]![0]!["source"].Str().Should().Be("api");

        var batch = "[" + string.Join(",",
            Articles.Json("Le port s'agrandit", Articles.French("l'agrandissement du port")),
            "42",
            """{"title": ""}""",
            Articles.Json("Council funds the bridge", Articles.English())) + "]";
        var answer = await ApiJson.Read(await Post(batch, "application/json"), HttpStatusCode.OK);
        var items = answer["items"].Arr();
        items.Should().HaveCount(4);
        items.Select(i => i!["source"].Str()).Should().Equal("api#item 1", "api#item 2", "api#item 3", "api#item 4");
        items.Select(i => i!["status"].Str()).Should().Equal("stored", "error", "error", "stored");
        items[1]!["error"].Str().Should().Contain("JSON object");
        items[2]!["error"].Str().Should().Contain("no article text");
        answer["stored"].Int().Should().Be(2);
        answer["failed"].Int().Should().Be(2);

        var english = await ApiJson.Read(await _client.GetAsync($"/api/articles/{items[3]!["id"].Long()}"), HttpStatusCode.OK);
        english["title"].Str().Should().Be("Council funds the bridge");
        english["language"].Str().Should().Be("en");
    }

    [Fact]
    public async Task Pretty_printed_json_object_is_one_article()
    {
        var pretty = System.Text.Json.JsonSerializer.Serialize(
            new { title = "Un texte indenté", text = Articles.French("un texte indenté") },
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        pretty.Should().Contain("\n");
        var answer = await ApiJson.Read(await Post(pretty, "application/json"), HttpStatusCode.OK);
        answer["stored"].Int().Should().Be(1);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/jsonl")]
    public async Task Json_lines_report_a_bad_line_by_number_and_store_the_others(string mediaType)
    {
        var lines = string.Join("\n",
            Articles.Json("Première", Articles.French("la première mesure")),
            "{ this is not json",
            Articles.Json("Troisième", Articles.French("la troisième mesure")));
        var answer = await ApiJson.Read(await Post(lines, mediaType), HttpStatusCode.OK);
        var items = answer["items"].Arr();
        items.Select(i => i!["status"].Str()).Should().Equal("stored", "error", "stored");
        items[1]!["source"].Str().Should().Be("api:line 2");
        items[1]!["error"].Str().Should().Contain("malformed JSON");
    }

    [Fact]
    public async Task Rss_and_atom_feeds_store_each_item()
    {
        var rss = Articles.Rss(
            ("Le marché de printemps ouvre", "Le marché de printemps a ouvert samedi sur la place centrale avec une centaine d'exposants venus de toute la région."),
            ("La bibliothèque prolonge ses horaires", "La bibliothèque municipale ouvrira désormais jusqu'à vingt heures trois soirs par semaine, a annoncé la mairie."));
        var fromRss = await ApiJson.Read(await Post(rss, "application/rss+xml"), HttpStatusCode.OK);
        fromRss["stored"].Int().Should().Be(2);
        fromRss["items"].Arr().Select(i => i!["source"].Str()).Should().OnlyContain(s => s.StartsWith("api#item "));

        var atom = Articles.Atom(("The ferry timetable changes", "The ferry company will add two crossings a day from April, the harbour authority said on Monday."));
        var fromAtom = await ApiJson.Read(await Post(atom, "application/atom+xml"), HttpStatusCode.OK);
        fromAtom["stored"].Int().Should().Be(1);
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{fromAtom["items"]![0]!["id"].Long()}"), HttpStatusCode.OK);
        article["format"].Str().Should().Be("atom");
        article["text"].Str().Should().Contain("two crossings a day");
    }

    [Fact]
    public async Task Text_that_is_not_utf8_and_names_no_charset_is_stored_as_windows_1252_with_a_warning()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding(1252).GetBytes(Articles.French("la rénovation du pont"));

        var answer = await ApiJson.Read(await _client.PostAsync("/api/articles", Http.Bytes(bytes, "text/plain")), HttpStatusCode.OK);

        var item = answer["items"]![0]!;
        item["status"].Str().Should().Be("stored");
        item["warning"].Str().Should().Contain("read as Windows-1252");
        var article = await ApiJson.Read(await _client.GetAsync($"/api/articles/{item["id"].Long()}"), HttpStatusCode.OK);
        article["text"].Str().Should().Contain("la rénovation du pont");
    }

    [Fact]
    public async Task A_json_body_in_a_charset_no_encoding_answers_to_is_415_naming_it()
    {
        var problem = await ApiJson.Problem(await Post("{\"text\": \"Le conseil a voté le budget.\"}", "application/json; charset=klingon-8"),
            HttpStatusCode.UnsupportedMediaType);
        problem["detail"].Str().Should().Contain("unknown charset 'klingon-8'");
    }

    [Fact]
    public async Task Named_source_names_the_items()
    {
        var answer = await ApiJson.Read(
            await _client.PostAsync("/api/articles?source=wire-feed", Http.Body(Articles.English("the new tram line"), "text/plain")),
            HttpStatusCode.OK);
        answer["items"]![0]!["source"].Str().Should().Be("wire-feed");
        await ApiJson.Problem(
            await _client.PostAsync("/api/articles?source=" + new string('x', 300), Http.Body(Articles.English(), "text/plain")),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_whose_every_item_fails_is_422_with_the_reasons()
    {
        var problem = await ApiJson.Problem(await Post("[1, 2]", "application/json"), HttpStatusCode.UnprocessableEntity);
        problem["detail"].Str().Should().Contain("all 2 items failed");
        problem["items"].Arr().Should().HaveCount(2).And.OnlyContain(i => i!["status"].Str() == "error");

        // A single article with no text at all (only spaces) is refused with its reason.
        var blank = await ApiJson.Problem(await Post("   \n  \n ", "text/plain"), HttpStatusCode.UnprocessableEntity);
        blank["detail"].Str().Should().StartWith("api: ");
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("image/png")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Other_media_types_are_415(string mediaType)
    {
        var problem = await ApiJson.Problem(await _client.PostAsync("/api/articles", Http.Bytes(Encoding.UTF8.GetBytes("hello"), mediaType)),
            HttpStatusCode.UnsupportedMediaType);
        problem["detail"].Str().Should().Contain("text/plain").And.Contain("application/json");
    }

    [Fact]
    public async Task Missing_media_type_and_compressed_bodies_are_415()
    {
        var noType = await ApiJson.Problem(await _client.PostAsync("/api/articles", Http.Bytes(Encoding.UTF8.GetBytes("hello"), null)),
            HttpStatusCode.UnsupportedMediaType);
        noType["detail"].Str().Should().Contain("no Content-Type");

        var gzipped = Http.Body(Articles.English(), "text/plain");
        gzipped.Headers.ContentEncoding.Add("gzip");
        await ApiJson.Problem(await _client.PostAsync("/api/articles", gzipped), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Malformed_or_wrong_shaped_json_is_400()
    {
        var malformed = await ApiJson.Problem(await Post("""{"title": "x", "text": """, "application/json"), HttpStatusCode.BadRequest);
        malformed["detail"].Str().Should().Contain("not valid JSON");
        var scalar = await ApiJson.Problem(await Post("\"just a string\"", "application/json"), HttpStatusCode.BadRequest);
        scalar["detail"].Str().Should().Contain("found a JSON string");
        await ApiJson.Problem(await Post("[]", "application/json"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Empty_body_is_400()
    {
        var problem = await ApiJson.Problem(await _client.PostAsync("/api/articles", Http.Bytes([], "text/plain")), HttpStatusCode.BadRequest);
        problem["detail"].Str().Should().Contain("empty");
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("-3", HttpStatusCode.BadRequest)]
    [InlineData("1.5", HttpStatusCode.BadRequest)]
    [InlineData("99999999999999999999", HttpStatusCode.BadRequest)]
    [InlineData("424242", HttpStatusCode.NotFound)]
    public async Task Bad_and_unknown_article_ids_are_clear_4xx(string id, HttpStatusCode expected)
    {
        var problem = await ApiJson.Problem(await _client.GetAsync($"/api/articles/{id}"), expected);
        problem["detail"].Str().Should().Contain(id);
    }

    [Fact]
    public async Task Status_counts_what_was_stored()
    {
        await Post(Articles.French(), "text/plain");
        await Post(Articles.French(), "text/plain");
        var status = await ApiJson.Read(await _client.GetAsync("/api/status"), HttpStatusCode.OK);
        status["articles"].Long().Should().Be(1);
        status["sinceStart"]!["stored"].Long().Should().Be(1);
        status["sinceStart"]!["duplicates"].Long().Should().Be(1);
    }
}

public sealed class RequestLimitTests : IDisposable
{
    private const long Limit = 16 * 1024;
    private readonly RecoupeAppFactory _app = new(maxRequestBytes: Limit);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_announced_or_not()
    {
        var client = _app.CreateClient();
        var big = new string('a', (int)Limit + 1);
        var announced = await ApiJson.Problem(await client.PostAsync("/api/articles", Http.Body(big, "text/plain")),
            HttpStatusCode.RequestEntityTooLarge);
        announced["detail"].Str().Should().Contain("limit");

        // Chunked: no Content-Length, so the limit is found while reading.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new("text/plain");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await ApiJson.Problem(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        // Under the limit still works.
        var fine = await ApiJson.Read(await client.PostAsync("/api/articles", Http.Body(Articles.English(), "text/plain")), HttpStatusCode.OK);
        fine["stored"].Int().Should().Be(1);
    }
}

public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "test-key-5f1c";
    private readonly RecoupeAppFactory _app = new(apiKey: Key);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Writes_need_the_configured_key_and_reads_do_not()
    {
        var client = _app.CreateClient();
        var missing = await ApiJson.Problem(await client.PostAsync("/api/articles", Http.Body(Articles.English(), "text/plain")),
            HttpStatusCode.Unauthorized);
        missing["detail"].Str().Should().Contain("X-Api-Key");

        var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Http.Body(Articles.English(), "text/plain") };
        wrong.Headers.Add("X-Api-Key", Key + "x");
        await ApiJson.Problem(await client.SendAsync(wrong), HttpStatusCode.Forbidden);

        var right = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = Http.Body(Articles.English(), "text/plain") };
        right.Headers.Add("X-Api-Key", Key);
        var stored = await ApiJson.Read(await client.SendAsync(right), HttpStatusCode.OK);
        var id = stored["items"]![0]!["id"].Long();

        (await client.GetAsync($"/api/articles/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/search?q=council")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/status")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_key_is_checked_before_the_body_is_read()
    {
        // Without the key even a body of the wrong type is refused as unauthorised: nothing about the body leaks.
        var client = _app.CreateClient();
        await ApiJson.Problem(await client.PostAsync("/api/articles", Http.Bytes([1, 2, 3], "application/octet-stream")),
            HttpStatusCode.Unauthorized);
    }
}
