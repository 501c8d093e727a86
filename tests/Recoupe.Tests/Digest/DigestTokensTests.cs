using Recoupe.Core.Digest;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Digest;

/// <summary>
/// The digest reads an article's document tokens: those the segment stage made when the article comes from a document,
/// and the same tokens cut back from the stored text when a store gave it (a store keeps none).
/// </summary>
public sealed class DigestTokensTests
{
    private static readonly Lazy<IReadOnlyList<StoredArticle>> Samples = new(() =>
    {
        var pipeline = DefaultPipeline.Create();
        return ArticleReader.Read([Path.Combine(SharedData.SamplesDir, "articles")]).OfType<ReadArticle>()
            .Select((read, i) => StoredArticle.Of(pipeline.Process(read.Article), i + 1, $"h{i + 1}")).ToList();
    });

    [Fact]
    public void A_stored_text_cut_back_gives_its_documents_tokens()
    {
        var articles = Samples.Value;
        articles.Should().HaveCountGreaterThan(30);
        foreach (var article in articles)
        {
            article.Tokens.Should().NotBeNull().And.NotBeEmpty();
            var stored = article with { Tokens = null };
            Tokenizer.Default.TokensOf(stored).Should().Equal(article.Tokens!, $"article {article.Id} ({article.Raw.Source})");
        }
    }

    [Fact]
    public void A_digest_of_documents_reads_their_tokens_and_says_what_the_digest_of_the_stored_texts_says()
    {
        var articles = Samples.Value;
        var stored = articles.Select(a => a with { Tokens = null }).ToList();
        stored.Should().OnlyContain(a => a.Tokens == null);

        DigestJson.Render(DigestBuilder.Build(articles)).Should().Be(DigestJson.Render(DigestBuilder.Build(stored)));
    }

    [Fact]
    public void A_copy_with_another_text_does_not_keep_the_tokens_of_the_first()
    {
        var article = Samples.Value[0];
        var copy = article with { Text = article.Text + " Suite." };
        article.Tokens.Should().NotBeNull();
        copy.Tokens.Should().BeNull("tokens serve only the text they were cut from");
    }
}
