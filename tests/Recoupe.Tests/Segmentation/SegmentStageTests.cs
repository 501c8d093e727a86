using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Segmentation;

public class SegmentStageTests
{
    internal static Document Build(params string[] paragraphs)
    {
        var draft = new ArticleDraft(new RawArticle { Source = "test", Format = InputFormat.Text, Raw = string.Join("\n\n", paragraphs) });
        foreach (var p in paragraphs) draft.Blocks.Add(new Block(p));
        return Pipeline.BuildDocument(draft);
    }

    private static Document Segment(params string[] paragraphs)
    {
        var document = Build(paragraphs);
        new SegmentStage().Run(document);
        return document;
    }

    private static string[] Sentences(Document d) => d.Sentences.Select(d.Slice).ToArray();
    private static string[] Tokens(Document d) => d.Tokens.Select(d.Slice).ToArray();

    [Fact]
    public void Splits_french_sentences_but_not_after_titles_initials_and_abbreviations()
    {
        var d = Segment("M. Dupont est arrivé à 10 h. Mme Durand l'attendait avec le Dr Martin. "
            + "Selon V. Lefèvre, la croissance atteint 3.5 % cette année, etc. Ce n'est pas assez ! Vraiment ? Oui… "
            + "En 50 av. J.-C. la Gaule était conquise. MM. Leroy et Petit sont partis.");
        Sentences(d).Should().Equal(
            "M. Dupont est arrivé à 10 h.",
            "Mme Durand l'attendait avec le Dr Martin.",
            "Selon V. Lefèvre, la croissance atteint 3.5 % cette année, etc.",
            "Ce n'est pas assez !",
            "Vraiment ?",
            "Oui…",
            "En 50 av. J.-C. la Gaule était conquise.",
            "MM. Leroy et Petit sont partis.");
    }

    [Fact]
    public void Splits_english_sentences_around_titles_and_initials()
    {
        var d = Segment("Mr. Smith met Mrs. Jones in the U.S. Senate on Nov. 3. They talked. J. R. Doe said no. \"We left,\" she said.");
        Sentences(d).Should().Equal(
            "Mr. Smith met Mrs. Jones in the U.S. Senate on Nov. 3.",
            "They talked.",
            "J. R. Doe said no.",
            "\"We left,\" she said.");
    }

    [Fact]
    public void Quotation_with_several_sentences_is_split_and_covers_the_paragraph()
    {
        var paragraph = "«Les objectifs sont atteints. Mais ce n’est pas assez», a déclaré M.Martin, vendredi. « Nous verrons ! » Il est parti.";
        var d = Segment(paragraph);
        Sentences(d).Should().Equal(
            "«Les objectifs sont atteints.",
            "Mais ce n’est pas assez», a déclaré M.Martin, vendredi.",
            "« Nous verrons ! »",
            "Il est parti.");
        // Only whitespace between sentences; first and last reach the paragraph's ends.
        d.Sentences[0].Start.Should().Be(d.Paragraphs[0].Start);
        d.Sentences[^1].End.Should().Be(d.Paragraphs[0].End);
        for (var i = 1; i < d.Sentences.Count; i++)
            d.Text[d.Sentences[i - 1].End..d.Sentences[i].Start].Should().MatchRegex(@"^\s+$");
    }

    [Fact]
    public void Exclamation_inside_a_quote_followed_by_the_speaker_does_not_end_the_sentence()
    {
        var d = Segment("« C’est fini ! » a-t-il lancé. « Vraiment ? », demande-t-elle.");
        Sentences(d).Should().Equal("« C’est fini ! » a-t-il lancé.", "« Vraiment ? », demande-t-elle.");
    }

    [Fact]
    public void Straight_quotes_open_or_close_by_their_spacing_even_when_unbalanced()
    {
        var d = Segment("Il dit \"adieu\", puis \"rien. Elle ajoute : \"C'est fini.\" Le site conclut. \"Ceci démontre tout\", dit-il.");
        Sentences(d).Should().Equal("Il dit \"adieu\", puis \"rien.", "Elle ajoute : \"C'est fini.\"", "Le site conclut.", "\"Ceci démontre tout\", dit-il.");
    }

    [Fact]
    public void Sentences_carry_their_paragraph_index_and_line_breaks_end_sentences()
    {
        var d = Segment("Titre sans point", "Première ligne\nDeuxième ligne. Suite.", "une phrase coupée\nqui continue.");
        Sentences(d).Should().Equal("Titre sans point", "Première ligne", "Deuxième ligne.", "Suite.", "une phrase coupée\nqui continue.");
        d.Sentences.Select(s => s.Paragraph).Should().Equal(0, 1, 1, 1, 2);
    }

    [Fact]
    public void Tokens_keep_hyphenated_words_and_split_elisions()
    {
        var d = Segment("L’armée des Etats-Unis et le porte-parole d'Alep ont vu un Su-34 aujourd'hui, jusqu’à l'«Etat islamique».");
        Tokens(d).Should().Equal("L’", "armée", "des", "Etats-Unis", "et", "le", "porte-parole", "d'", "Alep", "ont", "vu", "un",
            "Su-34", "aujourd'hui", ",", "jusqu’", "à", "l'", "«", "Etat", "islamique", "»", ".");
        d.Tokens[0].Norm.Should().Be("l'");
        d.Tokens[0].Kind.Should().Be(TokenKind.Word);
        d.Tokens.Single(t => d.Slice(t) == "Etats-Unis").Norm.Should().Be("etats-unis");
    }

