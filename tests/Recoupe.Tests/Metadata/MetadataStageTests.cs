using Recoupe.Core.Metadata;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Metadata;

public class MetadataStageTests
{
    /// <summary>A document as the pipeline would build it: blocks (title first when given), removed lines with reasons, source fields.</summary>
    internal static Document Build(string[] body, string? title = null, (string Text, string Reason)[]? removed = null,
        SourceFields? fields = null)
    {
        var raw = new RawArticle { Source = "test", Format = InputFormat.Text, Raw = string.Join("\n\n", body), Fields = fields ?? new SourceFields() };
        var draft = new ArticleDraft(raw);
        if (title is not null) draft.Blocks.Add(new Block(title, BlockHint.Title));
        foreach (var p in body) draft.Blocks.Add(new Block(p));
        foreach (var (text, reason) in removed ?? []) draft.Removed.Add(new RemovedBlock(text, reason));
        var document = Pipeline.BuildDocument(draft);
        new SegmentStage().Run(document);
        new LanguageStage().Run(document);
        new MetadataStage().Run(document);
        return document;
    }

    private const string FrenchBody = "Le gouvernement a présenté mardi son projet de budget, qui prévoit une baisse des impôts pour les ménages "
        + "les plus modestes et une hausse des dépenses militaires, a annoncé le ministre de l'Economie devant les députés.";

    [Fact]
    public void Title_drops_its_trailing_date_and_the_repeated_title_line_gives_the_publication_time()
    {
        var d = Build([FrenchBody], title: "Budget : le gouvernement baisse les impôts 12 mars 2019, 10:42",
            removed: [("Budget : le gouvernement baisse les impôts 12 mars 2019, 10:42", "repeat")]);
        d.Metadata.Title.Should().Be("Budget : le gouvernement baisse les impôts");
        d.Metadata.Published.Should().Be(new DateTime(2019, 3, 12, 10, 42, 0));
        d.Metadata.PublishedFrom.Should().Be("text");
    }

    [Fact]
    public void Title_falls_back_to_the_source_field()
    {
        var d = Build([FrenchBody], fields: new SourceFields { Title = "Le budget est présenté" });
        d.Metadata.Title.Should().Be("Le budget est présenté");
    }

    [Fact]
    public void Reuters_dateline_gives_place_agency_and_date_with_the_year_of_the_source_date()
    {
        var d = Build(["PARIS, 12 mars (Reuters) - " + FrenchBody], fields: new SourceFields { Date = "2019-03-12" });
        var dateline = d.Dateline!;
        d.Slice(dateline).Should().Be("PARIS, 12 mars (Reuters) -");
        dateline.Place.Should().Be("Paris");
        dateline.Agency.Should().Be("Reuters");
        dateline.Date.Should().Be(new DateOnly(2019, 3, 12));
        d.Metadata.DatelinePlace.Should().Be("Paris");
        d.Metadata.Agency.Should().Be("Reuters");
        d.Metadata.Published.Should().Be(new DateTime(2019, 3, 12));
        d.Metadata.PublishedFrom.Should().Be("source");
    }

    [Fact]
    public void Dateline_without_any_year_keeps_month_and_day_only()
    {
        var d = Build(["(Actualisé avec réactions) NEW YORK, 3 avril (Reuters) - " + FrenchBody]);
        d.Dateline!.Place.Should().Be("New York");
        d.Dateline.Month.Should().Be(4);
        d.Dateline.Day.Should().Be(3);
        d.Dateline.Date.Should().BeNull();
        d.Metadata.Published.Should().BeNull();
    }

    [Fact]
    public void Dateline_takes_the_year_other_dates_of_the_page_agree_on_and_dates_the_article()
    {
        var d = Build(["LONDRES, 3 avril (Reuters) - " + FrenchBody], removed: [("Mis en ligne le 3 avril 2017", "widget")]);
        d.Dateline!.Date.Should().Be(new DateOnly(2017, 4, 3));
        d.Metadata.Published!.Value.Date.Should().Be(new DateTime(2017, 4, 3));
    }

    [Fact]
    public void Afp_dateline_in_title_case_and_english_ap_dateline()
    {
        Build(["Moscou (AFP) - " + FrenchBody]).Dateline!.Agency.Should().Be("AFP");
        var english = Build(["MOSCOW (AP) — The Russian defence ministry said on Friday that its jets had struck more than 400 targets in Syria over the past three days."]);
        english.Dateline!.Place.Should().Be("Moscow");
        english.Metadata.Agency.Should().Be("AP");
        // A sentence that merely starts with a name and a dash is not a dateline.
        Build(["Le ministre - qui était absent - a répondu par écrit aux questions des députés sur le budget de la défense."]).Dateline.Should().BeNull();
    }

