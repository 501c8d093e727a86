using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Recoupe.Core.Model;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Ingest;

public sealed class ReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "recoupe-readers-" + Guid.NewGuid().ToString("N"));

    public ReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    // Small fictional texts written for these tests.
    private const string TideArticle =
        "Marée record à Port-Lune\r\n\r\nLe port de Port-Lune a connu mardi une marée de 9,4 mètres, selon la capitainerie.\r\n" +
        "« Nous n'avions jamais vu ça », a déclaré la maire, Odile Fermat.\r\n";

    private const string BridgeArticleHtml =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Un pont rouvert à Valmer</title></head>\r\n" +
        "<body><nav>Accueil | Régions</nav><article><h1>Un pont rouvert à Valmer</h1>\r\n" +
        "<p>Le pont des Saules, fermé depuis deux ans, a rouvert samedi.</p><p>Les travaux ont coûté 3 millions d'euros.</p></article></body></html>";

    private string Write(string relative, string text, bool bom = false) =>
        WriteBytes(relative, (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    private string WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static List<ReadItem> ReadAll(params string[] inputs) => ArticleReader.Read(inputs).ToList();

    private static RawArticle SingleArticle(List<ReadItem> items)
    {
        items.Should().ContainSingle();
        var failure = items[0] as ReadFailure;
        (failure is null).Should().BeTrue($"expected an article, got failure: {failure?.Error}");
        return ((ReadArticle)items[0]).Article;
    }

    private static ReadFailure SingleFailure(List<ReadItem> items)
    {
        items.Should().ContainSingle();
        return items[0].Should().BeOfType<ReadFailure>().Subject;
    }

    // ---- plain text and HTML ----

    [Fact]
    public void Text_file_is_one_article_with_bom_stripped_and_newlines_normalised()
    {
        var path = Write("maree.txt", TideArticle, bom: true);
        var article = SingleArticle(ReadAll(path));

        article.Source.Should().Be(path);
        article.Format.Should().Be(InputFormat.Text);
        article.Raw.Should().StartWith("Marée record à Port-Lune\n\nLe port");
        article.Raw.Should().NotContain("\r").And.NotContain("\uFEFF");
        article.Raw.Should().Contain("« Nous n'avions jamais vu ça »");
        article.Fields.Title.Should().BeNull("the pipeline finds the title of a text file");
    }

    [Fact]
    public void Old_mac_line_endings_become_line_feeds()
    {
        var article = SingleArticle(ReadAll(Write("mac.txt", "Titre\rPremier paragraphe.\rSecond.")));
        article.Raw.Should().Be("Titre\nPremier paragraphe.\nSecond.");
    }

    [Theory]
    [InlineData("pont.html")]
    [InlineData("pont.htm")]
    public void Html_file_is_decoded_whole(string name)
    {
        var path = Write(name, BridgeArticleHtml);
        var article = SingleArticle(ReadAll(path));

        article.Format.Should().Be(InputFormat.Html);
        article.Source.Should().Be(path);
        article.Raw.Should().Contain("<p>Le pont des Saules, fermé depuis deux ans, a rouvert samedi.</p>");
        article.Raw.Should().NotContain("\r");
    }

    [Theory]
    [InlineData("pont.html.gz")]
    [InlineData("pont.htm.gz")]
    [InlineData("pont.gz")]
    public void Gzipped_html_is_decompressed(string name)
    {
        var path = WriteBytes(name, Gzip(BridgeArticleHtml));
        var article = SingleArticle(ReadAll(path));

        article.Format.Should().Be(InputFormat.Html);
        article.Raw.Should().Contain("Les travaux ont coûté 3 millions d'euros.");
    }

    [Fact]
    public void Truncated_html_is_still_an_article()
    {
        var cut = BridgeArticleHtml[..(BridgeArticleHtml.IndexOf("</p>", StringComparison.Ordinal) - 10)];
        var article = SingleArticle(ReadAll(Write("coupe.html", cut)));
        article.Format.Should().Be(InputFormat.Html);
        article.Raw.Should().Be(cut.Replace("\r\n", "\n"));
        article.Raw.Should().EndWith("a rouve");
    }

    // ---- JSON Lines ----

    [Fact]
    public void Json_lines_map_known_keys_and_keep_other_scalars_as_extra()
    {
        var lines = new[]
        {
            """{"id": 7, "title": "Grève des bateliers", "heading": "Les bateliers de la Sarre cessent le travail.", "text": "Le mouvement touche 40 écluses.", "url": "https://example.org/a/7", "date": "2021-03-04", "category": "social", "story": 12, "tags": ["a", "b"], "lang": "fr", "authors": ["Léa Morin", "Paul Ribes"]}""",
            "",
            """{"title": "Storm over Kelby", "body": "<p>Winds reached <b>130 km/h</b>.</p>", "lead": "A storm hit the coast.", "link": "https://example.org/b", "pubDate": "Tue, 02 Feb 2021 08:00:00 GMT", "source": {"name": "Kelby Post"}, "author": "Ann Reed", "content": "unused copy"}""",
            "   ",
            """{"content": "Texte seul, sans titre.", "summary": "Résumé.", "published": "2020-01-01", "site": "Le Courrier", "language": "fr", "score": 0.5, "live": true, "extra": null}""",
        };
        var path = Write("lot.jsonl", string.Join("\r\n", lines) + "\r\n");
        var items = ReadAll(path);

        items.Should().HaveCount(3).And.AllBeOfType<ReadArticle>();
        var first = ((ReadArticle)items[0]).Article;
        first.Source.Should().Be($"{path}:line 1");
        first.Format.Should().Be(InputFormat.JsonLines);
        first.Raw.Should().Be(lines[0]);
        first.Fields.Id.Should().Be("7");
        first.Fields.Title.Should().Be("Grève des bateliers");
        first.Fields.Lead.Should().Be("Les bateliers de la Sarre cessent le travail.");
        first.Fields.Body.Should().Be("Le mouvement touche 40 écluses.");
        first.Fields.BodyIsHtml.Should().BeFalse();
        first.Fields.Url.Should().Be("https://example.org/a/7");
        first.Fields.Date.Should().Be("2021-03-04");
        first.Fields.Language.Should().Be("fr");
        first.Fields.Authors.Should().Equal("Léa Morin", "Paul Ribes");
        first.Fields.Extra.Should().Equal(new Dictionary<string, string> { ["category"] = "social", ["story"] = "12" });

        var second = ((ReadArticle)items[1]).Article;
        second.Source.Should().Be($"{path}:line 3");
        second.Fields.Body.Should().Be("<p>Winds reached <b>130 km/h</b>.</p>");
        second.Fields.BodyIsHtml.Should().BeTrue();
        second.Fields.Lead.Should().Be("A storm hit the coast.");
        second.Fields.Url.Should().Be("https://example.org/b");
        second.Fields.Date.Should().Be("Tue, 02 Feb 2021 08:00:00 GMT");
        second.Fields.Outlet.Should().Be("Kelby Post");
        second.Fields.Authors.Should().Equal("Ann Reed");
        second.Fields.Extra.Should().ContainKey("content").WhoseValue.Should().Be("unused copy", "a second body alias is kept, not lost");

        var third = ((ReadArticle)items[2]).Article;
        third.Source.Should().Be($"{path}:line 5");
        third.Fields.Title.Should().BeNull();
        third.Fields.Body.Should().Be("Texte seul, sans titre.");
        third.Fields.Lead.Should().Be("Résumé.");
        third.Fields.Date.Should().Be("2020-01-01");
        third.Fields.Outlet.Should().Be("Le Courrier");
        third.Fields.Extra.Should().Equal(new Dictionary<string, string> { ["score"] = "0.5", ["live"] = "true" });
    }

    [Fact]
    public void Malformed_json_line_in_the_middle_fails_alone_with_its_line_number()
    {
        var path = Write("mix.jsonl", string.Join("\n",
            """{"title": "Un", "text": "Premier article."}""",
            """{"title": "Deux", "text": "Guillemet non fermé}""",
            """{"title": "Trois", "text": "Troisième article."}""",
            """["pas", "un", "objet"]""",
            """{"id": 5, "url": "https://example.org/vide"}""",
            """{"title": "Six", "text": "Sixième article."}"""));

        var items = ReadAll(path);

        items.Select(i => i.Source).Should().Equal(
            $"{path}:line 1", $"{path}:line 2", $"{path}:line 3", $"{path}:line 4", $"{path}:line 5", $"{path}:line 6");
        items.OfType<ReadArticle>().Select(a => a.Article.Fields.Title).Should().Equal("Un", "Trois", "Six");
        ((ReadFailure)items[1]).Error.Should().StartWith("malformed JSON");
        ((ReadFailure)items[3]).Error.Should().Contain("expected a JSON object").And.Contain("array");
        ((ReadFailure)items[4]).Error.Should().Contain("no article text");
    }

    [Fact]
    public void Invalid_utf8_in_a_json_line_names_the_byte_offset()
    {
        var good = Encoding.UTF8.GetBytes("""{"title": "Bon", "text": "Correct."}""" + "\n");
        var bad = Encoding.UTF8.GetBytes("""{"title": "Mauvais", "text": "Caf""").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var path = WriteBytes("latin.jsonl", good.Concat(bad).Concat(good).ToArray());

        var items = ReadAll(path);

        items.Should().HaveCount(3);
        var failure = items[1].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}:line 2");
        var offset = good.Length + Array.IndexOf(bad, (byte)0xE9);
        failure.Error.Should().Contain($"invalid UTF-8 at byte offset {offset}");
        items[2].Should().BeOfType<ReadArticle>();
    }

    [Fact]
    public void A_json_line_over_the_article_limit_fails_and_the_next_line_reads()
    {
        var limits = new ReadLimits { MaxArticleBytes = 100_000 };
        string Sentences(int count) => string.Concat(Enumerable.Repeat("Une phrase assez longue qui se répète. ", count));
        var path = Write("long.jsonl",
            $$"""{"title": "Court", "text": "Bref."}""" + "\n" +
            $$"""{"title": "Grand mais permis", "text": "{{Sentences(2000)}}"}""" + "\n" +
            $$"""{"title": "Trop long", "text": "{{Sentences(8000)}}"}""" + "\n" +
            $$"""{"title": "Après", "text": "Encore lu."}""" + "\n");

        var items = ArticleReader.Read([path], null, limits).ToList();

        items.Should().HaveCount(4);
        // Line 2 (about 80 kB) is longer than the reader's first buffer but within the limit.
        ((ReadArticle)items[1]).Article.Fields.Body.Should().HaveLength(Sentences(2000).Length - 1);
        var failure = items[2].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be($"{path}:line 3");
        failure.Error.Should().Be("line is 0.3 MB, over the 100000 bytes limit for one article");
        ((ReadArticle)items[3]).Article.Fields.Title.Should().Be("Après");
        ((ReadArticle)items[3]).Article.Source.Should().Be($"{path}:line 4");
    }

    [Fact]
    public void Gzipped_json_lines_stream_too()
    {
        var path = WriteBytes("lot.jsonl.gz", Gzip("""{"title": "A", "text": "Texte A."}""" + "\n" + """{"title": "B", "text": "Texte B."}"""));
        var items = ReadAll(path);
        items.Should().HaveCount(2).And.AllBeOfType<ReadArticle>();
        items[1].Source.Should().Be($"{path}:line 2");
    }

    [Fact]
    public void Json_lines_are_streamed_not_loaded_whole()
    {
        const int lines = 200_000;
        var stream = new GeneratedJsonLinesStream(lines);
        using var items = ArticleReader.Read(["-"], stream).GetEnumerator();

        items.MoveNext().Should().BeTrue();
        items.Current.Should().BeOfType<ReadArticle>().Which.Source.Should().Be("-:line 1");
        stream.BytesServed.Should().BeLessThan(stream.TotalBytes / 20, "the first article comes before the input is read");

        var count = 1;
        while (items.MoveNext())
        {
            items.Current.Should().BeOfType<ReadArticle>();
            count++;
        }
        count.Should().Be(lines);
    }

    // ---- RSS and Atom ----

    private const string RssFeed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>La Gazette de Valmer</title>
            <link>https://gazette.example/</link>
            <language>fr</language>
            <item>
              <title>Le marché couvert rouvre</title>
              <link>https://gazette.example/marche</link>
              <guid isPermaLink="false">gv-101</guid>
              <pubDate>Mon, 01 Mar 2021 07:30:00 +0100</pubDate>
              <dc:creator>Jeanne Vidal</dc:creator>
              <category>Commerce</category>
              <description>Résumé court.</description>
              <content:encoded><![CDATA[<p>Après six mois de travaux, <em>le marché</em> rouvre ce lundi.</p>]]></content:encoded>
            </item>
            <item>
              <title>Concert sur la place</title>
              <guid>https://gazette.example/concert</guid>
              <dc:date>2021-03-02T20:00:00+01:00</dc:date>
              <author>redaction@gazette.example (Marc Olier)</author>
              <description>&lt;p&gt;Trois groupes joueront samedi.&lt;/p&gt;</description>
            </item>
          </channel>
        </rss>
        """;

    [Fact]
    public void Rss_items_become_articles_with_channel_title_as_outlet()
    {
        var path = Write("gazette.rss", RssFeed);
        var items = ReadAll(path);

        items.Should().HaveCount(2).And.AllBeOfType<ReadArticle>();
        var first = ((ReadArticle)items[0]).Article;
        first.Source.Should().Be($"{path}#item 1");
        first.Format.Should().Be(InputFormat.Rss);
        first.Fields.Title.Should().Be("Le marché couvert rouvre");
        first.Fields.Url.Should().Be("https://gazette.example/marche");
        first.Fields.Id.Should().Be("gv-101");
        first.Fields.Date.Should().Be("Mon, 01 Mar 2021 07:30:00 +0100");
        first.Fields.Authors.Should().Equal("Jeanne Vidal");
        first.Fields.Body.Should().Be("<p>Après six mois de travaux, <em>le marché</em> rouvre ce lundi.</p>", "content:encoded wins over description");
        first.Fields.BodyIsHtml.Should().BeTrue();
        first.Fields.Outlet.Should().Be("La Gazette de Valmer");
        first.Fields.Language.Should().Be("fr");
        first.Fields.Extra.Should().Equal(new Dictionary<string, string> { ["category"] = "Commerce" });
        // Raw is the item alone, still readable XML with its namespace prefixes declared.
        var raw = XElement.Parse(first.Raw);
        raw.Name.LocalName.Should().Be("item");
        raw.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value.Should().Contain("rouvre ce lundi");
        first.Raw.Should().NotContain("Concert sur la place");

        var second = ((ReadArticle)items[1]).Article;
        second.Source.Should().Be($"{path}#item 2");
        second.Fields.Url.Should().Be("https://gazette.example/concert", "a permalink guid stands for the link");
        second.Fields.Date.Should().Be("2021-03-02T20:00:00+01:00");
        second.Fields.Authors.Should().Equal("Marc Olier");
        second.Fields.Body.Should().Be("<p>Trois groupes joueront samedi.</p>");
        second.Fields.BodyIsHtml.Should().BeTrue();
    }

    private const string AtomFeed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
          <title>Kelby Evening News</title>
          <id>urn:kelby:news</id>
          <entry>
            <title>Harbour wall repaired</title>
            <link rel="self" href="https://kelby.example/api/1"/>
            <link rel="alternate" href="https://kelby.example/harbour"/>
            <id>urn:kelby:1</id>
            <published>2022-05-01T09:00:00Z</published>
            <updated>2022-05-02T09:00:00Z</updated>
            <author><name>Ruth Gale</name></author>
            <summary>Short summary.</summary>
            <content type="html">&lt;p&gt;The harbour wall, damaged in March, was repaired for 2 million pounds.&lt;/p&gt;</content>
          </entry>
          <entry>
            <title type="html">Ferry &lt;b&gt;timetable&lt;/b&gt; changes</title>
            <link href="https://kelby.example/ferry"/>
            <updated>2022-05-03T10:00:00Z</updated>
            <summary type="text">The ferry will leave at 7 am from June.</summary>
          </entry>
        </feed>
        """;

    [Fact]
    public void Atom_entries_prefer_content_over_summary()
    {
        var path = Write("kelby.atom", AtomFeed);
        var items = ReadAll(path);

        items.Should().HaveCount(2).And.AllBeOfType<ReadArticle>();
        var first = ((ReadArticle)items[0]).Article;
        first.Format.Should().Be(InputFormat.Atom);
        first.Source.Should().Be($"{path}#item 1");
        first.Fields.Title.Should().Be("Harbour wall repaired");
        first.Fields.Url.Should().Be("https://kelby.example/harbour");
        first.Fields.Date.Should().Be("2022-05-01T09:00:00Z");
        first.Fields.Authors.Should().Equal("Ruth Gale");
        first.Fields.Body.Should().Be("<p>The harbour wall, damaged in March, was repaired for 2 million pounds.</p>");
        first.Fields.BodyIsHtml.Should().BeTrue();
        first.Fields.Outlet.Should().Be("Kelby Evening News");
        first.Fields.Language.Should().Be("en");
        XElement.Parse(first.Raw).Name.Should().Be(XName.Get("entry", "http://www.w3.org/2005/Atom"));

        var second = ((ReadArticle)items[1]).Article;
        second.Fields.Title.Should().Be("Ferry timetable changes");
        second.Fields.Date.Should().Be("2022-05-03T10:00:00Z", "updated stands in when published is missing");
        second.Fields.Body.Should().Be("The ferry will leave at 7 am from June.");
        second.Fields.BodyIsHtml.Should().BeFalse("an Atom text construct of type text is plain text");
    }

    [Fact]
    public void Rss_1_rdf_items_are_read_too()
    {
        var rdf = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://echo.example/"><title>L'Écho du Val</title><link>https://echo.example/</link></channel>
              <item rdf:about="https://echo.example/foire">
                <title>La foire aux moutons</title><link>https://echo.example/foire</link>
                <description>Deux cents éleveurs attendus dimanche.</description>
                <dc:date>2019-09-14</dc:date><dc:creator>Alain Roux</dc:creator><dc:subject>Agriculture</dc:subject>
              </item>
            </rdf:RDF>
            """;
        var article = SingleArticle(ReadAll(Write("echo.rdf.xml", rdf)));
        article.Format.Should().Be(InputFormat.Rss);
        article.Fields.Title.Should().Be("La foire aux moutons");
        article.Fields.Outlet.Should().Be("L'Écho du Val");
        article.Fields.Date.Should().Be("2019-09-14");
        article.Fields.Authors.Should().Equal("Alain Roux");
        article.Fields.Id.Should().Be("https://echo.example/foire");
        article.Fields.Extra["category"].Should().Be("Agriculture");
        XElement.Parse(article.Raw).Name.Should().Be(XName.Get("item", "http://purl.org/rss/1.0/"));
    }

    [Fact]
    public void Malformed_feed_gives_items_before_the_error_then_a_failure_with_line_and_position()
    {
        var broken = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Le Veilleur</title>
            <item><title>Premier</title><description>Bien formé.</description></item>
            <item><title>Second</title><description>Balise <b>non fermée</description></item>
            <item><title>Troisième</title><description>Jamais lu.</description></item>
            </channel></rss>
            """;
        var path = Write("veilleur.xml", broken);
        var items = ReadAll(path);

        items.Should().HaveCount(2);
        ((ReadArticle)items[0]).Article.Fields.Title.Should().Be("Premier");
        var failure = items[1].Should().BeOfType<ReadFailure>().Subject;
        failure.Source.Should().Be(path);
        failure.Error.Should().MatchRegex(@"^malformed feed at line 4, position \d+: ");
    }

    [Fact]
    public void Feed_with_a_dtd_is_refused_and_no_entity_is_resolved()
    {
        var secret = Write("secret.txt", "CONTENU-SECRET-42");
        var hostile = $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
            <rss version="2.0"><channel><title>T</title><item><title>&leak;</title><description>x</description></item></channel></rss>
            """;
        var items = ReadAll(Write("hostile.rss", hostile));

        var failure = SingleFailure(items);
        failure.Error.Should().StartWith("malformed feed after line 1, position ").And.Contain("declares a DTD, which is refused");
    }

    [Fact]
    public void Xml_that_is_not_a_feed_fails_clearly()
    {
        var failure = SingleFailure(ReadAll(Write("plan.xml", """<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>""")));
        failure.Error.Should().Be("not an RSS or Atom feed: the root element is <urlset>");
    }

    // ---- sniffing, folders, standard input ----

    [Fact]
    public void Explicit_file_with_unknown_extension_is_sniffed()
    {
        var rss = Write("flux.dat", RssFeed);
        var atom = Write("flux2.data", AtomFeed);
        var json = Write("export.json", """{"title": "Sniffé", "text": "Lu comme JSON Lines."}""");
        var html = Write("page.php", BridgeArticleHtml);
        var text = Write("README", TideArticle);

        var items = ReadAll(rss, atom, json, html, text);

        items.Should().AllBeOfType<ReadArticle>();
        items.Cast<ReadArticle>().Select(a => a.Article.Format).Should().Equal(
            InputFormat.Rss, InputFormat.Rss, InputFormat.Atom, InputFormat.Atom, InputFormat.JsonLines, InputFormat.Html, InputFormat.Text);
    }

    [Fact]
    public void Folder_is_read_recursively_in_ordinal_order_skipping_hidden_and_unknown_files()
    {
        var root = Path.Combine(_dir, "lot");
        Write("lot/b.txt", "Article b.");
        Write("lot/a/z.html", BridgeArticleHtml);
        Write("lot/a/Y.txt", "Article Y.");
        Write("lot/B.txt", "Article B majuscule.");
        Write("lot/c.jsonl", """{"title": "c1", "text": "Un."}""" + "\n" + """{"title": "c2", "text": "Deux."}""");
        Write("lot/d/flux.xml", RssFeed);
        Write("lot/.cache/cache.txt", "Caché.");
        Write("lot/.note.txt", "Caché aussi.");
        Write("lot/photo.jpg", "pas une image");
        Write("lot/archive.tar.gz", "pas lu");
        Write("lot/notes.docx", "pas lu");
        WriteBytes("lot/e/page.html.gz", Gzip(BridgeArticleHtml));

        var sources = ReadAll(root).Select(i => i is ReadFailure f ? "FAIL " + f.Error : i.Source).ToList();

        string P(string relative) => Path.Combine(root, relative);
        sources.Should().Equal(
            P("B.txt"),
            P("a/Y.txt"),
            P("a/z.html"),
            P("b.txt"),
            P("c.jsonl") + ":line 1",
            P("c.jsonl") + ":line 2",
            P("d/flux.xml") + "#item 1",
            P("d/flux.xml") + "#item 2",
            P("e/page.html.gz"));
    }

    [Fact]
    public void Folder_links_are_followed_once_and_never_in_a_loop()
    {
        var root = Path.Combine(_dir, "boucle");
        Write("boucle/un.txt", "Premier.");
        Write("boucle/sous/deux.txt", "Second.");
        Directory.CreateSymbolicLink(Path.Combine(root, "sous", "retour"), root);
        Directory.CreateSymbolicLink(Path.Combine(root, "alias"), Path.Combine(root, "sous"));

        var sources = ReadAll(root).Select(i => i.Source).ToList();

        // "alias" sorts first and reaches "sous" through the link; the real "sous" is then already walked.
        sources.Should().Equal(Path.Combine(root, "alias", "deux.txt"), Path.Combine(root, "un.txt"));
    }

    [Fact]
    public void Standard_input_is_sniffed()
    {
        var jsonl = new MemoryStream(Encoding.UTF8.GetBytes("""{"title": "Entrée", "text": "Depuis stdin."}""" + "\n"));
        var items = ArticleReader.Read(["-"], jsonl).ToList();
        var article = SingleArticle(items);
        article.Source.Should().Be("-:line 1");
        article.Fields.Title.Should().Be("Entrée");

        SingleArticle(ArticleReader.Read(["-"], new MemoryStream(Encoding.UTF8.GetBytes(BridgeArticleHtml))).ToList())
            .Format.Should().Be(InputFormat.Html);
        var text = SingleArticle(ArticleReader.Read(["-"], new MemoryStream(Gzip(TideArticle))).ToList());
        text.Format.Should().Be(InputFormat.Text);
        text.Source.Should().Be("-");
        ArticleReader.Read(["-"], new MemoryStream(Encoding.UTF8.GetBytes(RssFeed))).Select(i => i.Source)
            .Should().Equal("-#item 1", "-#item 2");
    }

    [Fact]
    public void Read_bytes_takes_a_content_type_or_a_file_name_as_hint()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"title": "Octets", "text": "Lus."}""");
        SingleArticle(ArticleReader.ReadBytes("mem", bytes, "application/x-ndjson").ToList()).Source.Should().Be("mem:line 1");
        SingleArticle(ArticleReader.ReadBytes("mem", bytes, "text/plain; charset=utf-8").ToList()).Format.Should().Be(InputFormat.Text);
        SingleArticle(ArticleReader.ReadBytes("mem", bytes, "export.ndjson").ToList()).Format.Should().Be(InputFormat.JsonLines);
        SingleArticle(ArticleReader.ReadBytes("mem", bytes).ToList()).Format.Should().Be(InputFormat.JsonLines);
        SingleArticle(ArticleReader.ReadBytes("mem", Encoding.UTF8.GetBytes(BridgeArticleHtml), "text/html").ToList()).Format.Should().Be(InputFormat.Html);
    }

    // ---- bad input ----

    [Fact]
    public void Empty_files_fail_clearly()
    {
        var zero = WriteBytes("vide.txt", []);
        var blank = Write("blanc.html", "  \r\n\t \n");
        var blankJson = Write("blanc.jsonl", "\n   \n\n");

        var items = ReadAll(zero, blank, blankJson);

        items.Should().AllBeOfType<ReadFailure>();
        items.Select(i => (i.Source, ((ReadFailure)i).Error)).Should().Equal(
            (zero, "file is empty (0 bytes)"),
            (blank, "file is empty (only whitespace)"),
            (blankJson, "file is empty (only whitespace)"));
    }

    [Fact]
    public void Binary_files_fail_clearly()
    {
        var withNul = WriteBytes("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        var controls = new byte[4000];
        for (var i = 0; i < controls.Length; i++) controls[i] = (byte)(i % 7 == 0 ? 0x01 : 'a' + i % 26);
        var noisy = WriteBytes("bruit.html", controls);
        var badGzip = WriteBytes("page.html.gz", Encoding.UTF8.GetBytes("ceci n'est pas du gzip"));
        var corruptGzip = WriteBytes("casse.gz", [0x1F, 0x8B, 0x08, 0x00, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var items = ReadAll(withNul, noisy, badGzip, corruptGzip);

        items.Should().HaveCount(4).And.AllBeOfType<ReadFailure>();
        items.Select(i => i.Source).Should().Equal(withNul, noisy, badGzip, corruptGzip);
        ((ReadFailure)items[0]).Error.Should().Be("binary content (NUL byte at offset 8)");
        ((ReadFailure)items[1]).Error.Should().StartWith("binary content (14 % control characters");
        ((ReadFailure)items[2]).Error.Should().Contain("not valid gzip data");
        ((ReadFailure)items[3]).Error.Should().StartWith("not valid gzip data");
    }

    [Fact]
    public void Invalid_utf8_text_is_read_as_windows_1252_with_a_warning_naming_the_byte_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("Le cafe etait ferme. ").Concat(new byte[] { 0x43, 0x61, 0x66, 0xE9, 0x20, 0x80 }).ToArray();
        var items = ReadAll(WriteBytes("latin1.txt", bytes));
        var article = SingleArticle(items);
        article.Raw.Should().Be("Le cafe etait ferme. Café €");
        ((ReadArticle)items[0]).Warning.Should().StartWith($"invalid UTF-8 at byte offset {bytes.Length - 3} (byte 0xE9)")
            .And.EndWith("read as Windows-1252");
    }

    [Fact]
    public void A_50_MB_single_article_file_is_over_the_limit()
    {
        var path = Path.Combine(_dir, "enorme.txt");
        var line = Encoding.UTF8.GetBytes(new string('x', 1023) + "\n");
        using (var file = File.Create(path))
            for (var i = 0; i < 50 * 1024; i++) file.Write(line);
        try
        {
            var failure = SingleFailure(ReadAll(path));
            failure.Source.Should().Be(path);
            failure.Error.Should().Be("file is 50.0 MB, over the 16 MB limit for one article");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Gzipped_single_article_over_the_limit_fails_on_its_decompressed_size()
    {
        var limits = new ReadLimits { MaxArticleBytes = 10_000 };
        var path = WriteBytes("gros.html.gz", Gzip("<html><body><p>" + new string('a', 50_000) + "</p></body></html>"));
        var failure = SingleFailure(ArticleReader.Read([path], null, limits).ToList());
        failure.Error.Should().Be("decompressed content of the file is over the 10000 bytes limit for one article");
    }

    [Fact]
    public void Missing_or_unreadable_inputs_fail_and_the_batch_goes_on()
    {
        var good = Write("bon.txt", TideArticle);
        var missing = Path.Combine(_dir, "absent.txt");
        var underFile = Path.Combine(good, "dessous.txt");

        var items = ReadAll(missing, good, underFile, "");

        items.Should().HaveCount(4);
        items[0].Should().Be(new ReadFailure(missing, "no such file or folder"));
        items[1].Should().BeOfType<ReadArticle>();
        items[2].Should().Be(new ReadFailure(underFile, "no such file or folder"));
        items[3].Should().Be(new ReadFailure("", "empty input name"));
    }

    [Fact]
    public void A_read_error_midway_becomes_a_failure_after_the_articles_already_read()
    {
        var firstLines = Encoding.UTF8.GetBytes(
            string.Concat(Enumerable.Range(1, 2000).Select(i => $$"""{"title": "N{{i}}", "text": "Texte {{i}}."}""" + "\n")));
        var items = ArticleReader.Read(["-"], new FailingStream(firstLines)).ToList();

        items.Count.Should().BeGreaterThan(100);
        items[..^1].Should().AllBeOfType<ReadArticle>();
        items[^1].Should().Be(new ReadFailure("-", "read error: device went away"));
    }

    // ---- HTTP ----

    [Fact]
    public void Http_urls_are_fetched_and_typed_by_content_type_then_name_then_sniffing()
    {
        using var server = new LoopbackServer(context =>
        {
            var (status, type, body) = context.Request.Url!.AbsolutePath switch
            {
                "/article" => (200, "text/html; charset=utf-8", BridgeArticleHtml),
                "/feed" => (200, "application/rss+xml", RssFeed),
                "/export" => (200, "application/octet-stream", """{"title": "Export", "text": "Flux sans type."}"""),
                "/dump.jsonl" => (200, "text/plain", """{"title": "Dump", "text": "Nommé .jsonl."}"""),
                "/note" => (200, "text/plain; charset=utf-8", TideArticle),
                _ => (404, "text/plain", "not here"),
            };
            return (status, type, Encoding.UTF8.GetBytes(body));
        });

        var items = ArticleReader.Read([
            server.Url("article"), server.Url("feed"), server.Url("export"), server.Url("dump.jsonl"), server.Url("note"), server.Url("missing"),
        ]).ToList();

        items.Select(i => i.Source).Should().Equal(
            server.Url("article"), server.Url("feed") + "#item 1", server.Url("feed") + "#item 2",
            server.Url("export") + ":line 1", server.Url("dump.jsonl") + ":line 1", server.Url("note"), server.Url("missing"));
        items.Take(6).Should().AllBeOfType<ReadArticle>();
        items.Take(6).Cast<ReadArticle>().Select(a => a.Article.Format).Should().Equal(
            InputFormat.Html, InputFormat.Rss, InputFormat.Rss, InputFormat.JsonLines, InputFormat.JsonLines, InputFormat.Text);
        ((ReadArticle)items[0]).Article.Raw.Should().Contain("Le pont des Saules");
        items[6].Should().Be(new ReadFailure(server.Url("missing"), "HTTP 404 Not Found"));
    }

    [Fact]
    public void Http_size_and_time_limits_give_failures()
    {
        using var server = new LoopbackServer(context =>
        {
            // far longer than the bound below, so that a busy test machine (the whole suite runs in parallel on two
            // cores) cannot make a reader that waited for the response pass for one that gave up at its deadline
            if (context.Request.Url!.AbsolutePath == "/slow") Thread.Sleep(20000);
            return (200, "text/html", Encoding.UTF8.GetBytes(BridgeArticleHtml));
        });

        var tooBig = ArticleReader.Read([server.Url("big")], null, new ReadLimits { MaxDownloadBytes = 100 }).ToList();
        SingleFailure(tooBig).Error.Should().Be(
            $"response is {ContentChecks(Encoding.UTF8.GetByteCount(BridgeArticleHtml))}, over the 100 bytes download limit");

        var watch = Stopwatch.StartNew();
        var slow = ArticleReader.Read([server.Url("slow")], null, new ReadLimits { HttpTimeout = TimeSpan.FromSeconds(1.5) }).ToList();
        watch.Stop();
        SingleFailure(slow).Should().Be(new ReadFailure(server.Url("slow"), "no complete response within 1.5 s"));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the slow server (20 s) is abandoned at the deadline");
    }

    private static string ContentChecks(long bytes) => (bytes / 1048576.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    // ---- shared corpora ----

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void Reads_the_whole_fr_news_corpus_with_lead_body_and_category()
    {
        var path = SharedData.Find("corpus/fr-news/articles.jsonl")!;
        var watch = Stopwatch.StartNew();
        var items = ArticleReader.Read([path]).ToList();
        watch.Stop();

        items.OfType<ReadFailure>().Should().BeEmpty();
        items.Should().HaveCount(4962);
        var articles = items.Cast<ReadArticle>().Select(a => a.Article).ToList();
        articles.Should().OnlyContain(a => a.Format == InputFormat.JsonLines && !string.IsNullOrWhiteSpace(a.Fields.Body)
                                           && !string.IsNullOrWhiteSpace(a.Fields.Title) && a.Fields.Extra.ContainsKey("category"));
        articles.Count(a => a.Fields.Lead is not null).Should().BeGreaterThan(4000);
        foreach (var article in articles)
        {
            // Each field must say what its own raw line says.
            using var json = JsonDocument.Parse(article.Raw);
            var heading = json.RootElement.GetProperty("heading").GetString()!.Trim();
            (article.Fields.Lead ?? "").Should().Be(heading);
            article.Fields.Body.Should().Be(json.RootElement.GetProperty("text").GetString()!.Trim());
            article.Fields.Extra["category"].Should().Be(json.RootElement.GetProperty("category").GetString());
            article.Fields.Id.Should().Be(json.RootElement.GetProperty("id").GetRawText());
        }
        articles[^1].Source.Should().Be($"{path}:line 4962");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "reading 13 MB of JSON Lines is a sub-second job");
    }

    [SharedFact("corpus/html-fr-silver/html")]
    public void Reads_the_gzipped_html_pages_of_the_silver_set()
    {
        var folder = SharedData.Find("corpus/html-fr-silver/html")!;
        var items = ArticleReader.Read([folder]).ToList();

        items.OfType<ReadFailure>().Should().BeEmpty();
        items.Should().HaveCount(Directory.GetFiles(folder, "*.html.gz").Length);
        items.Cast<ReadArticle>().Should().OnlyContain(a => a.Article.Format == InputFormat.Html
                                                            && a.Article.Raw.Contains("<html", StringComparison.OrdinalIgnoreCase));
        items.Select(i => i.Source).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    // ---- helpers ----

    /// <summary>A non-seekable stream producing many small JSON lines on demand, counting what was read.</summary>
    private sealed class GeneratedJsonLinesStream(int lines) : Stream
    {
        private static byte[] Line(int i) => Encoding.UTF8.GetBytes($$"""{"id": {{i}}, "title": "Article {{i}}", "text": "Corps de l'article numéro {{i}}."}""" + "\n");
        private int _next = 1;
        private byte[] _pending = [];
        private int _pendingAt;

        public long TotalBytes { get; } = Enumerable.Range(1, lines).Sum(i => (long)Line(i).Length);
        public long BytesServed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (_pendingAt == _pending.Length)
                {
                    if (_next > lines) break;
                    _pending = Line(_next++);
                    _pendingAt = 0;
                }
                var n = Math.Min(count - written, _pending.Length - _pendingAt);
                Array.Copy(_pending, _pendingAt, buffer, offset + written, n);
                _pendingAt += n;
                written += n;
            }
            BytesServed += written;
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Serves some bytes, then fails as a broken device would.</summary>
    private sealed class FailingStream(byte[] before) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= before.Length) throw new IOException("device went away");
            var n = Math.Min(count, before.Length - _position);
            Array.Copy(before, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A tiny HTTP server on 127.0.0.1 and a free port, answering each request with the given handler.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Thread _loop;
        private readonly string _prefix;

        public LoopbackServer(Func<HttpListenerContext, (int Status, string Type, byte[] Body)> handle)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _prefix = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(_prefix);
            _listener.Start();
            _loop = new Thread(() =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = _listener.GetContext(); }
                    catch (Exception) { return; }
                    // a thread per request, not the pool: a handler that sleeps must not hold back the reader's own timers
                    new Thread(() =>
                    {
                        try
                        {
                            var (status, type, body) = handle(context);
                            context.Response.StatusCode = status;
                            context.Response.ContentType = type;
                            context.Response.ContentLength64 = body.Length;
                            context.Response.OutputStream.Write(body);
                            context.Response.Close();
                        }
                        catch (Exception) { /* the client gave up (timeout test) */ }
                    }) { IsBackground = true }.Start();
                }
            }) { IsBackground = true };
            _loop.Start();
        }

        public string Url(string path) => _prefix + path;

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Join(TimeSpan.FromSeconds(5));
        }
    }
}