    [Fact]
    public void Inverted_pronouns_become_their_own_tokens_but_names_do_not()
    {
        var d = Segment("« Non », a-t-il dit. Faut-il partir ? dit-elle. Kim Jong-il a un rendez-vous.");
        Tokens(d).Should().ContainInOrder("a", "-t-", "il", "dit");
        Tokens(d).Should().ContainInOrder("Faut", "-", "il", "partir");
        Tokens(d).Should().ContainInOrder("dit", "-", "elle");
        Tokens(d).Should().Contain(["Jong-il", "rendez-vous"]);
        d.Tokens.Single(t => d.Slice(t) == "-t-").Kind.Should().Be(TokenKind.Punctuation);
    }

    [Fact]
    public void English_contractions_are_split()
    {
        var d = Segment("Putin's aides don't know O'Brien.");
        Tokens(d).Should().Equal("Putin", "'s", "aides", "do", "n't", "know", "O'Brien", ".");
    }

    [Fact]
    public void Numbers_keep_thousands_groups_and_decimals()
    {
        var d = Segment("Au total, 4 111 cibles, 1\u00A0500 soldats, 2\u202F289 sorties, 3,5 % et 3.5 km en 2015 pour 12 000 000 euros le 1er mai à 15:59.");
        var numbers = d.Tokens.Where(t => t.Kind == TokenKind.Number).Select(d.Slice).ToArray();
        numbers.Should().Equal("4 111", "1\u00A0500", "2\u202F289", "3,5", "3.5", "2015", "12 000 000", "15", "59");
        d.Tokens.Where(t => t.Kind == TokenKind.Number).Select(t => t.Norm).Should().Contain(["4111", "1500", "12000000"]);
        var percent = d.Tokens.Single(t => d.Slice(t) == "%");
        percent.Kind.Should().Be(TokenKind.Symbol);
        Tokens(d).Should().Contain("1er");
        d.Tokens.Single(t => d.Slice(t) == "1er").Kind.Should().Be(TokenKind.Word);
    }

    [Fact]
    public void A_year_next_to_a_count_is_not_glued_into_one_number()
    {
        var d = Segment("En 2015 300 personnes sont venues, le 20 novembre.");
        d.Tokens.Where(t => t.Kind == TokenKind.Number).Select(d.Slice).Should().Equal("2015", "300", "20");
    }

    [Fact]
    public void Every_non_space_character_is_in_exactly_one_token()
    {
        var d = Segment("AFP/M.R. — (Photo : AFP) https://t.co/abc #Moscou @RTenfrancais 😀 «Moscou», 50 %… [en Syrie]");
        var covered = new bool[d.Text.Length];
        foreach (var t in d.Tokens)
        {
            t.End.Should().BeGreaterThan(t.Start);
            for (var i = t.Start; i < t.End; i++)
            {
                covered[i].Should().BeFalse();
                covered[i] = true;
            }
        }
        for (var i = 0; i < d.Text.Length; i++)
            if (!char.IsWhiteSpace(d.Text[i])) covered[i].Should().BeTrue($"'{d.Text[i]}' at {i} is content");
        Tokens(d).Should().Contain(["M.R.", "#", "@", "RTenfrancais", "😀"]);
    }

    [SharedFact("seeds")]
    public void Seed_sentences_have_sane_length_and_never_end_on_a_title()
    {
        var titles = SegmentationRules.Default.Abbreviations.Where(a => a.Value == AbbreviationKind.Title).Select(a => a.Key).ToHashSet();
        foreach (var file in Directory.GetFiles(SharedData.Find("seeds")!, "*.txt").Order(StringComparer.Ordinal))
        {
            // One block per non-empty line: this tests segmentation alone, whatever the cleaner keeps.
            var lines = File.ReadAllLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
            var d = Segment(lines);
            d.Sentences.Should().NotBeEmpty();
            foreach (var s in d.Sentences)
            {
                var sentence = d.Slice(s);
                sentence.Length.Should().BeInRange(1, 700, $"{Path.GetFileName(file)}: {sentence}");
                var lastWord = d.Tokens.LastOrDefault(t => t.End <= s.End && t.Kind == TokenKind.Word && t.Start >= s.Start);
                var form = lastWord is null ? "" : d.Slice(lastWord).TrimEnd('.');
                if (lastWord is not null && d.Text[lastWord.End - 1] == '.' && s.End == lastWord.End && s.End < d.Paragraphs[s.Paragraph].End)
                    titles.Should().NotContain(form, $"{Path.GetFileName(file)}: a sentence must not end after a title: {sentence}");
                d.Text[s.Start].Should().NotBe(' ');
            }
            // Sentences are ordered, do not overlap and stay inside their paragraph.
            for (var i = 0; i < d.Sentences.Count; i++)
            {
                var s = d.Sentences[i];
                var p = d.Paragraphs[s.Paragraph];
                s.Start.Should().BeGreaterThanOrEqualTo(p.Start);
                s.End.Should().BeLessThanOrEqualTo(p.End);
                if (i > 0) s.Start.Should().BeGreaterThanOrEqualTo(d.Sentences[i - 1].End);
            }
        }
    }
}
