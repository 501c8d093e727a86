using Recoupe.Core.Segmentation;
using Recoupe.Core.Text;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Segmentation;

public class TokenNormTests
{
    [Fact]
    public void Every_tokens_norm_is_its_text_lower_cased_with_straight_apostrophes()
    {
        var texts = Directory.EnumerateFiles(SharedData.SamplesDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        if (SharedData.Find("seeds") is { } seeds) texts.AddRange(Directory.EnumerateFiles(seeds, "*.txt").Select(File.ReadAllText));
        texts.Add("L’armée d\u02BCAthènes, ÉTATS-UNIS, İstanbul, Straße, a-t-il dit ; 4 111 € (3,5 %) 🙂");
        var tokens = 0;
        foreach (var text in texts)
            foreach (var token in Tokenizer.Default.Tokenize(text))
            {
                if (token.Kind == Recoupe.Core.Model.TokenKind.Number) continue; // numbers drop their group spaces
                var written = text[token.Start..token.End];
                // one lower-case form (TextFolding.Lower), as the string methods give it
                token.Norm.Should().Be(TextFolding.Lower(written))
                    .And.Be(written.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u02BC', '\''));
                tokens++;
            }
        tokens.Should().BeGreaterThan(10_000);
    }
}