    [Fact]
    public void Agency_comes_from_the_credit_line_and_not_from_a_photo_credit()
    {
        var d = Build([FrenchBody], removed: [("Le ministre à l'Assemblée nationale. (Photo : Reuters)", "caption"), ("AFP/J.D.", "credits")]);
        d.Metadata.Agency.Should().Be("AFP");
        Build([FrenchBody], removed: [("Le ministre à l'Assemblée. (Photo : AFP)", "caption")]).Metadata.Agency.Should().BeNull();
        Build([FrenchBody + " (avec AFP)"]).Metadata.Agency.Should().Be("AFP");
        // An agency that a title or a short line is about is not a credit.
        Build([FrenchBody], title: "Décès d'un ancien PDG de l'AFP").Metadata.Agency.Should().BeNull();
        Build(["Un nouveau directeur pour l'AFP", FrenchBody]).Metadata.Agency.Should().BeNull();
        // Prose that names an agency or an acronym that happens to be one.
        Build(["L'interception a été confirmée par l'Administration pénitentiaire (AP) belge, selon la presse locale.", FrenchBody]).Metadata.Agency.Should().BeNull();
        Build(["M. Lai avait confié dans un entretien avec l'AFP qu'il était prêt à aller en prison.", FrenchBody]).Metadata.Agency.Should().BeNull();
    }

    [Fact]
    public void Outlet_comes_from_widgets_and_posts_signed_by_the_outlet_but_the_source_field_wins()
    {
        Build([FrenchBody], removed: [("Commenter via SputnikCommenter via Facebook", "widget")]).Metadata.Outlet.Should().Be("Sputnik France");
        Build([FrenchBody], removed: [("— RT France (@RTenfrancais) 17 Novembre 2015", "embed")]).Metadata.Outlet.Should().Be("RT France");
        // A post signed by someone else does not name the outlet.
        Build([FrenchBody], removed: [("— Jean Dupont (@jdupont) 17 Novembre 2015", "embed")]).Metadata.Outlet.Should().BeNull();
        Build([FrenchBody], removed: [("Commenter via Sputnik", "widget")], fields: new SourceFields { Outlet = "Le Temps" })
            .Metadata.Outlet.Should().Be("Le Temps");
        Build([FrenchBody], fields: new SourceFields { Url = "https://fr.sputniknews.com/international/201511201019.html" })
            .Metadata.Outlet.Should().Be("Sputnik France");
    }

    [Fact]
    public void Authors_come_from_dispatch_credits_bylines_and_source_fields()
    {
        var credits = Build([FrenchBody, "Le ministre s'exprimera de nouveau jeudi. (Jean Martin, Paul Durand et Anne Petit; Marie Leroy pour le service français)"]);
        credits.Metadata.Authors.Should().Equal("Jean Martin", "Paul Durand", "Anne Petit", "Marie Leroy");

        Build([FrenchBody], removed: [("Par Jean-Pierre de La Fontaine", "credits")]).Metadata.Authors.Should().Equal("Jean-Pierre de La Fontaine");
        Build(["By Jane Doe and John Roe", "The minister said on Tuesday that taxes would fall for the poorest households next year."])
            .Metadata.Authors.Should().Equal("Jane Doe", "John Roe");
        Build([FrenchBody], fields: new SourceFields { Authors = ["Claire Dubois"] }).Metadata.Authors.Should().Equal("Claire Dubois");
    }

