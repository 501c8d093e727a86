using System.Text.RegularExpressions;
using FluentAssertions;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Recoupe.Tests.Extraction;

/// <summary>
/// Where names start and end and what they name, read from their shape and their context (issue 15): particles,
/// titles of papers, codes, a body's kind before its name, given names alone, title-case headings, brands. The articles
/// are found in ../shared by the words they hold, never copied here.
/// </summary>
public sealed class EntityNameShapeTests(ITestOutputHelper output)
{
    private const string FrNews = FrNewsArticles.Path;
    private const string EnPages = "corpus/html-readability-dev/pages";

    private static Document Extract(string text, string language = "fr") => Extractor.Run(Extractor.FromText(text, "test", language));

    private static List<(string Id, string Text)> ArticlesWith(string words, int limit) => FrNewsArticles.With(words, limit);

    /// <summary>Checks every match of <paramref name="pattern"/> (its group 1, or the whole match) in the articles holding <paramref name="words"/>; returns how many.</summary>
    private int EachMatch(string words, string pattern, int limit, Action<string, Document, int, int> check)
    {
        var articles = ArticlesWith(words, limit);
        articles.Should().NotBeEmpty();
        var count = 0;
        foreach (var (id, text) in articles)
        {
            var doc = Extract(text);
            foreach (Match m in Regex.Matches(text, pattern))
            {
                var g = m.Groups.Count > 1 ? m.Groups[1] : (Group)m;
                check(id, doc, g.Index, g.Index + g.Length);
                count++;
            }
        }
        output.WriteLine($"{words}: {count} mentions in {articles.Count} articles");
        return count;
    }

