using Recoupe.Core.Stories;

namespace Recoupe.Tests.Stories;

/// <summary>Story clustering on small fictional articles written here: grouping, time, copies, ids, merges, splits, scores.</summary>
public class StoryClusteringTests
{
    private static readonly DateTime March10 = new(2026, 3, 10);

    // Two invented stories and an unrelated article; the wording varies from one article to the next, as in real coverage.
    private static StoryInput Flood1(DateTime? day = null, string id = "flood-1") => new(id, day ?? March10, "fr",
        "Crue de la Loubière : deux morts à Varenne-sur-Loubière",
        "La Loubière est sortie de son lit lundi à Varenne-sur-Loubière, après deux jours de pluies diluviennes. " +
        "Deux habitants sont morts et la préfète Hélène Corvisart a ordonné l'évacuation de trois cents personnes. " +
        "Les pompiers de la Haute-Loubière ont secouru des familles bloquées sur les toits du quartier des Tanneurs.");

    private static StoryInput Flood2(DateTime? day = null, string id = "flood-2") => new(id, (day ?? March10).AddDays(1), "fr",
        "Inondations : la décrue de la Loubière se fait attendre",
        "À Varenne-sur-Loubière, la décrue n'a pas commencé mardi, selon la préfète Hélène Corvisart. " +
        "Les pompiers poursuivent les évacuations dans le quartier des Tanneurs, toujours sous les eaux. " +
        "Le bilan reste de deux morts ; un centre d'accueil a ouvert au gymnase pour les sinistrés de la Loubière.");

    private static StoryInput Flood3(DateTime? day = null, string id = "flood-3") => new(id, (day ?? March10).AddDays(3), "fr",
        "Loubière : les sinistrés de Varenne découvrent l'ampleur des dégâts",
        "Trois jours après la crue de la Loubière, les habitants de Varenne-sur-Loubière nettoient leurs maisons. " +
        "La préfète Hélène Corvisart a promis une aide d'urgence aux sinistrés du quartier des Tanneurs. " +
        "Les assureurs estiment les dégâts à plusieurs millions d'euros après les inondations.");

    private static StoryInput Strike1(DateTime? day = null, string id = "strike-1") => new(id, (day ?? March10).AddDays(2), "fr",
        "Grève chez Ferralpe : les conducteurs de trains régionaux cessent le travail",
        "Les conducteurs de la compagnie ferroviaire Ferralpe sont en grève depuis mercredi à l'appel du syndicat SNAR. " +
        "Ils réclament une hausse de salaire et dénoncent la suppression de quarante postes. " +
        "La direction de Ferralpe annonce un train régional sur trois dans la vallée de l'Orvanne.");

    private static StoryInput Strike2(DateTime? day = null, string id = "strike-2") => new(id, (day ?? March10).AddDays(3), "fr",
        "Ferralpe : la grève des conducteurs se durcit",
        "Deuxième jour de grève chez Ferralpe : le syndicat SNAR appelle les conducteurs à reconduire le mouvement. " +
        "Les usagers de la vallée de l'Orvanne attendent des trains régionaux supprimés. " +
        "La direction de Ferralpe refuse de revenir sur la suppression des postes et propose une prime.");

    private static StoryInput Festival(DateTime? day = null) => new("festival", (day ?? March10).AddDays(2), "fr",
        "Le festival du fromage de Montrevel attire les gourmets",
        "Plus de quarante producteurs de fromage exposent ce week-end sur la place du marché de Montrevel. " +
        "Les visiteurs dégustent comtés, tommes et chèvres affinés dans les caves de la région. " +
        "Le concours du meilleur affineur sera jugé dimanche par un jury de chefs.");

    private static StoryClusterer Cluster(params StoryInput[] inputs)
    {
        var clusterer = new StoryClusterer();
        foreach (var input in inputs) clusterer.Add(input);
        return clusterer;
    }

    // Two different events of one week whose only common ground is the minister everybody writes about.
    private static StoryInput MinisterVisit() => new("minister-visit", March10, "fr",
        "La ministre Quervel en visite chez les éleveurs du Causse",
        "La ministre Quervel a rencontré lundi les éleveurs de brebis du Causse, inquiets de la sécheresse. " +
        "Quervel a promis des aides au fourrage. Pour Quervel, les bergeries doivent être modernisées. " +
        "Les éleveurs ont remis à la ministre Quervel une pétition sur le prix du lait.");

