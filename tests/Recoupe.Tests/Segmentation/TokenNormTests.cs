using Recoupe.Core.Segmentation;
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
                token.Norm.Should().Be(SegmentationRules.Normalise(text[token.Start..token.End]));
                tokens++;
            }
        tokens.Should().BeGreaterThan(10_000);
    }
}
