using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Text;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary>Main-text extraction on pages written for these tests (Html/Pages), on bad inputs, and on the silver corpus.</summary>
public sealed class HtmlExtractionTests
{
    private static readonly string PagesDir = Path.Combine(AppContext.BaseDirectory, "Html", "Pages");

    private static string PageHtml(string name) => HtmlCharset.Decode(File.ReadAllBytes(Path.Combine(PagesDir, name + ".html")));

    private static string Expected(string name) =>
        File.ReadAllText(Path.Combine(PagesDir, name + ".expected.txt")).ReplaceLineEndings("\n").Trim();

    public static TheoryData<string> PageNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(PagesDir, "*.html").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Fact]
    public void There_are_at_least_twelve_layout_pages_each_with_its_expected_text()
    {
        var names = Directory.GetFiles(PagesDir, "*.html").Select(Path.GetFileNameWithoutExtension).ToList();
        names.Should().HaveCountGreaterThanOrEqualTo(12);
        foreach (var name in names) File.Exists(Path.Combine(PagesDir, name + ".expected.txt")).Should().BeTrue(name);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Each_layout_page_gives_exactly_its_article_text(string name)
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml(name));
        extraction.Text.Should().Be(Expected(name));
    }

    [Fact]
    public void Extraction_on_many_threads_gives_the_same_results_as_on_one()
    {
        var pages = Directory.GetFiles(PagesDir, "*.html").Order(StringComparer.Ordinal)
            .Select(f => HtmlCharset.Decode(File.ReadAllBytes(f))).ToList();
        var sequential = pages.Select(p => HtmlArticleExtractor.Extract(p).Text).ToList();
        var parallel = new string[pages.Count * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[i] = HtmlArticleExtractor.Extract(pages[i % pages.Count]).Text);
        for (var i = 0; i < parallel.Length; i++) parallel[i].Should().Be(sequential[i % pages.Count]);
    }

    [Fact]
    public void Metadata_comes_from_meta_tags_and_the_title_from_the_h1_they_confirm()
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml("article-with-comments"));
        extraction.Title.Should().Be("Le marché couvert de Valdrôme rouvre après deux ans de travaux");
        extraction.Published.Should().Be(new DateTime(2024, 3, 9, 7, 15, 0, DateTimeKind.Utc));
        extraction.Published!.Value.Kind.Should().Be(DateTimeKind.Utc);
        extraction.Authors.Should().Equal("Claire Mounier");
        extraction.Outlet.Should().Be("La Gazette du Plateau");
        extraction.Language.Should().Be("fr");
        extraction.Url.Should().Be("https://gazette-plateau.example/valdrome/marche-couvert-rouvre");
        extraction.Dropped.Should().Contain(d => d.Reason == "byline" && d.Text.StartsWith("Par Claire Mounier"));
    }

    [Fact]
    public void Json_ld_gives_authors_publisher_and_date_of_a_live_blog()
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml("live-blog"));
        extraction.Authors.Should().Equal("Tom Reid", "Priya Nair");
        extraction.Outlet.Should().Be("Northern Courier");
        extraction.Published.Should().Be(new DateTime(2024, 1, 18, 6, 0, 0, DateTimeKind.Utc));
        extraction.Language.Should().Be("en");
    }

    [Fact]
    public void Without_declared_authors_the_name_comes_from_the_byline_above_the_body()
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml("wordpress-blog"));
        extraction.Authors.Should().Equal("Lulu");
        HtmlArticleExtractor.Extract(PageHtml("paywall-and-inline-read-also")).Authors.Should().Equal("Paul Martin");
        extraction.Title.Should().Be("Nos conseils pour réussir ses semis de tomates");
        extraction.Published.Should().Be(new DateTime(2024, 2, 20, 7, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_page_whose_body_is_only_in_json_ld_uses_it_and_says_so()
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml("jsonld-body"));
        extraction.BodySource.Should().Be("json-ld");
        extraction.Authors.Should().Equal("Hugo Ferrand");
        extraction.Outlet.Should().Be("Montclar Infos");
    }

    [Fact]
    public void A_truncated_json_ld_body_does_not_replace_the_page_text()
    {
        var paragraphs = Enumerable.Range(1, 6)
            .Select(i => $"<p>Paragraphe numéro {i} du texte complet, avec assez de mots pour être une vraie phrase de l'article publié.</p>")
            .ToList();
        var truncated = "Paragraphe numéro 1 du texte complet, avec assez de mots pour être une vraie phrase de l'article publié. Paragraphe numéro 2 du texte complet, avec assez de mots pour être une vraie phrase…";
        var html = $$"""
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"{{truncated}}"}</script></head>
            <body><nav><a href="/">Accueil</a></nav><div class="texte">{{string.Concat(paragraphs)}}</div></body></html>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.Blocks.Should().HaveCount(6);
        extraction.Text.Should().Contain("Paragraphe numéro 6");
        extraction.BodySource.Should().Be("dom+json-ld");
    }

    [Fact]
    public void A_stale_json_ld_body_about_something_else_is_ignored()
    {
        var stale = string.Join(" ", Enumerable.Repeat("An older version of this page talked about a different subject entirely, with other words.", 12));
        var html = $$"""
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"{{stale}}"}</script></head>
            <body><article><p>The harbour master confirmed on Monday that the pier will reopen to walkers in June after repairs to its deck.</p>
            <p>Anglers will have to wait until August, when the lower platform has been strengthened against winter storms.</p></article></body></html>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.BodySource.Should().Be("dom");
        extraction.Text.Should().StartWith("The harbour master confirmed").And.NotContain("older version");
    }

    [Fact]
    public void An_old_table_layout_page_gets_its_title_from_the_page_title_part_the_body_repeats()
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml("table-layout"));
        extraction.Title.Should().Be("La fanfare fête ses cent ans");
    }

    [Theory]
    [InlineData("charset-declared-utf8-bytes-1252")]
    [InlineData("charset-latin1-declared")]
    public void Windows_1252_pages_come_out_right_whatever_they_declare(string name)
    {
        var extraction = HtmlArticleExtractor.Extract(PageHtml(name));
        extraction.Title.Should().Be("Festival de la Côte d'Opale : la programmation dévoilée");
        extraction.Text.Should().Contain("39 €").And.Contain("« la hausse du coût de l'énergie");
    }

    [Fact]
    public void Hidden_elements_are_skipped_unless_they_hold_the_headline()
    {
        const string body = "<h1>Tide tables change after harbour works</h1>" +
            "<p>The harbour authority has published new tide tables after dredging works deepened the main channel by half a metre.</p>" +
            "<div style=\"display: none\"><p>This hidden paragraph is a leftover from an old template and is never shown to readers.</p></div>" +
            "<p>Skippers are advised to download the updated tables before leaving port this weekend.</p>";
        var dialog = "<div role=\"dialog\"><p>We value your privacy and use cookies to improve your experience on our site, as our policy says.</p></div>";

        var plain = HtmlArticleExtractor.Extract($"<html><body>{dialog}<div>{body}</div></body></html>");
        var behindDialog = HtmlArticleExtractor.Extract($"<html><body>{dialog}<div id=\"page\" aria-hidden=\"true\">{body}</div></body></html>");

        foreach (var extraction in new[] { plain, behindDialog })
        {
            extraction.Blocks.Should().HaveCount(2);
            extraction.Text.Should().StartWith("The harbour authority").And.NotContain("hidden paragraph").And.NotContain("privacy");
        }
    }

    // Bad inputs.

    [Fact]
    public void A_page_that_is_all_script_is_rejected_with_a_clear_message()
    {
        var html = "<html><head><script>var a = 1;</script></head><body><script>" + new string('x', 50_000) +
                   "</script><noscript>Activez JavaScript pour lire cet article et profiter de toutes les fonctions du site.</noscript></body></html>";
        var act = () => HtmlArticleExtractor.Extract(html);
        act.Should().Throw<ArticleRejectedException>().WithMessage("*shows no text*");
    }

    [Fact]
    public void A_page_with_no_article_is_rejected_with_a_clear_message()
    {
        var links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<li><a href=\"/r/{i}\">Rubrique {i}</a></li>"));
        var html = $"<html><body><header><a href=\"/\">Le Site</a></header><ul class=\"menu\">{links}</ul><footer>Mentions légales</footer></body></html>";
        var act = () => HtmlArticleExtractor.Extract(html);
        act.Should().Throw<ArticleRejectedException>().WithMessage("no article found*");
    }

    [Fact]
    public void An_empty_page_is_rejected()
    {
        var act = () => HtmlArticleExtractor.Extract("");
        act.Should().Throw<ArticleRejectedException>();
    }

    [Fact]
    public void Malformed_markup_still_gives_the_text()
    {
        var html = """
            <html><body><div class=article><p>Le conseil municipal a voté mardi la gratuité des transports pour les moins de dix-huit ans, une première dans le département.
            <p>La mesure coûtera <b>1,2 million <i>d'euros</b> par an</i> et entrera en vigueur à la rentrée, a précisé l'adjointe aux mobilités.
            <div><p>Les lycéens devront simplement présenter leur carte scolaire aux contrôleurs.</span></div></td></table>
            """;
        var extraction = HtmlArticleExtractor.Extract(html);
        extraction.Blocks.Should().HaveCount(3);
        extraction.Text.Should().Contain("1,2 million d'euros par an et entrera");
    }

    [Fact]
    public void A_page_cut_in_the_middle_of_a_tag_gives_the_text_before_the_cut()
    {
        var html = PageHtml("article-with-comments");
        var cut = html.IndexOf("<h2>Des producteurs", StringComparison.Ordinal) + 3;
        var extraction = HtmlArticleExtractor.Extract(html[..cut]);
        extraction.Text.Should().StartWith("Fermée depuis l'hiver 2022").And.Contain("la lumière du jour.");
    }

    [Fact]
    public void A_page_cut_inside_a_comment_or_a_script_does_not_hang_or_throw_anything_but_a_rejection()
    {
        foreach (var html in new[] { "<html><body><p>Début<!-- commentaire sans fin", "<html><body><script>var x = '<p>';" })
        {
            var act = () => HtmlArticleExtractor.Extract(html);
            act.Should().Throw<ArticleRejectedException>();
        }
    }

    [Theory]
    [InlineData("div")]
    [InlineData("b")]
    [InlineData("ul")]
    [InlineData("span")]
    [InlineData("table")]
    public void A_hundred_thousand_nested_elements_neither_crash_nor_hang(string tag)
    {
        const int depth = 100_000;
        var article = "<p>Au fond de cette page absurde se trouve pourtant une phrase complète, qui mérite d'être lue jusqu'au bout.</p>";
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++) html.Append('<').Append(tag).Append('>');
        html.Append(article);
        for (var i = 0; i < depth; i++) html.Append("</").Append(tag).Append('>');
        html.Append("</body></html>");

        var watch = Stopwatch.StartNew();
        HtmlExtraction? extraction = null;
        // A small stack proves the walk is iterative and the parser never sees the full depth.
        var thread = new Thread(() => extraction = HtmlArticleExtractor.Extract(html.ToString()), 512 * 1024);
        thread.Start();
        thread.Join();
        watch.Stop();

        extraction!.Text.Should().Be("Au fond de cette page absurde se trouve pourtant une phrase complète, qui mérite d'être lue jusqu'au bout.");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("math")]
    public void A_hundred_thousand_unclosed_foreign_elements_are_rejected_quickly(string tag)
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat($"<{tag}><g>", 100_000)) + "<p>Texte perdu dans le dessin.</p>";
        var watch = Stopwatch.StartNew();
        var act = () => HtmlArticleExtractor.Extract(html);
        act.Should().Throw<ArticleRejectedException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_ten_megabyte_page_is_extracted_without_hanging()
    {
        var html = new StringBuilder("<html><body><nav>");
        var linkRow = "<li><a href=\"/rubrique/une-page-parmi-d-autres\">Une rubrique parmi beaucoup d'autres</a></li>";
        while (html.Length < 5_000_000) html.Append(linkRow);
        html.Append("</nav><article>");
        var paragraph = "<p>Ce paragraphe répète une phrase longue et ponctuée, afin que la page dépasse dix mégaoctets sans cesser d'être un article, ce qui arrive avec les directs interminables.</p>";
        while (html.Length < 10_500_000) html.Append(paragraph);
        html.Append("</article></body></html>");

        var watch = Stopwatch.StartNew();
        var extraction = HtmlArticleExtractor.Extract(html.ToString());
        watch.Stop();

        extraction.Blocks.Count.Should().BeGreaterThan(25_000);
        extraction.Text.Should().NotContain("rubrique");
        // A guard against a hang or a quadratic blow-up, not a speed target: speed is measured by bench/run html.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(3));
    }

    // Charset.

    [Fact]
    public void A_byte_order_mark_wins_over_any_declaration()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("<meta charset=\"windows-1252\"><p>Été</p>")).ToArray();
        HtmlCharset.Decode(bytes).Should().EndWith("<p>Été</p>");
    }

    [Fact]
    public void The_transport_charset_wins_over_the_meta()
    {
        var bytes = HtmlCharset.Windows1252.GetBytes("<meta charset=\"utf-8\"><p>Noël à Besançon</p>");
        HtmlCharset.Decode(bytes, "iso-8859-1", out var used).Should().Contain("Noël à Besançon");
        used.Should().Contain("transport");
    }

    [Fact]
    public void An_http_equiv_content_type_is_honoured()
    {
        var latin9 = HtmlCharset.Resolve("iso-8859-15")!;
        var bytes = latin9.GetBytes("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=iso-8859-15\"></head><p>Un œuf</p>");
        bytes.Should().Contain(0xBD); // 'œ' is 0xBD in ISO-8859-15; Windows-1252 would read '½'
        HtmlCharset.Decode(bytes).Should().Contain("Un œuf");
    }

    [Fact]
    public void Undeclared_bytes_are_utf8_when_valid_and_windows_1252_otherwise()
    {
        HtmlCharset.Decode(Encoding.UTF8.GetBytes("<p>Déjà vu</p>")).Should().Be("<p>Déjà vu</p>");
        HtmlCharset.Decode(HtmlCharset.Windows1252.GetBytes("<p>Déjà vu – 5 €</p>")).Should().Be("<p>Déjà vu – 5 €</p>");
    }

    [Fact]
    public void Utf8_bytes_under_a_latin1_label_are_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta charset=\"iso-8859-1\"><p>Crème brûlée</p>");
        HtmlCharset.Decode(bytes).Should().Contain("Crème brûlée");
    }

    // Pipeline stage.

    [Fact]
    public void The_stage_puts_the_title_first_then_the_body_and_fills_the_found_metadata()
    {
        var raw = new RawArticle { Source = "pages/marche.html", Format = InputFormat.Html, Raw = PageHtml("article-with-comments") };
        var draft = new ArticleDraft(raw);
        new HtmlExtractStage().Run(draft);

        draft.Blocks[0].Hint.Should().Be(BlockHint.Title);
        draft.Blocks[0].Text.Should().Be("Le marché couvert de Valdrôme rouvre après deux ans de travaux");
        string.Join("\n\n", draft.Blocks.Skip(1).Select(b => b.Text)).Should().Be(Expected("article-with-comments"));
        draft.Blocks.Should().Contain(b => b.Hint == BlockHint.Heading && b.Text == "Des producteurs plus nombreux");
        draft.Blocks.Skip(1).Should().OnlyContain(b => b.LinkDensity != null);
        draft.Found.Title.Should().Be(draft.Blocks[0].Text);
        draft.Found.PublishedFrom.Should().Be("html");
        draft.Found.Published.Should().NotBeNull();
        draft.Found.Authors.Should().Equal("Claire Mounier");
        draft.Found.Outlet.Should().Be("La Gazette du Plateau");
        draft.Found.Language.Should().Be("fr");
        draft.Found.LanguageConfidence.Should().Be(0);
        draft.Removed.Should().Contain(r => r.Reason == "byline");
    }

    [Fact]
    public void The_stage_extracts_a_feed_body_given_as_markup_and_keeps_the_source_title_and_lead()
    {
        var raw = new RawArticle
        {
            Source = "feed.xml#item 3",
            Format = InputFormat.Rss,
            Raw = "<item>…</item>",
            Fields = new SourceFields
            {
                Title = "Les ponts de la Loire fermés aux camions",
                Lead = "La préfecture a pris un arrêté jeudi.",
                BodyIsHtml = true,
                Body = "<p>Les poids lourds de plus de 19 tonnes ne peuvent plus franchir les trois ponts de la ville depuis vendredi matin.</p>" +
                       "<p><a href=\"https://exemple.fr/autre\">Lire aussi : les travaux du périphérique</a></p>" +
                       "<p>Une déviation par l'autoroute est indiquée à partir des deux entrées de l'agglomération.</p>",
            },
        };
        var draft = new ArticleDraft(raw);
        new HtmlExtractStage().Run(draft);

        draft.Blocks.Select(b => b.Hint).Should().Equal(BlockHint.Title, BlockHint.Lead, BlockHint.Paragraph, BlockHint.Paragraph);
        draft.Blocks[2].Text.Should().StartWith("Les poids lourds");
        draft.Blocks[3].Text.Should().StartWith("Une déviation");
    }

    [Fact]
    public void A_short_fragment_with_a_link_line_keeps_its_sentence()
    {
        var body = "<p>Le conseil municipal a voté mardi soir un budget en hausse de trois pour cent pour la voirie.</p>" +
                   "<p><a href=\"/x\">Lire aussi : la carte des travaux</a></p>";
        HtmlArticleExtractor.ExtractFragment(body).Text.Should().Be(
            "Le conseil municipal a voté mardi soir un budget en hausse de trois pour cent pour la voirie.");
    }

    [Fact]
    public void The_stage_leaves_plain_text_input_alone()
    {
        var draft = new ArticleDraft(new RawArticle { Source = "a.txt", Format = InputFormat.Text, Raw = "<p>pas du HTML à extraire</p>" });
        new HtmlExtractStage().Run(draft);
        draft.Blocks.Should().BeEmpty();
    }

    [Fact]
    public void The_stage_names_the_input_when_it_rejects_a_page()
    {
        var draft = new ArticleDraft(new RawArticle { Source = "vide.html", Format = InputFormat.Html, Raw = "<html><body><script>x()</script></body></html>" });
        var act = () => new HtmlExtractStage().Run(draft);
        act.Should().Throw<ArticleRejectedException>().WithMessage("vide.html: *");
    }

    // Evaluation.

    [Fact]
    public void Token_overlap_counts_repeated_words_and_ignores_case_and_punctuation()
    {
        var score = TokenOverlap.Score("Le chat, le chat ! Un chien.", "le chat dort");
        score.Precision.Should().BeApproximately(2.0 / 6, 1e-9); // "le" and "chat" once each in the gold
        score.Recall.Should().BeApproximately(2.0 / 3, 1e-9);
        score.F1.Should().BeApproximately(2 * (2.0 / 6) * (2.0 / 3) / (2.0 / 6 + 2.0 / 3), 1e-9);
        TokenOverlap.Score("", "quelque chose").F1.Should().Be(0);
    }

    [SharedFact("corpus/html-fr-silver")]
    public void On_the_silver_corpus_token_f1_is_at_least_0_99()
    {
        var dir = SharedData.Find("corpus/html-fr-silver")!;
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ground-truth.json")));
        var pages = new List<GoldPage>();
        foreach (var entry in gold.RootElement.EnumerateObject())
        {
            var path = Path.Combine(dir, "html", entry.Name + ".html.gz");
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gz.CopyTo(memory);
            pages.Add(new GoldPage(entry.Name, HtmlCharset.Decode(memory.ToArray()), entry.Value.GetProperty("articleBody").GetString()!));
        }

        var summary = EvaluationSummary.Of(HtmlExtractionEvaluator.Evaluate(pages));
        summary.Pages.Should().Be(100);
        summary.Failed.Should().Be(0);
        summary.F1.Should().BeGreaterThanOrEqualTo(0.99);
    }
}