    private static StoryInput MinisterBudget() => new("minister-budget", March10.AddDays(2), "fr",
        "Quervel présente un budget de rigueur pour les universités",
        "La ministre Quervel a présenté mercredi un budget en baisse pour les universités et la recherche. " +
        "Selon Quervel, les laboratoires devront mutualiser leurs équipements. Les présidents d'université " +
        "dénoncent les choix de Quervel, qui maintient pourtant les bourses étudiantes.");

    [Fact]
    public void One_shared_name_is_not_enough_to_make_one_story()
    {
        StoryClusterer Run(StoryClusteringOptions options)
        {
            var clusterer = new StoryClusterer(options);
            foreach (var input in new[] { Flood1(), Strike1(), Festival(), MinisterVisit(), Flood2(), MinisterBudget() }) clusterer.Add(input);
            return clusterer;
        }

        var clusterer = Run(StoryClusteringOptions.Default);
        clusterer.StoryOf("minister-budget").Should().NotBe(clusterer.StoryOf("minister-visit"));
        clusterer.StoryOf("flood-2").Should().Be(clusterer.StoryOf("flood-1"));

        // The name alone carries the similarity past the join threshold: without the evidence rule they would merge.
        var unguarded = Run(StoryClusteringOptions.Default with { EvidenceBeyondTopConcept = 0 });
        unguarded.StoryOf("minister-budget").Should().Be(unguarded.StoryOf("minister-visit"));
    }

    [Fact]
    public void Articles_about_the_same_event_share_a_story_and_others_do_not()
    {
        var clusterer = Cluster(Flood1(), Flood2(), Strike1(), Festival(), Flood3(), Strike2());

        clusterer.StoryOf("flood-2").Should().Be(clusterer.StoryOf("flood-1"));
        clusterer.StoryOf("flood-3").Should().Be(clusterer.StoryOf("flood-1"));
        clusterer.StoryOf("strike-2").Should().Be(clusterer.StoryOf("strike-1"));
        clusterer.StoryOf("strike-1").Should().NotBe(clusterer.StoryOf("flood-1"));
        new[] { clusterer.StoryOf("flood-1"), clusterer.StoryOf("strike-1") }.Should().NotContain(clusterer.StoryOf("festival"));
        clusterer.StoryCount.Should().Be(3);

        var flood = clusterer.Story(clusterer.StoryOf("flood-1")!)!;
        flood.Articles.Should().Equal("flood-1", "flood-2", "flood-3");
        flood.FirstDate.Should().Be(new DateOnly(2026, 3, 10));
        flood.LastDate.Should().Be(new DateOnly(2026, 3, 13));
        flood.KeyEntities.Should().Contain(e => e.Contains("Loubière") || e.Contains("Corvisart") || e.Contains("Varenne"));
        flood.Label.Should().NotBeEmpty();
        flood.Headline.Should().BeOneOf(Flood1().Title, Flood2().Title, Flood3().Title);
    }

    [Fact]
    public void The_same_kind_of_event_months_apart_is_another_story()
    {
        var later = March10.AddDays(120);
        var clusterer = Cluster(Flood1(), Flood2(), Flood1(later, "flood-1-later"), Flood2(later, "flood-2-later"));
        clusterer.StoryOf("flood-1-later").Should().NotBe(clusterer.StoryOf("flood-1"));
        clusterer.StoryOf("flood-2-later").Should().Be(clusterer.StoryOf("flood-1-later"));
    }

    [Fact]
    public void A_story_quiet_for_twice_the_window_closes_and_keeps_its_label()
    {
        var clusterer = Cluster(Flood1(), Flood2());
        var flood = clusterer.StoryOf("flood-1")!;
        var before = clusterer.Story(flood)!;
        before.Closed.Should().BeFalse();

        // The stream moves on by more than twice the window (30 days): the flood story closes.
        clusterer.Add(Festival(March10.AddDays(75)));
        var after = clusterer.Story(flood)!;
        after.Closed.Should().BeTrue();
        after.Articles.Should().Equal(before.Articles);
        after.Headline.Should().BeOneOf(Flood1().Title, Flood2().Title);
        after.KeyEntities.Should().NotBeEmpty();
        clusterer.OpenStoryCount.Should().Be(1);

        // A late article dated within the flood's days finds no open story to join and starts its own;
        // the closed story's label no longer moves with the statistics.
        clusterer.Add(Flood3());
        clusterer.StoryOf("flood-3").Should().NotBe(flood);
        clusterer.Story(flood)!.Label.Should().Be(after.Label);
        clusterer.Story(flood)!.Headline.Should().Be(after.Headline);
    }

