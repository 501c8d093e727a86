using System.Text.RegularExpressions;
using Recoupe.Core.Html;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary>Class and id names as cues: words in them tell a region's kind; generated names (hashes) tell nothing.</summary>
public sealed class HtmlClassCueTests
{
    private const string Article = """
        <html><head><title>Harbour pier reopens to walkers</title></head><body>
        <article><h1>Harbour pier reopens to walkers</h1>
        <p id="a1b2">The harbour master confirmed on Monday that the pier will reopen to walkers in June after repairs to its deck.</p>
        <h2 id="98b9">What changes for anglers</h2>
        <p id="e1ad">Anglers will have to wait until August, when the lower platform has been strengthened against winter storms.</p>
        <p id="f3c4">The council said the works, paid for by a regional grant, came in under budget and two weeks early.</p>
        <div id="ad-slot-1"><p>Advertisement: holiday cottages by the sea, book now for the summer season and save.</p></div>
        </article></body></html>
        """;

    [Fact]
    public void A_paragraph_whose_generated_id_happens_to_hold_the_letters_of_a_cue_is_kept()
    {
        var text = HtmlArticleExtractor.Extract(Article).Text;
        text.Should().Contain("Anglers will have to wait until August");
    }

    [Fact]
    public void A_region_named_by_a_cue_word_beside_a_number_is_still_left_out()
    {
        var text = HtmlArticleExtractor.Extract(Article).Text;
        text.Should().NotContain("holiday cottages");
        text.Should().Contain("under budget");
    }

    [SharedFact("corpus/html-readability-dev")]
    public void On_a_page_with_hex_paragraph_ids_the_paragraph_whose_id_holds_ad_is_in_the_body()
    {
        // lazy-image-1 (tuning split): every paragraph has a four-hex-digit id; the one read here is "e1ad".
        var page = HtmlDevSet.LoadPage(Path.Combine(SharedData.Find("corpus/html-readability-dev")!, "pages", "lazy-image-1"))!;
        page.Frozen.Should().BeFalse();
        var paragraph = Regex.Match(page.Html, "<p id=\"e1ad\"[^>]*>([^<]+)</p>").Groups[1].Value;
        var sentence = Regex.Replace(paragraph, "\\s+", " ").Trim();
        sentence.Should().NotBeEmpty();
        HtmlArticleExtractor.Extract(page.Html).Text.Should().Contain(sentence);
    }
}