    [SharedFact(FrNews)]
    public void A_capitalised_particle_after_a_given_name_stays_in_the_person_s_name()
    {
        foreach (var name in new[] { "Jean-Yves Le Drian", "Bruno Le Maire" })
            EachMatch(name, @"(?<=\p{Ll}[,]? )" + Regex.Escape(name) + @"(?![\p{L}-])", 15, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Person, $"article {id} names {name} at {start}"))
                .Should().BeGreaterThan(5);
    }

    [SharedFact(FrNews)]
    public void A_paper_s_title_opened_by_a_capitalised_determiner_keeps_its_particle_and_last_word()
    {
        // "rapportent France Info et La Voix du Nord": the title holds "du Nord"
        EachMatch("La Voix du Nord", @"(?<=\p{Ll} )La Voix du Nord\b", 20, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}"))
            .Should().BeGreaterThan(3);
    }

    [SharedFact(FrNews)]
    public void A_capital_and_digits_after_a_determiner_name_a_body()
    {
        // "la présidence française du G7", "le sommet du G20" (not "du G7 de Ise-Shima", a summit named with its place)
        foreach (var words in new[] { "du G7", "du G20" })
            EachMatch(words, @"\bdu (G\d{1,2})\b(?! \p{Lu}| d[e'])", 20, (id, doc, start, end) =>
                    doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}"))
                .Should().BeGreaterThan(3);
    }

    [SharedFact(FrNews)]
    public void A_station_s_number_and_a_paper_s_number_belong_to_their_names()
    {
        // "a déclaré sur Europe 1.", "selon 20 Minutes,"
        EachMatch("sur Europe 1", @"(?<=\bsur )Europe 1(?=[.,;)]| et | \p{Ll})", 15, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}"))
            .Should().BeGreaterThan(5);
        EachMatch("20 Minutes", @"(?<=\b\p{Ll}+ )20 Minutes(?=[.,;)]| \p{Ll})", 15, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}"))
            .Should().BeGreaterThan(3);
    }

    [SharedFact(FrNews)]
    public void A_lower_case_body_noun_before_a_name_leaves_the_name_alone()
    {
        // "le groupe Bolloré": the kind of body, then its name
        EachMatch("groupe Bolloré", @"\bgroupe (Bolloré)\b", 10, (id, doc, start, end) =>
        {
            doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}");
            doc.Entities.Should().NotContain(e => e.Start == start - "groupe ".Length, $"article {id}: the noun is no part of the name");
        }).Should().BeGreaterThan(0);
        // "le Conseil des ministres du mercredi": the day dates the meeting
        EachMatch("Conseil des ministres du mercredi", @"(Conseil des ministres) du mercredi", 5, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Organisation, $"article {id} at {start}"))
            .Should().BeGreaterThan(0);
    }

    [SharedFact(FrNews)]
    public void A_given_name_written_alone_is_the_person_introduced_with_it()
    {
        // "l'enlèvement de Grégory Villemin", then "Grégory"
        var articles = ArticlesWith("Grégory Villemin", 10);
        articles.Should().NotBeEmpty();
        var checkedCount = 0;
        foreach (var (id, text) in articles)
        {
            var doc = Extract(text);
            var full = text.IndexOf("Grégory Villemin", StringComparison.Ordinal);
            var person = doc.Entities.Should().Contain(e => e.Start == full && e.Type == EntityType.Person, $"article {id}").Which;
            foreach (Match m in Regex.Matches(text, @"(?<=\p{Ll} )Grégory(?! Villemin)(?![\p{L}-])"))
            {
                if (m.Index < full) continue;
                checkedCount++;
                doc.Entities.Should().Contain(e => e.Start == m.Index && e.Type == EntityType.Person && e.Key == person.Key, $"article {id} at {m.Index}");
            }
        }
        checkedCount.Should().BeGreaterThan(0);
        output.WriteLine($"Grégory alone after Grégory Villemin: {checkedCount} mentions");
    }

    [SharedFact(FrNews)]
    public void A_departement_written_mid_sentence_is_a_place()
    {
        // "la maison d'arrêt de Grenoble-Varces (Isère)", "dans l'Isère"
        EachMatch("Isère", @"(?<=(?:(?:^|\s)\p{Ll}+ |\(|'))Isère(?![\p{L}-])", 30, (id, doc, start, end) =>
                doc.Entities.Should().Contain(e => e.Start == start && e.End == end && e.Type == EntityType.Place, $"article {id} at {start}"))
            .Should().BeGreaterThan(5);
    }

    private static string? Page(string name) => SharedData.Find($"{EnPages}/{name}/expected.txt") is { } path ? File.ReadAllText(path) : null;

    [SharedFact(EnPages)]
    public void Ordinary_words_of_an_English_title_case_heading_name_no_person()
    {
        // a heading "Understand How Your Own Brain Works Against You"
        var text = Page("lifehacker-post-comment-load");
        text.Should().NotBeNull();
        var heading = Regex.Match(text!, @"^(?:\p{Lu}\p{Ll}+ ){4,}\p{Lu}\p{Ll}+$", RegexOptions.Multiline);
        heading.Success.Should().BeTrue();
        var doc = Extract(text!, "en");
        doc.Entities.Should().NotContain(e => e.Start >= heading.Index && e.End <= heading.Index + heading.Length && e.Type == EntityType.Person);
    }

    [SharedFact(EnPages)]
    public void A_brand_s_products_and_Roman_numerals_are_no_people_nor_bodies()
    {
        // a games console review: "Dolby Atmos", "Dolby Vision"; a games page: "Metroid Prime", "Metroid Fusion", "Metroid II"
        var review = Page("engadget");
        var games = Page("lazy-image-2");
        review.Should().NotBeNull();
        games.Should().NotBeNull();
        var reviewDoc = Extract(review!, "en");
        foreach (Match m in Regex.Matches(review!, @"\bDolby \p{Lu}\p{Ll}+"))
            reviewDoc.Entities.Should().NotContain(e => e.Start < m.Index + m.Length && m.Index < e.End && e.Type == EntityType.Person, $"a product at {m.Index}");
        var gamesDoc = Extract(games!, "en");
        var numerals = Regex.Matches(games!, @"\b(?:II|III|IV)\b").Select(m => m.Index).ToHashSet();
        numerals.Should().NotBeEmpty();
        gamesDoc.Entities.Should().NotContain(e => numerals.Contains(e.Start), "a Roman numeral is a number");
        foreach (Match m in Regex.Matches(games!, @"\bMetroid (?:Prime|Fusion)\b"))
            gamesDoc.Entities.Should().NotContain(e => e.Start == m.Index && e.Type == EntityType.Person, $"a game at {m.Index}");
    }
}