    [Fact]
    public void Same_input_in_same_order_gives_the_same_stories_and_ids()
    {
        StoryInput[] inputs = [Flood1(), Strike1(), Flood2(), Festival(), Strike2(), Flood3()];
        var first = Cluster(inputs);
        var second = Cluster(inputs);
        foreach (var input in inputs) second.StoryOf(input.Id).Should().Be(first.StoryOf(input.Id));
        second.Stories().Select(s => s.Id).Should().Equal(first.Stories().Select(s => s.Id));
        first.Stories().Should().OnlyContain(s => s.Id.Length == 13 && s.Id[0] == 's');
    }

    [Fact]
    public void A_story_id_comes_from_its_founding_article_not_from_its_position_in_the_stream()
    {
        var alone = Cluster(Strike1(), Strike2());
        var behindOthers = Cluster(Flood1(), Festival(), Flood2(), Strike1(), Strike2());
        behindOthers.StoryOf("strike-1").Should().Be(alone.StoryOf("strike-1"));
    }

    [Fact]
    public void Adding_an_article_twice_is_refused_with_its_id()
    {
        var clusterer = Cluster(Flood1());
        var act = () => clusterer.Add(Flood1());
        act.Should().Throw<ArgumentException>().WithMessage("*flood-1*");
    }

    [Fact]
    public void A_rewrite_is_a_copy_with_its_original_and_what_it_changed()
    {
        // A dispatch of six sentences; the rewrite replaces one and keeps the other five.
        var original = Flood1() with { Text = Flood1().Text + " " + Flood2().Text };
        const string dropped = "Les pompiers de la Haute-Loubière ont secouru des familles bloquées sur les toits du quartier des Tanneurs.";
        const string added = "Un numéro vert a été ouvert pour les familles des disparus.";
        var rewrite = original with
        {
            Id = "flood-1-rewrite",
            Date = original.Date!.Value.AddHours(3),
            Title = "Deux morts dans la crue de la Loubière",
            Text = original.Text.Replace(dropped, added),
        };
        var clusterer = Cluster(original, rewrite, Strike1());

        var assignment = clusterer.StoryOf("flood-1-rewrite");
        assignment.Should().Be(clusterer.StoryOf("flood-1"));
        var group = clusterer.CopyGroupOf("flood-1-rewrite")!;
        group.OriginalId.Should().Be("flood-1");
        group.Copies.Should().Equal("flood-1-rewrite");
        var changes = CopyDiff.Compare(original.Text, rewrite.Text);
        changes.Added.Select(r => rewrite.Text[r.Start..r.End]).Should().Equal(added);
        changes.Dropped.Select(r => original.Text[r.Start..r.End]).Should().Equal(dropped);
        changes.Kept.Should().Be(5);
        clusterer.CopyGroupOf("strike-1").Should().BeNull();
        clusterer.CopyGroups(clusterer.StoryOf("flood-1")).Should().ContainSingle();
    }

    [Fact]
    public void A_short_version_of_a_dispatch_is_recognised_as_its_copy()
    {
        // A long dispatch (three articles' worth of text) and, hours later, a short version that keeps only its first
        // paragraph under a new headline: most of the long one's wording is missing, all of the short one's is there.
        var dispatch = Flood1() with { Text = Flood1().Text + "\n\n" + Flood2().Text + "\n\n" + Flood3().Text };
        var brief = Flood1() with
        {
            Id = "flood-brief",
            Date = March10.AddHours(5),
            Title = "Inondations meurtrières dans la vallée de la Loubière",
        };
        var clusterer = Cluster(dispatch, Strike1(), Festival(), brief);

        clusterer.StoryOf("flood-brief").Should().Be(clusterer.StoryOf("flood-1"));
        var group = clusterer.CopyGroupOf("flood-brief");
        group.Should().NotBeNull("every sentence of the brief is in the dispatch");
        group!.OriginalId.Should().Be("flood-1");
    }

    [Fact]
    public void An_earlier_copy_arriving_late_becomes_the_original()
    {
        var late = Flood1() with { Id = "flood-1-wire", Date = March10.AddDays(-1) };
        var clusterer = Cluster(Flood1(), late);
        clusterer.CopyGroupOf("flood-1")!.OriginalId.Should().Be("flood-1-wire");
    }

