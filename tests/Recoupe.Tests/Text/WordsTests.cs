using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Text;

/// <summary>
/// The clusterer's words come from the segmenter's tokens (issue 13: one tokenizer), or, for a stored text whose tokens
/// are not kept, from the text alone. These tests hold both to the character scan the clusterer had before (kept here
/// as the reference), on real texts and on cuts that split a word.
/// </summary>
public class WordsTests
{
    [Theory]
    [InlineData("L'armée a quitté Notre-Dame.Son départ, selon M. Dupont, était prévu.")]
    [InlineData("They don't know; it's 2.827cas and 4 111 euros, U.S. officials said.")]
    [InlineData("Faut-il partir ? a-t-il demandé. « Oui », dit-elle — J.-F. Poisson.")]
    [InlineData("soft\u00ADhyphen, zero\u200Bwidth, क्षत्रिय (combining), 🙂 emoji, no-break\u00A0space")]
    [InlineData("   leading blanks\n\nTWO PARAGRAPHS\r\nand CRLF…end")]
    public void Words_of_the_tokens_are_the_letter_and_digit_runs(string text)
    {
        WordsOf(text, 0, text.Length).Should().Equal(ReferenceScan(text));
        Words.Of(text, 0, text.Length).Should().Equal(ReferenceScan(text));
    }

    [Fact]
    public void Words_of_real_articles_match_the_character_scan_whole_in_a_body_range_and_before_a_cut()
    {
        var texts = Directory.EnumerateFiles(SharedData.SamplesDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        if (SharedData.Find("seeds") is { } seeds) texts.AddRange(Directory.EnumerateFiles(seeds, "*.txt").Select(File.ReadAllText));
        texts.Count.Should().BeGreaterThan(30);
        foreach (var text in texts)
        {
            var tokens = Tokenizer.Default.Tokenize(text);
            Words.Of(text, tokens, 0, text.Length).Should().Equal(ReferenceScan(text));
            Words.Of(text, 0, text.Length).Should().Equal(ReferenceScan(text));
            // a body that starts after the first paragraph: offsets stay the whole text's
            var bodyStart = text.IndexOf("\n\n", StringComparison.Ordinal) is var cut and >= 0 ? cut + 2 : 0;
            Words.Of(text, tokens, bodyStart, text.Length).Should()
                .Equal(ReferenceScan(text[bodyStart..]).Select(w => w with { Start = w.Start + bodyStart }));
            Words.Of(text, bodyStart, text.Length).Should().Equal(Words.Of(text, tokens, bodyStart, text.Length));
            // the lead: the text read only up to a cut that may fall inside a word
            foreach (var end in new[] { 1, 97, 600, text.Length / 2 }.Where(e => e <= text.Length))
                Words.Before(Words.Of(text, tokens, 0, text.Length), end).Select(w => (w.Start, w.Length, w.Has(WordFlags.SentenceFinal)))
                    .Should().Equal(ReferenceScan(text[..end]).Select(w => (w.Start, w.Length, w.Has(WordFlags.SentenceFinal))));
        }
    }

    [Fact]
    public void A_documents_tokens_a_new_cut_of_its_text_and_the_text_alone_give_the_same_words()
    {
        var pipeline = DefaultPipeline.Create();
        var documents = ArticleReader.Read([Path.Combine(SharedData.SamplesDir, "articles")]).OfType<ReadArticle>()
            .Select(read => pipeline.Process(read.Article)).ToList();
        documents.Should().HaveCountGreaterThan(30);
        foreach (var document in documents)
        {
            var text = document.Text;
            Words.Of(text, document.Tokens, 0, text.Length).Should().Equal(WordsOf(text, 0, text.Length))
                .And.Equal(Words.Of(text, 0, text.Length));
        }
    }

    private static List<WordToken> WordsOf(string text, int start, int end) => Words.Of(text, Tokenizer.Default.Tokenize(text), start, end);

    /// <summary>The clusterer's former tokenizer: a scan of the characters, letters and digits making words.</summary>
    private static List<WordToken> ReferenceScan(string text)
    {
        var into = new List<WordToken>();
        var boundary = true;
        var hyphenPending = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!Words.IsWordChar(c))
            {
                if (c == '.')
                {
                    var initial = into.Count > 0 && into[^1].End == i && into[^1].Length == 1 && char.IsUpper(text[into[^1].Start]);
                    if (!initial) Boundary();
                }
                else if (c is '!' or '?' or '…' or ':' or ';' or '\n' or '\r' or '«' or '»' or '"' or '“' or '”' or '(' or ')' or '[' or ']' or '|' or '•' or '·')
                    Boundary();
                hyphenPending = c is '-' or '\u2010' or '\u2011' && i > 0 && Words.IsWordChar(text[i - 1]);
                i++;
                continue;
            }
            var start = i;
            int letters = 0, uppers = 0, digits = 0;
            for (; i < text.Length && Words.IsWordChar(text[i]); i++)
            {
                if (char.IsDigit(text[i])) digits++;
                else if (char.IsLetter(text[i]))
                {
                    letters++;
                    if (char.IsUpper(text[i])) uppers++;
                }
            }
            var flags = WordFlags.None;
            if (letters > 0 && char.IsUpper(text[start])) flags |= WordFlags.Capitalised;
            if (letters >= 2 && uppers == letters) flags |= WordFlags.AllCaps;
            if (letters == 0 && digits > 0) flags |= WordFlags.Numeric;
            if (boundary) flags |= WordFlags.SentenceInitial;
            if (hyphenPending && start > 0 && text[start - 1] is '-' or '\u2010' or '\u2011') flags |= WordFlags.HyphenJoined;
            into.Add(new WordToken(start, i - start, flags));
            boundary = false;
            hyphenPending = false;
        }
        if (into.Count > 0) Final();
        return into;

        void Boundary()
        {
            if (!boundary && into.Count > 0) Final();
            boundary = true;
        }

        void Final() => into[^1] = into[^1] with { Flags = into[^1].Flags | WordFlags.SentenceFinal };
    }
}
