using Recoupe.Core.Text;

namespace Recoupe.Tests.Stories;

/// <summary>
/// The names a language gives one place or body count as one name for the story clusterer (issue 20, "same event,
/// different words": Congo / RDC / République démocratique du Congo), within that language only.
/// </summary>
public class StoryNameVariantTests
{
    [Theory]
    [InlineData("rdc")]
    [InlineData("republique democratique du congo")]
    [InlineData("congo kinshasa")]
    public void Initials_and_the_official_name_of_a_country_count_as_its_usual_name(string variant) =>
        NameVariants.For("fr").KeyOf(variant).Should().Be("congo");

    [Fact]
    public void The_usual_name_itself_is_left_as_it_is() =>
        NameVariants.For("fr", withPlaces: true).KeyOf("congo").Should().BeNull();

    [Fact]
    public void Nationality_nouns_and_spellings_of_a_place_count_as_its_usual_name_in_their_language()
    {
        var french = NameVariants.For("fr", withPlaces: true);
        french.KeyOf("americains").Should().Be("etats unis");
        french.KeyOf("russes").Should().Be("russie");
        // The place list alone, without the nationalities, leaves them as they are.
        NameVariants.For("fr").KeyOf("americains").Should().BeNull();
    }

    [Fact]
    public void A_place_is_not_folded_into_another_language_s_spelling()
    {
        // Each language folds to its own usual name, not to the place list's language-neutral key (with that key,
        // fr-news reports on Syria joined the seeds' story).
        NameVariants.For("en", withPlaces: true).KeyOf("syrie").Should().BeNull();
        NameVariants.For("fr", withPlaces: true).KeyOf("syria").Should().BeNull();
    }
}