    [Fact]
    public void Stories_bridged_by_a_new_article_merge_and_the_absorbed_id_keeps_resolving()
    {
        // Two halves of one event reported apart, then an article that tells both.
        var rescue = new StoryInput("rescue", March10, "fr", "Varenne : les pompiers de la Loubière sauvent douze habitants",
            "Les pompiers de la Haute-Loubière ont hélitreuillé douze habitants de Varenne-sur-Loubière bloqués par la crue. " +
            "Le capitaine Bastien Forgeaud salue le courage des sauveteurs, qui ont travaillé toute la nuit sous la pluie.");
        var dam = new StoryInput("dam", March10, "fr", "Le barrage de Sarrancolin surveillé après les pluies",
            "Les ingénieurs de la société Hydrelia surveillent le barrage de Sarrancolin, dont la retenue a atteint un niveau record. " +
            "Des lâchers d'eau sont prévus vers la vallée, a indiqué Hydrelia, qui exclut toute rupture de l'ouvrage.");
        var both = new StoryInput("both", March10.AddDays(1), "fr", "Crue : les lâchers du barrage de Sarrancolin aggravent la situation à Varenne",
            "Les lâchers d'eau du barrage de Sarrancolin, décidés par Hydrelia, ont fait monter la Loubière à Varenne-sur-Loubière. " +
            "Les pompiers de la Haute-Loubière ont dû hélitreuiller de nouveaux habitants bloqués par la crue, selon le capitaine Bastien Forgeaud. " +
            "Hydrelia assure que la retenue record du barrage ne laissait pas d'autre choix que ces lâchers vers la vallée.");
        var clusterer = Cluster(rescue, dam);
        var rescueStory = clusterer.StoryOf("rescue")!;
        var damStory = clusterer.StoryOf("dam")!;
        rescueStory.Should().NotBe(damStory);

        clusterer.Add(both);

        clusterer.StoryOf("rescue").Should().Be(clusterer.StoryOf("dam"));
        clusterer.StoryOf("both").Should().Be(clusterer.StoryOf("rescue"));
        var merge = clusterer.Events.Should().ContainSingle().Subject;
        merge.Kind.Should().Be(StoryEventKind.Merge);
        merge.TriggeredBy.Should().Be("both");
        // The older story survives; the other id resolves to it.
        merge.Into.Should().Be(rescueStory);
        merge.From.Should().Equal(damStory);
        merge.Moved.Should().Equal("dam");
        clusterer.Resolve(damStory).Should().Be(rescueStory);
        clusterer.Story(damStory)!.Id.Should().Be(rescueStory);
        clusterer.Redirects().Should().Contain(damStory, rescueStory);
        clusterer.Stories().Select(s => s.Id).Should().NotContain(damStory);
    }

    [Fact]
    public void A_story_whose_articles_do_not_hold_together_splits_and_keeps_its_id_for_the_main_part()
    {
        var clusterer = Cluster(Flood1(), Flood2());
        var flood = clusterer.StoryOf("flood-1")!;
        // An editor files the festival under the flood; the next flood article re-checks the story.
        clusterer.AddToStory(Festival(), flood);
        clusterer.StoryOf("festival").Should().Be(flood);

        clusterer.Add(Flood3());

        clusterer.StoryOf("flood-3").Should().Be(flood);
        clusterer.StoryOf("flood-1").Should().Be(flood);
        clusterer.StoryOf("festival").Should().NotBe(flood);
        var split = clusterer.Events.Should().ContainSingle().Subject;
        split.Kind.Should().Be(StoryEventKind.Split);
        split.From.Should().Equal(flood);
        split.Into.Should().Be(clusterer.StoryOf("festival"));
        split.Moved.Should().Equal("festival");
        clusterer.Resolve(flood).Should().Be(flood);
    }

    [Fact]
    public void Candidates_explain_the_decision()
    {
        var clusterer = Cluster(Flood1(), Strike1());
        clusterer.Add(Flood2());
        var best = clusterer.LastCandidates.Should().NotBeEmpty().And.Subject.First();
        best.StoryId.Should().Be(clusterer.StoryOf("flood-1"));
        best.Score.Should().BeGreaterThanOrEqualTo(clusterer.Options.JoinThreshold);
        best.Score.Should().BeLessThanOrEqualTo(best.Cosine);
        clusterer.LastCandidates.Skip(1).All(c => c.Score <= best.Score).Should().BeTrue();
    }
}
