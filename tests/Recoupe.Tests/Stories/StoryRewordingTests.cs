using Recoupe.Core.Stories;

namespace Recoupe.Tests.Stories;

/// <summary>
/// Two outlets report one event each in its own words: few shared words, but their headlines name the same place
/// within days (issue 20, "same event, different words"). Fictional articles written here.
/// </summary>
public class StoryRewordingTests
{
    private static readonly DateTime May4 = new(2026, 5, 4);

    // The first outlet tells the collapse from the rescue side.
    private static StoryInput Collapse(DateTime day) => new("collapse", day, "fr",
        "Castelbrune : le pont de la Drève s'effondre, trois blessés",
        "Le pont de la Drève a cédé dimanche soir à Castelbrune, emportant deux voitures dans la rivière. " +
        "Trois conducteurs ont été hospitalisés, dont un dans un état grave, selon les pompiers du département. " +
        "Les secours ont travaillé toute la nuit sous une pluie battante pour sortir les véhicules de l'eau. " +
        "La circulation est coupée et une déviation passe par la route des Crêtes.");

    // The second outlet tells it from the town hall and the inspections: another vocabulary for the same happening.
    private static StoryInput Inquiry(DateTime day) => new("inquiry", day, "fr",
        "À Castelbrune, le maire réclame une enquête après l'effondrement",
        "Au lendemain de l'effondrement de l'ouvrage, le maire Gilles Auterive demande des comptes au conseil départemental. " +
        "Selon lui, des fissures avaient été signalées sur l'ouvrage au-dessus de la rivière dès l'automne dernier sans qu'aucun chantier ne suive. " +
        "Le parquet a ouvert une enquête pour blessures involontaires ; des experts examineront les piles de l'édifice. " +
        "Les habitants, privés de leur principal accès au centre, s'inquiètent pour les commerces.");

    private static StoryClusterer Run(StoryInput first, StoryInput second, StoryClusteringOptions? options = null)
    {
        var clusterer = new StoryClusterer(options);
        clusterer.Add(first);
        clusterer.Add(second);
        return clusterer;
    }

    [Fact]
    public void Two_reports_worded_apart_whose_headlines_name_the_same_place_the_next_day_are_one_story()
    {
        var clusterer = Run(Collapse(May4), Inquiry(May4.AddDays(1)));
        var best = clusterer.LastCandidates.Should().ContainSingle().Subject;
        // Below the ordinary bar: words alone would keep them apart.
        best.Score.Should().BeLessThan(clusterer.Options.JoinThreshold);
        clusterer.StoryOf("inquiry").Should().Be(clusterer.StoryOf("collapse"));

        var withoutHeadlineNames = Run(Collapse(May4), Inquiry(May4.AddDays(1)), StoryClusteringOptions.Default with { HeadlineNameDays = -1 });
        withoutHeadlineNames.StoryOf("inquiry").Should().NotBe(withoutHeadlineNames.StoryOf("collapse"));
    }

    [Fact]
    public void The_lower_bar_of_a_shared_headline_name_holds_only_within_days()
    {
        var clusterer = Run(Collapse(May4), Inquiry(May4.AddDays(4)));
        clusterer.StoryOf("inquiry").Should().NotBe(clusterer.StoryOf("collapse"));
    }
    // A reaction the day after: its body names its own people most, its headline names the event's place and what happened.
    private static StoryInput Reaction(DateTime day) => new("reaction", day, "fr",
        "Effondrement du pont de Castelbrune : Hélène Marsac et Paul Verdier s'opposent",
        "La présidente du conseil départemental, Hélène Marsac, a répondu mardi aux critiques. Hélène Marsac assure que " +
        "les inspections ont été menées selon les règles et que le rapport de l'automne ne signalait aucun danger. " +
        "Son opposant Paul Verdier réclame sa démission : Paul Verdier estime que Hélène Marsac a ignoré les alertes. " +
        "Hélène Marsac annonce un audit de tous les ponts du département, que Paul Verdier juge tardif. " +
        "Le pont, qui a cédé dimanche soir en emportant deux voitures dans la rivière, restera fermé ; " +
        "les trois conducteurs blessés sont toujours hospitalisés et la déviation est maintenue.");

    [Fact]
    public void A_reaction_whose_headline_names_the_place_and_what_happened_there_joins_the_report_though_its_body_names_other_people()
    {
        var clusterer = Run(Collapse(May4), Reaction(May4.AddDays(1)));
        clusterer.StoryOf("reaction").Should().Be(clusterer.StoryOf("collapse"));

        var nameAlone = Run(Collapse(May4), Reaction(May4.AddDays(1)),
            StoryClusteringOptions.Default with { HeadlineNameAndWordShare = 0.5, HeadlineNameAndWordIsSubject = false });
        nameAlone.StoryOf("reaction").Should().NotBe(nameAlone.StoryOf("collapse"));
    }
}
