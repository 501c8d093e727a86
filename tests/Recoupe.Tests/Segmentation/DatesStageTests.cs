using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Segmentation;

public class DatesStageTests
{
    private static Document Dates(string text, DateTime? published)
    {
        var draft = new ArticleDraft(new RawArticle { Source = "test", Format = InputFormat.Text, Raw = text });
        foreach (var p in text.Split("\n\n")) draft.Blocks.Add(new Block(p));
        var document = Pipeline.BuildDocument(draft);
        document.Metadata.Published = published;
        new SegmentStage().Run(document);
        new DatesStage().Run(document);
        return document;
    }

    private static (string Text, DateOnly? Value, TimeOnly? Time, string Precision)[] Mentions(Document d) =>
        d.Dates.Select(m => (d.Slice(m), m.Value, m.Time, m.Precision)).ToArray();

    private static readonly DateTime Friday20Nov2015 = new(2015, 11, 20, 15, 59, 0);

    [Fact]
    public void French_dates_resolve_against_publication()
    {
        var d = Dates("La Russie a lancé sa campagne le 30 septembre. L'avion s'est écrasé le 31 octobre et le président s'est exprimé mardi. "
            + "Il ira à Moscou le 26 novembre, puis en fin d'octobre prochain on fera le bilan. Publié le 20 nov. 2015, 15:59.", Friday20Nov2015);
        Mentions(d).Should().Equal(
            ("le 30 septembre", new DateOnly(2015, 9, 30), null, "day"),
            ("le 31 octobre", new DateOnly(2015, 10, 31), null, "day"),
            ("mardi", new DateOnly(2015, 11, 17), null, "day"),
            ("le 26 novembre", new DateOnly(2015, 11, 26), null, "day"),
            ("octobre", new DateOnly(2015, 10, 1), null, "month"),
            ("le 20 nov. 2015, 15:59", new DateOnly(2015, 11, 20), new TimeOnly(15, 59), "day"));
    }

    [Fact]
    public void Weekday_is_the_latest_such_day_on_or_before_publication()
    {
        Dates("Il l'a dit vendredi.", Friday20Nov2015).Dates.Single().Value.Should().Be(new DateOnly(2015, 11, 20));
        Dates("Il l'a dit samedi.", Friday20Nov2015).Dates.Single().Value.Should().Be(new DateOnly(2015, 11, 14));
        Dates("He said on Monday.", Friday20Nov2015).Dates.Single().Value.Should().Be(new DateOnly(2015, 11, 16));
    }

    [Fact]
    public void Day_and_month_take_the_year_nearest_publication()
    {
        var january = new DateTime(2016, 1, 4);
        Dates("Le drame a eu lieu le 28 décembre.", january).Dates.Single().Value.Should().Be(new DateOnly(2015, 12, 28));
        Dates("Le sommet aura lieu le 15 janvier.", january).Dates.Single().Value.Should().Be(new DateOnly(2016, 1, 15));
    }

    [Fact]
    public void English_iso_and_numeric_dates()
    {
        var d = Dates("The deal was signed on March 3, 2020 at 10:30 and took effect on 2020-04-01. Payment is due 15/05/2020, "
            + "and talks resumed in October. Nov. 20 was quiet.", new DateTime(2020, 6, 1));
        Mentions(d).Should().Equal(
            ("March 3, 2020 at 10:30", new DateOnly(2020, 3, 3), new TimeOnly(10, 30), "day"),
            ("2020-04-01", new DateOnly(2020, 4, 1), null, "day"),
            ("15/05/2020", new DateOnly(2020, 5, 15), null, "day"),
            ("October", new DateOnly(2019, 10, 1), null, "month"),
            ("Nov. 20", new DateOnly(2019, 11, 20), null, "day"));
    }

    [Fact]
    public void Years_times_and_relative_days()
    {
        var d = Dates("Depuis 2011, le conflit a fait des morts. La réunion a commencé à 15h30 hier, après une pause à 10 h.", Friday20Nov2015);
        Mentions(d).Should().Equal(
            ("2011", new DateOnly(2011, 1, 1), null, "year"),
            ("15h30", null, new TimeOnly(15, 30), "time"),
            ("hier", new DateOnly(2015, 11, 19), null, "day"),
            ("10 h", null, new TimeOnly(10, 0), "time"));
    }

    [Fact]
    public void Months_that_are_common_words_elsewhere_or_abbreviated_are_read()
    {
        var d = Dates("La fête du 1er mai, puis le 20 sept. 2015 et le 3 May.", Friday20Nov2015);
        Mentions(d).Select(m => (m.Text, m.Value)).Should().Equal(
            ("1er mai", new DateOnly(2015, 5, 1)),
            ("le 20 sept. 2015", new DateOnly(2015, 9, 20)),
            ("le 3 May", new DateOnly(2015, 5, 3)));
    }

    [Fact]
    public void Counts_and_common_words_are_not_dates()
    {
        var d = Dates("Au total, 4 111 cibles ont été frappées en 24 heures par 69 avions. They may leave. Il a sept enfants. "
            + "Les 2 289 sorties ont duré 3 h.", Friday20Nov2015);
        d.Dates.Should().BeEmpty();
    }

    [Fact]
    public void Without_publication_date_partial_dates_keep_no_value()
    {
        var d = Dates("Le 30 septembre, puis vendredi 20 novembre 2015.", null);
        Mentions(d).Should().Equal(
            ("Le 30 septembre", null, null, "day"),
            ("vendredi 20 novembre 2015", new DateOnly(2015, 11, 20), null, "day"));
    }

    [SharedFact("seeds")]
    public void Seed_dates_fall_in_the_autumn_of_2015()
    {
        foreach (var file in Directory.GetFiles(SharedData.Find("seeds")!, "*.txt"))
        {
            var text = string.Join("\n\n", File.ReadAllLines(file).Where(l => !string.IsNullOrWhiteSpace(l)));
            var d = Dates(text, Friday20Nov2015);
            foreach (var mention in d.Dates.Where(m => m.Value is not null))
                mention.Value!.Value.Should().BeOnOrAfter(new DateOnly(2015, 9, 1), $"{Path.GetFileName(file)}: {d.Slice(mention)}")
                    .And.BeOnOrBefore(new DateOnly(2015, 12, 31));
            d.Dates.Should().Contain(m => m.Precision == "day" || m.Precision == "month");
        }
    }

    [SharedFact(FrNewsArticles.Path)]
    public void An_undated_article_keeps_its_weekdays_as_written_and_which_way_they_look()
    {
        // fr-news 3920 read without its date: "ouvrira vendredi prochain", "débutera … vendredi" look forward; "a annoncé
        // mardi", after the future "ouvrira" in the same sentence, looks back
        var (_, text) = FrNewsArticles.With("ouvrira vendredi prochain le procès", 1).Single();
        var d = Dates(text, null);
        var weekdays = d.Dates.Where(m => m.Unresolved is { Weekday: not null }).Select(m => (Text: d.Slice(m), m.Value, m.Unresolved!.Forward)).ToList();
        weekdays.Should().OnlyContain(w => w.Value == null);
        weekdays.Should().Contain(("vendredi", null, true));
        weekdays.Should().Contain(("mardi", null, false));
        // with a publication date the same text needs nothing kept
        Dates(text, new DateTime(2020, 7, 1)).Dates.Should().OnlyContain(m => m.Unresolved == null);
    }
}

