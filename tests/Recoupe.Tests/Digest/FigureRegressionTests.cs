using Xunit.Abstractions;
using Recoupe.Cli.Evaluation;
using Recoupe.Core.Digest;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Languages;
using Recoupe.Core.Languages.Wording;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Digest;

/// <summary>
/// The false conflicts and misread figures of issue 16, on the articles where they were seen (../shared: seeds,
/// fr-news; samples), and the figure-pair gold's conflict scores.
/// </summary>
public sealed class FigureRegressionTests(ITestOutputHelper output)
{
    private static readonly FigurePairSets Sets = new(SharedData.RepoRoot, SharedData.Root);

    /// <summary>The Beirut explosion story of fr-news (articles of 5-9 August 2020), as the figure-pair gold takes it.</summary>
    private static readonly string[] Beirut = ["fr-news:34872", "fr-news:36061", "fr-news:36065", "fr-news:36068", "fr-news:36071", "fr-news:36073", "fr-news:36513"];

    private static StoryDigest Digest(IEnumerable<string> docs) =>
        DigestBuilder.Build(Sets.Articles(docs)!.Select(a => a.Article).ToList());

    private static List<(FigureItem A, FigureItem B)> Conflicts(StoryDigest d) =>
        d.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Conflicts.Select(x => (c.Items[x.First], c.Items[x.Second]))).ToList();

    private static bool Between(List<(FigureItem A, FigureItem B)> conflicts, decimal x, decimal y) =>
        conflicts.Any(c => c.A.Value == x && c.B.Value == y || c.A.Value == y && c.B.Value == x);

    [SharedTheory("corpus/fr-news/articles.jsonl")]
    [InlineData(100_000, 300_000)] // Paris's aid vs the region's
    [InlineData(6, 25)] // three shipments of material
    [InlineData(6, 15)]
    [InlineData(15, 25)]
    [InlineData(9, 55)] // a medical team of nine vs a detachment of 55
    [InlineData(110, 137)] // "plus de 110" dead on 5 August, 137 on 6 August
    public void The_Beirut_story_does_not_set_different_things_or_days_against_each_other(int first, int second)
    {
        var digest = Digest(Beirut);
        var conflicts = Conflicts(digest);
        foreach (var (a, b) in conflicts) output.WriteLine($"conflict: {a.Shown} ({a.Outlet}) vs {b.Shown} ({b.Outlet})");
        var values = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items).Select(i => i.Value).ToHashSet();
        values.Should().Contain([first, second], "both figures are listed");
        Between(conflicts, first, second).Should().BeFalse();
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void Two_other_planes_are_another_set_and_a_title_or_lead_figure_conflicts_as_the_body_figure_it_repeats()
    {
        var digest = Digest(Beirut);
        var claims = digest.Figures.SelectMany(q => q.Claims).ToList();
        // 36073 (id 6): "Deux autres avions doivent décoller de Roissy": planes beyond the three it named before
        var others = claims.Single(c => c.Items.Any(i => i.ArticleId == 6 && i.Value == 2 && i.Sentence.Text.Contains("autres avions")));
        others.Items.Should().OnlyContain(i => i.ArticleId == 6);
        // 36513 (id 7): the title's and the lead's "deux avions" are the body's two planes, against 36073's "trois"
        var three = claims.Single(c => c.Items.Any(i => i.ArticleId == 6 && i.Value == 3 && i.Sentence.Text.Contains("avions militaires")));
        var article = Sets.Articles(Beirut)!.Single(a => a.Doc == "fr-news:36513").Article;
        foreach (var role in new[] { "la France envoie deux avions de soutien", "la France va envoter deux avions militaires" })
        {
            var at = article.Text.IndexOf(role, StringComparison.Ordinal);
            at.Should().BeGreaterThanOrEqualTo(0, role);
            var item = three.Items.ToList().FindIndex(i => i.ArticleId == 7 && i.Repeated.Any(r => r.Start > at && r.End <= at + role.Length));
            item.Should().BeGreaterThanOrEqualTo(0, role);
            three.Conflicts.Should().Contain(x => x.First == item || x.Second == item, role);
        }
    }

    [SharedFact("corpus/html-readability-dev/pages/seattletimes-1/expected.txt")]
    public void The_first_bound_of_an_English_range_written_with_or_counts_what_the_second_counts()
    {
        // "to sell the fish with four or five buyers": "or" is a role of en/figure-words.txt, as "ou" is of fr's
        var doc = EnglishPage("seattletimes-1");
        var at = doc.Text.IndexOf("four or five buyers", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        doc.Figures.Should().Contain(f => f.Start == at && f.Value == 4 && f.Counts == "buyers");
    }

    [SharedFact("corpus/html-readability-dev/pages/quanta-1/expected.txt")]
    public void A_range_whose_bound_is_followed_by_a_clock_word_is_a_time_of_day_not_a_count()
    {
        // "out at a party at three or four a.m.": "a.m." is a clock-suffix of en/figure-words.txt, so neither bound counts it
        var doc = EnglishPage("quanta-1");
        var at = doc.Text.IndexOf("three or four a.m.", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        foreach (var f in doc.Figures.Where(f => f.Start >= at && f.Start < at + 18)) output.WriteLine($"{f.Value} {f.Unit} {f.Counts}");
        doc.Figures.Should().NotContain(f => f.Start >= at && f.Start < at + 18);
    }

    [Fact]
    public void The_second_bound_of_a_range_opened_by_a_clock_word_is_a_time_of_day_too()
    {
        // constructed: neither fr-news nor html-readability-dev has a clock word before "N ou N heures"; "à" is a clock
        // role of fr/figure-words.txt, so "à 8" is a time of day and "9 heures" after it is one too, not nine hours
        const string text = "Les premiers secours sont arrivés sur place à 8 ou 9 heures, selon les pompiers de la ville.";
        var doc = Recoupe.Core.Extraction.Extractor.Run(Recoupe.Core.Extraction.Extractor.FromText(text, "clock-range", "fr"));
        foreach (var f in doc.Figures) output.WriteLine($"{f.Value} {f.Unit} {f.Counts}");
        doc.Figures.Should().NotContain(f => f.Unit == "h");
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_number_glued_to_an_abbreviation_identifies_and_counts_nothing()
    {
        // "l'Unité de sécurité civile n.1 de Nogent-le-Rotrou"
        var article = Sets.Articles(["fr-news:36513"])![0].Article;
        article.Figures.Should().NotContain(f => f.Value == 1 && f.Counts == "militaires");
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void Millimetres_of_rain_are_filed_under_their_own_unit()
    {
        // "jusqu'à 180 mm sur les zones de relief"
        var digest = Digest(["fr-news:28746"]);
        var quantity = digest.Figures.Single(q => q.Claims.Any(c => c.Items.Any(i => i.Value == 180 && i.Unit == "mm")));
        quantity.Unit.Should().Be("mm");
        (quantity.Counts ?? "").Should().NotContain("mètre");
    }

    [SharedFact("seeds")]
    public void Command_centres_and_training_centres_are_two_claims()
    {
        var digest = Digest(SeedDocs());
        var claims = digest.Figures.SelectMany(q => q.Claims).ToList();
        var command = claims.Single(c => c.Items.Any(i => i.Value == 562));
        command.Items.Should().NotContain(i => i.Value == 64);
        command.Items.Single(i => i.Value == 562).Referent.Should().Contain("commandement");
    }

    [SharedFact("seeds")]
    public void The_seeds_durations_are_written_by_French_rules_and_not_filed_under_years()
    {
        var digest = Digest(SeedDocs());
        var items = digest.Figures.SelectMany(q => q.Claims.SelectMany(c => c.Items.Select(i => (Quantity: q, Item: i)))).ToList();
        items.Select(x => DigestText.Value(x.Item)).Should().Contain("plus d'un an").And.Contain("des dizaines")
            .And.NotContain(v => v.Contains("de un") || v.Contains("vague"));
        var days = items.Where(x => x.Item.Unit == "d").ToList();
        days.Should().OnlyContain(x => x.Quantity.Counts != "an");
        Conflicts(digest).Should().BeEmpty("the seeds hold no true conflict");
    }

    [Fact]
    public void Less_than_an_hour_and_two_hours_of_one_flood_night_are_not_a_conflict()
    {
        string[] crue = ["samples:crue-meridien-0310", "samples:crue-echo-0310", "samples:crue-meridien-0311", "samples:crue-rtn-0311",
            "samples:crue-mediapulse-0312", "samples:crue-northwire-0312", "samples:crue-grandangle-0314"];
        var digest = Digest(crue);
        var hours = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items).Where(i => i.Unit == "h").ToList();
        hours.Select(DigestText.Value).Should().Contain("moins d'une heure");
        Between(Conflicts(digest), 1, 2).Should().BeFalse();
    }

    /// <summary>The Orbelis data-theft story of the samples, as the figure-pair gold takes it.</summary>
    private static IEnumerable<string> Orbelis() =>
        Sets.ReadGold().Where(p => p.Story == "samples:fuite-orbelis").SelectMany(p => new[] { p.A.Doc, p.B.Doc }).Distinct();

    [Fact]
    public void Every_version_of_a_disputed_size_conflicts_with_the_other_sides_even_in_a_sentence_of_few_words()
    {
        // "Selon l'entreprise, 1,4 million de salariés sont concernés" shares no word with the hackers' sentences
        var articles = Sets.Articles(Orbelis())!;
        var digest = DigestBuilder.Build(articles.Select(a => a.Article).ToList());
        var conflicts = Conflicts(digest);
        foreach (var (a, b) in conflicts) output.WriteLine($"conflict: {a.Shown} ({a.Outlet}) vs {b.Shown} ({b.Outlet})");
        var rtn = articles.Single(a => a.Doc == "samples:fuite-rtn-0317").Article.Id;
        var companyCounts = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items)
            .Where(i => i.ArticleId == rtn && i.Value == 1_400_000).Select(i => i.Evidence.Start).ToList();
        companyCounts.Should().HaveCountGreaterThanOrEqualTo(2);
        var set = conflicts.SelectMany(c => new[] { (c.A, c.B), (c.B, c.A) })
            .Where(c => c.Item1.ArticleId == rtn && c.Item1.Value == 1_400_000 && c.Item2.Value == 2_100_000).Select(c => c.Item1.Evidence.Start).ToHashSet();
        set.Should().BeEquivalentTo(companyCounts, "each of its sentences giving the company's count is set against the hackers'");
    }

    [Fact]
    public void A_headline_figure_its_body_repeats_stands_in_the_conflicts_of_that_figure()
    {
        var digest = Digest(Orbelis());
        var conflicts = Conflicts(digest);
        var headlines = Sets.Articles(Orbelis())!.Select(a => a.Article)
            .SelectMany(a => a.Paragraphs.Where(p => p.Role == Recoupe.Core.Model.ParagraphRole.Title).Select(p => (a.Id, p.Start, p.End))).ToList();
        bool InHeadline(FigureItem i) => i.Repeated.Any(r => headlines.Any(h => h.Id == i.ArticleId && r.Start >= h.Start && r.End <= h.End));
        var headlineConflicts = conflicts.Where(c => InHeadline(c.A) || InHeadline(c.B)).ToList();
        foreach (var (a, b) in headlineConflicts) output.WriteLine($"conflict: {a.Shown} ({a.Outlet}) vs {b.Shown} ({b.Outlet})");
        headlineConflicts.Should().NotBeEmpty();
        headlineConflicts.Should().Contain(c => c.A.ArticleId != c.B.ArticleId);
        // listed once, with the body figure it repeats, never as an item of its own (so never against its own body:
        // a dispute inside the article is shown by the body's figures)
        digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items).Where(InHeadlineItself).Should().BeEmpty();
        bool InHeadlineItself(FigureItem i) => headlines.Any(h => h.Id == i.ArticleId && i.Evidence.Start >= h.Start && i.Evidence.End <= h.End);
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_participle_with_its_own_complement_is_not_part_of_what_is_counted()
    {
        // "deux avions militaires chargés de matériel sanitaire": what is counted is the military planes
        var article = Sets.Articles(["fr-news:36513"])![0].Article;
        var planes = article.Figures.Where(f => f.Value == 2 && (f.Counts ?? "").StartsWith("avions", StringComparison.Ordinal)).ToList();
        planes.Should().NotBeEmpty();
        planes.Should().OnlyContain(f => !f.Counts!.Contains("chargés"));
    }

    [SharedTheory("corpus/fr-news/articles.jsonl")]
    [InlineData("fr-news:15")]
    [InlineData("fr-news:2589")]
    public void A_fraction_word_before_an_adjective_names_a_part_of_a_whole_not_a_figure(string doc)
    {
        // "la moitié occidentale": a fraction is a figure only as a share of a quantity ("la moitié des habitants")
        var article = Sets.Articles([doc])![0].Article;
        foreach (var f in article.Figures) output.WriteLine($"{article.Text[f.Start..f.End]} = {f.Value} {f.Counts}");
        article.Figures.Should().NotContain(f => f.Value == 0.5m && f.Counts != null && f.Counts.StartsWith("occident", StringComparison.Ordinal));
        article.Figures.Should().NotContain(f => f.Value == 0.5m && f.Unit == null && f.Counts == null);
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_noun_that_names_a_time_never_puts_a_figure_forward()
    {
        // "Au lendemain de l'annonce faite par …, la France va envoyer deux avions militaires"
        var article = Sets.Articles(["fr-news:36513"])![0].Article;
        var timeNouns = FigureResourcesOf("fr").WithRole("time-noun").ToHashSet();
        timeNouns.Should().Contain("lendemain");
        article.Figures.Should().NotBeEmpty();
        article.Figures.Should().NotContain(f => f.ClaimedBy != null && timeNouns.Contains(f.ClaimedBy.ToLowerInvariant()));
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_verb_that_speaks_only_before_a_clause_does_not_make_its_subject_a_claimer_when_it_takes_an_object()
    {
        // "les amoureux des oiseaux … reconnaissaient sans peine le chant …, grâce aux trois notes finales": recognising, not saying
        var resources = FigureResourcesOf("fr");
        resources.ClauseSpeechLemmas.Should().Contain("reconnaître");
        var article = Sets.Articles(["fr-news:15"])![0].Article;
        foreach (var f in article.Figures) output.WriteLine($"{article.Text[f.Start..f.End]} = {f.Value} {f.Counts} by {f.ClaimedBy}");
        article.Figures.Should().Contain(f => f.Value == 3);
        article.Figures.Should().NotContain(f => f.ClaimedBy != null && f.ClaimedBy.StartsWith("amoureux", StringComparison.Ordinal));
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_song_that_ends_on_two_notes_puts_no_figure_forward()
    {
        // "leur chant se concluait par des séries de deux notes": "conclure" speaks only before a clause
        FigureResourcesOf("fr").ClauseSpeechLemmas.Should().Contain("conclure");
        var article = Sets.Articles(["fr-news:15"])![0].Article;
        var at = article.Text.IndexOf("se concluait par des séries de deux notes", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        article.Figures.Should().Contain(f => f.Value == 2 && f.Start > at && f.Start < at + 45);
        article.Figures.Should().NotContain(f => f.ClaimedBy != null && f.ClaimedBy.StartsWith("chant", StringComparison.Ordinal));
    }

    [Fact]
    public void A_firm_noun_does_not_stand_for_a_company_the_article_names_only_after_it()
    {
        // rtn's Orbelis article: "Selon l'entreprise, 1,4 million de salariés…" comes before the only firm the entity
        // stage names, "chercheur chez Sentinelle Labs", which is not the company the article is about
        var article = Sets.Articles(["samples:fuite-rtn-0317"])![0].Article;
        foreach (var f in article.Figures) output.WriteLine($"{article.Text[f.Start..f.End]} = {f.Value} {f.Counts} by {f.ClaimedBy}");
        article.Figures.Should().Contain(f => f.Value == 1_400_000);
        article.Figures.Should().NotContain(f => f.ClaimedBy != null && f.ClaimedBy.Contains("Sentinelle", StringComparison.Ordinal));
    }

    [SharedFact("corpus/fr-news/articles.jsonl")]
    public void A_range_closed_by_an_hour_glued_to_a_bound_of_at_most_24_is_a_span_of_the_clock()
    {
        // Bison Futé: "d'éviter de partir des grandes villes entre 9 et 16h" counts no hours
        var (id, _) = FrNewsArticles.With("grandes villes entre 9 et 16h", 1).Single();
        var article = Sets.Articles(["fr-news:" + id])![0].Article;
        var at = article.Text.IndexOf("entre 9 et 16h", StringComparison.Ordinal);
        at.Should().BeGreaterThan(0);
        foreach (var f in article.Figures) output.WriteLine($"{article.Text[f.Start..f.End]} = {f.Value} {f.Unit} {f.Counts}");
        article.Figures.Should().NotContain(f => f.Start >= at && f.Start < at + 14);
    }

    [SharedFact("seeds")]
    public void The_partial_dates_of_an_undated_article_are_read_against_the_story_dates()
    {
        var digest = Digest(SeedDocs());
        foreach (var e in digest.Timeline) output.WriteLine($"{e.Precision} {e.Date}: {e.Text[..Math.Min(60, e.Text.Length)]}");
        // the AFP seed has no date: "le 30 septembre" takes the year of the story (17-20 November 2015), the day is exact
        digest.Timeline.Should().Contain(e => e.Precision == "day" && e.Date == new DateOnly(2015, 9, 30) && e.Text.Contains("le 30 septembre"));
        // the Sputnik seed has none either: its "aujourd'hui" is about the story's last day
        digest.Timeline.Should().Contain(e => e.Precision == "about-day" && e.Date == new DateOnly(2015, 11, 20) && e.Text.Contains("aujourd’hui nous allons"));
    }

    [SharedFact("seeds")]
    public void A_weekday_of_an_undated_article_is_dated_about_the_last_such_day_of_the_story()
    {
        var digest = Digest(SeedDocs());
        foreach (var e in digest.Timeline) output.WriteLine($"{e.Precision} {e.Date}: {e.Text[..Math.Min(60, e.Text.Length)]}");
        // the AFP and Reuters seeds carry no date; the dated seeds run from 17 to 20 November 2015
        digest.Timeline.Should().Contain(e => e.Precision == "about-day" && e.Date == new DateOnly(2015, 11, 15) && e.Text.Contains("a répété dimanche"));
        digest.Timeline.Should().Contain(e => e.Precision == "about-day" && e.Date == new DateOnly(2015, 11, 20) && e.Text.Contains("fait état vendredi"));
        digest.Timeline.Where(e => e.Precision == "about-day").Should().OnlyContain(e => e.Date <= new DateOnly(2015, 11, 20));
    }

    [SharedFact("seeds")]
    public void An_event_dated_about_a_day_and_the_same_event_dated_exactly_that_day_are_one_event_with_the_exact_date()
    {
        // The seeds show no such pair (their exact 20 November sentence is Putin's quotation, which the undated Reuters
        // seed reports without a weekday), so the undated Reuters seed is set beside a copy of itself that has a date:
        // real text, a constructed publication date (Saturday 21 November 2015). Its "a fait état vendredi" is then
        // exactly 20 November in the copy and about 20 November in the undated seed.
        var articles = ReutersSeedAndDatedCopy();
        articles[1].Metadata.Published.Should().NotBeNull();
        articles[0].Metadata.Published.Should().BeNull();
        var digest = DigestBuilder.Build(articles);
        foreach (var e in digest.Timeline) output.WriteLine($"{e.Precision} {e.Date} [{string.Join(", ", e.Outlets)}]: {e.Text[..Math.Min(60, e.Text.Length)]}");
        var friday = digest.Timeline.Where(e => e.Date == new DateOnly(2015, 11, 20) && e.Text.Contains("fait état vendredi")).ToList();
        friday.Should().ContainSingle();
        friday[0].Precision.Should().Be("day");
        friday[0].Sources.Should().HaveCount(2);
        friday[0].DateEvidence.ArticleId.Should().Be(articles[1].Id);
    }

    [SharedFact("seeds")]
    public void A_loose_match_across_articles_does_not_chain_two_sentences_of_one_article_into_one_event()
    {
        // the undated Reuters seed beside its dated copy (see above): each sentence naming 20 November meets its twin,
        // and loosely some other sentence of the copy; each stays its own event, as in the copy read alone
        var articles = ReutersSeedAndDatedCopy();
        var friday = new DateOnly(2015, 11, 20);
        var alone = DigestBuilder.Build([articles[1]]).Timeline.Count(e => e.Date == friday);
        var both = DigestBuilder.Build(articles).Timeline.Where(e => e.Date == friday).ToList();
        foreach (var e in both) output.WriteLine($"{e.Precision} [{string.Join(", ", e.Outlets)}]: {e.Text[..Math.Min(80, e.Text.Length)]}");
        alone.Should().BeGreaterThan(1);
        both.Should().HaveCount(alone);
        both.Should().OnlyContain(e => e.Sources.Count == 2);
    }

    /// <summary>
    /// The undated Reuters seed and a copy of it given a constructed date (Saturday 21 November 2015, outlet
    /// "Reuters dated"): real text, an invented date, for the timeline's about-day and exact events.
    /// </summary>
    private static List<Recoupe.Core.Model.StoredArticle> ReutersSeedAndDatedCopy()
    {
        var file = Directory.GetFiles(SharedData.Find("seeds")!, "002_*.txt").Single();
        var raw = Recoupe.Ingest.ArticleReader.Read([file]).OfType<Recoupe.Ingest.ReadArticle>().Single().Article;
        var dated = raw with { Source = file + "#dated", Fields = raw.Fields with { Date = "2015-11-21", Outlet = "Reuters dated" } };
        var pipeline = Recoupe.Core.Pipeline.DefaultPipeline.Create();
        return new[] { raw, dated }.Select((r, i) => Recoupe.Core.Model.StoredArticle.Of(pipeline.Process(r), i + 1, $"h{i + 1}")).ToList();
    }

    [Fact]
    public void A_holder_named_by_a_noun_keeps_its_de_complements()
    {
        // the samples' flood story: the river's height is given "selon le service de prévision des crues"
        var article = Sets.Articles(["samples:crue-meridien-0310"])![0].Article;
        var height = article.Figures.Single(f => f.Unit == "m" && f.Value == 6.4m);
        height.ClaimedBy.Should().Be("service de prévision des crues");
    }

    private static Recoupe.Core.Extraction.FigureResources FigureResourcesOf(string code) => Recoupe.Core.Extraction.FigureResources.For(code);

    [Theory]
    [InlineData("fr", "moins de", "une", "heure", "moins d'une heure")]
    [InlineData("fr", "plus de", "un", "an", "plus d'un an")]
    [InlineData("fr", "plus de", "huit", "jours", "plus de huit jours")]
    [InlineData("fr", "environ", "une dizaine", null, "une dizaine")]
    [InlineData("fr", "vague", "dizaines", null, "des dizaines")]
    [InlineData("en", "more than", "one", "hour", "more than one hour")]
    public void A_figure_is_written_back_by_its_languages_rules(string language, string? qualifier, string written, string? unit, string expected) =>
        FigureWording.For(language).Write(qualifier, written, unit).Should().Be(expected);

    [SharedFact("corpus/stories-dev/articles.jsonl")]
    public void The_figure_pair_gold_finds_conflicts_with_the_target_precision_on_both_splits()
    {
        var pairs = Sets.ReadGold();
        pairs.Should().HaveCountGreaterThanOrEqualTo(150);
        var scores = FigurePairEvaluation.Score(pairs, story =>
            Sets.Articles(pairs.Where(p => p.Story == story).SelectMany(p => new[] { p.A.Doc, p.B.Doc })));
        foreach (var (split, s) in scores)
            output.WriteLine($"{split}: P {s.Precision:0.000} R {s.Recall:0.000} ({s.Correct}/{s.Predicted}, {s.Correct}/{s.GoldConflicts}; {s.Pairs} pairs, {s.Unplaced} unplaced)");
        foreach (var e in scores["dev"].Errors) output.WriteLine(e);
        scores["all"].Unplaced.Should().Be(0);
        // errors are listed for the dev split only, so that reading them never tunes on the frozen split
        scores["dev"].Errors.Where(e => !e.Contains(" dev ", StringComparison.Ordinal)).Should().BeEmpty();
        scores["frozen"].Errors.Should().BeEmpty();
        scores["all"].Errors.Should().BeEmpty();
        // the targets: precision >= 0.95 on both splits, recall >= 0.8 (dev 12/12, all 13/15; the frozen split's 3
        // conflicts are only measured)
        scores["dev"].Precision.Should().BeGreaterThanOrEqualTo(0.95);
        scores["frozen"].Precision.Should().BeGreaterThanOrEqualTo(0.95);
        scores["dev"].Recall.Should().BeGreaterThanOrEqualTo(1.0);
        scores["all"].Recall.Should().BeGreaterThanOrEqualTo(0.8);
    }

    private static IEnumerable<string> SeedDocs() =>
        Directory.GetFiles(SharedData.Find("seeds")!, "*.txt").Select(f => "seeds:" + Path.GetFileName(f)).Order(StringComparer.Ordinal);

    /// <summary>A page of html-readability-dev, its expected main text run through extraction as English.</summary>
    private static Recoupe.Core.Model.Document EnglishPage(string name)
    {
        var text = File.ReadAllText(SharedData.Find($"corpus/html-readability-dev/pages/{name}/expected.txt")!);
        return Recoupe.Core.Extraction.Extractor.Run(Recoupe.Core.Extraction.Extractor.FromText(text, name, "en"));
    }
}