    [Fact]
    public void Update_notes_and_prose_are_not_taken_for_authors()
    {
        Build(["(Actualisé avec bilan des frappes, citations Dupont et Durand) " + FrenchBody]).Metadata.Authors.Should().BeEmpty();
        Build(["Par ailleurs, le ministre a confirmé la hausse des dépenses.", FrenchBody]).Metadata.Authors.Should().BeEmpty();
        Build([FrenchBody + " (AFP)"]).Metadata.Authors.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2019-03-12T10:42:00Z", 2019, 3, 12, 10, 42)]
    [InlineData("2019-03-12T10:42:00+01:00", 2019, 3, 12, 10, 42)]
    [InlineData("Tue, 12 Mar 2019 10:42:00 +0100", 2019, 3, 12, 10, 42)]
    [InlineData("Tue, 12 Mar 2019 10:42:00 GMT", 2019, 3, 12, 10, 42)]
    [InlineData("12 mars 2019", 2019, 3, 12, 0, 0)]
    public void Source_dates_in_iso_rfc822_and_written_forms(string value, int y, int mo, int d, int h, int mi)
    {
        var document = Build([FrenchBody], fields: new SourceFields { Date = value });
        document.Metadata.Published.Should().Be(new DateTime(y, mo, d, h, mi, 0));
        document.Metadata.PublishedFrom.Should().Be("source");
    }

    [Fact]
    public void Source_date_without_time_takes_the_time_of_a_dated_line_of_the_same_day()
    {
        var d = Build([FrenchBody], removed: [("Publié le 12/03/2019 à 10h42", "widget")], fields: new SourceFields { Date = "2019-03-12" });
        d.Metadata.Published.Should().Be(new DateTime(2019, 3, 12, 10, 42, 0));
    }

    [Fact]
    public void Unknown_wire_names_are_taken_from_datelines_credits_and_agency_words()
    {
        var wire = Build(["LYONVAL, 3 mars (Agence Kestria) - " + FrenchBody], removed: [("Kestria/J.L./C.M.", "credits")]);
        wire.Metadata.Agency.Should().Be("Agence Kestria");
        wire.Metadata.Outlet.Should().Be("Agence Kestria", "a dispatch nothing else claims is the wire's own copy");
        wire.Metadata.Authors.Should().Equal("J.L.", "C.M.");

        var header = Build(["Le budget de la défense augmente encore", "LYONVAL, 3 mars (Agence Kestria) - " + FrenchBody], title: "AGENCE KESTRIA - Service France");
        header.Metadata.Title.Should().Be("Le budget de la défense augmente encore", "the agency's masthead is no headline");

        var rewrite = Build([FrenchBody + " (avec Agence Kestria)"], fields: new SourceFields { Outlet = "Le Courrier du Val" });
        rewrite.Metadata.Agency.Should().Be("Agence Kestria");
        rewrite.Metadata.Outlet.Should().Be("Le Courrier du Val");
        Build(["The minister said on Tuesday that taxes would fall for the poorest households next year.", "Additional reporting by Kestria."])
            .Metadata.Agency.Should().Be("Kestria");
        // A co-writer after "avec" is no agency; initials after an unknown name are no credit.
        Build([FrenchBody + " (avec Jean Dupont)"]).Metadata.Agency.Should().BeNull();
        Build([FrenchBody], removed: [("Photo/J.L.", "caption")]).Metadata.Authors.Should().BeEmpty();
    }

    [Fact]
    public void Editors_are_not_authors_and_meta_lines_are_read_field_by_field()
    {
        var english = Build(["The minister said on Tuesday that taxes would fall for the poorest households next year. "
            + "(Reporting by Jane Doe in Glasgow; Writing by John Roe; Editing by Mary Major)"]);
        english.Metadata.Authors.Should().Equal("Jane Doe", "John Roe");

        var meta = Build([FrenchBody], removed: [("Par Claire Dubois · Publié le 19 mars 2026 à 17h30 · Lecture 6 min", "byline")]);
        meta.Metadata.Authors.Should().Equal("Claire Dubois");
        meta.Metadata.Published.Should().Be(new DateTime(2026, 3, 19, 17, 30, 0));

        var tabloid = Build(["By Gavin Hale | 22:05, 18 Mar 2026 | 241 comments", "The minister said on Tuesday that taxes would fall for the poorest households next year."]);
        tabloid.Metadata.Authors.Should().Equal("Gavin Hale");
        tabloid.Metadata.Published.Should().Be(new DateTime(2026, 3, 18, 22, 5, 0));

        var wire = Build(["March 12, 2026 10:30 PM GMT Updated 12 minutes ago", "The minister said on Tuesday that taxes would fall for the poorest households next year."]);
        wire.Metadata.Published.Should().Be(new DateTime(2026, 3, 12, 22, 30, 0));
    }

    [Fact]
    public void Outlet_names_lose_feed_taglines_and_page_titles_give_the_site_name()
    {
        Build([FrenchBody], fields: new SourceFields { Outlet = "Le Courrier du Val – Toute l'actualité" }).Metadata.Outlet.Should().Be("Le Courrier du Val");
        var page = Build([FrenchBody], title: "Le budget de la défense augmente encore | Le Courrier du Val");
        page.Metadata.Outlet.Should().Be("Le Courrier du Val");
        page.Metadata.Title.Should().Be("Le budget de la défense augmente encore");
    }

    /// <summary>The seeds through the real preparation stages (reading, cleaning) and the annotation stages up to metadata.</summary>
    private static Document Seed(string prefix)
    {
        var file = Directory.GetFiles(SharedData.Find("seeds")!, prefix + "_*.txt").Single();
        return DefaultPipeline.Create().Process(new RawArticle { Source = file, Format = InputFormat.Text, Raw = File.ReadAllText(file) });
    }

    [SharedFact("seeds")]
    public void Seeds_metadata_states_what_their_texts_say()
    {
        var s000 = Seed("000");
        s000.Metadata.Published.Should().Be(new DateTime(2015, 11, 20, 15, 59, 0));
        s000.Metadata.PublishedFrom.Should().Be("text");
        s000.Metadata.Title.Should().NotContain("2015");

        var s001 = Seed("001");
        s001.Metadata.Agency.Should().Be("AFP");
        s001.Metadata.Authors.Should().Equal("M.R.");

        var s002 = Seed("002");
        s002.Dateline.Should().NotBeNull();
        s002.Dateline!.Place.Should().Be("Moscou");
        s002.Dateline.Agency.Should().Be("Reuters");
        (s002.Dateline.Month, s002.Dateline.Day).Should().Be((11, 20));
        s002.Dateline.Date.Should().BeNull("nothing in the text gives the year");
        s002.Metadata.Published.Should().BeNull();
        s002.Metadata.Agency.Should().Be("Reuters");
        s002.Metadata.Outlet.Should().Be("Reuters");
        s002.Metadata.Authors.Should().HaveCount(4);

        var s003 = Seed("003");
        s003.Metadata.Outlet.Should().Be("RT France");
        s003.Metadata.Agency.Should().BeNull();
        s003.Metadata.Published!.Value.Date.Should().Be(new DateTime(2015, 11, 17));

        var s004 = Seed("004");
        s004.Metadata.Outlet.Should().Be("Sputnik France");
        s004.Metadata.Agency.Should().BeNull();
    }

    /// <summary>The sample article as the readers give it (one record of a multi-article file when the gold says so).</summary>
    private static RawArticle ReadSample(GoldArticle article)
    {
        var items = ArticleReader.Read([SamplesGold.FullPath(article)]).OfType<ReadArticle>().Select(r => r.Article).ToList();
        return article.SourceSuffix.Length == 0 ? items.Single() : items.Single(a => a.Source.EndsWith(article.SourceSuffix, StringComparison.Ordinal));
    }

    /// <summary>Field → (gold, found) for one sample through the whole default pipeline.</summary>
    private static Dictionary<string, (string? Gold, string? Found)> Compare(GoldArticle article, Pipeline pipeline)
    {
        var d = pipeline.Process(ReadSample(article));
        var m = d.Metadata;
        var published = m.Published is not { } p ? null : article.Published.Contains('T') ? p.ToString("yyyy-MM-ddTHH:mm") : p.ToString("yyyy-MM-dd");
        return new()
        {
            ["title"] = (article.Title, m.Title),
            ["language"] = (article.Language, m.Language),
            ["outlet"] = (article.Outlet, m.Outlet),
            ["agency"] = (article.Agency, m.Agency),
            ["published"] = (article.Published, published),
            ["authors"] = (string.Join("; ", article.Authors), string.Join("; ", m.Authors)),
            ["dateline"] = (article.Dateline, d.Dateline is { } dl ? d.Slice(dl) : null),
        };
    }

    /// <summary>
    /// Every sample article in plain text or JSON Lines, through the whole default pipeline, against the gold's
    /// title, language, outlet, agency, publication time, authors and dateline.
    /// </summary>
    [Fact]
    public void Samples_metadata_matches_the_gold()
    {
        var pipeline = DefaultPipeline.Create();
        var articles = SamplesGold.Load().Articles.Where(a => a.InputFormat is InputFormat.Text or InputFormat.JsonLines).ToList();
        var errors = articles.SelectMany(a => Compare(a, pipeline).Where(f => f.Value.Gold != f.Value.Found)
            .Select(f => $"{a.Id} {f.Key}: expected '{f.Value.Gold}', got '{f.Value.Found}'")).ToList();
        articles.Should().HaveCountGreaterThanOrEqualTo(14);
        errors.Should().BeEmpty();
    }

    /// <summary>
    /// The HTML pages and feed items: what the text says (title, language, agency, dateline) must match; outlet,
    /// publication time and authors also hang on what the HTML stage keeps (site name, offsets, bylines), so most must match.
    /// </summary>
    [Fact]
    public void Samples_metadata_from_pages_and_feeds_mostly_matches_the_gold()
    {
        var pipeline = DefaultPipeline.Create();
        var articles = SamplesGold.Load().Articles.Where(a => a.InputFormat is not (InputFormat.Text or InputFormat.JsonLines)).ToList();
        var results = articles.Select(a => (a.Id, Fields: Compare(a, pipeline))).ToList();
        foreach (var field in new[] { "title", "language", "agency", "dateline" })
            results.Where(r => r.Fields[field].Gold != r.Fields[field].Found).Select(r => $"{r.Id} {field}: '{r.Fields[field].Gold}' vs '{r.Fields[field].Found}'")
                .Should().BeEmpty();
        foreach (var field in new[] { "outlet", "published", "authors" })
        {
            var misses = results.Where(r => r.Fields[field].Gold != r.Fields[field].Found).Select(r => $"{r.Id}: '{r.Fields[field].Gold}' vs '{r.Fields[field].Found}'").ToList();
            (1.0 - misses.Count / (double)results.Count).Should().BeGreaterThanOrEqualTo(0.7, $"{field} misses: {string.Join("; ", misses)}");
        }
    }
}
