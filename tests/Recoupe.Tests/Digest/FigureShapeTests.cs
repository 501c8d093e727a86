using Recoupe.Core.Digest;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Storage;
using Recoupe.Core.Views;

namespace Recoupe.Tests.Digest;

/// <summary>
/// One figure shape from extraction to storage to digest: the article view, the store's figure listing and the
/// digest's claims all carry the extracted <see cref="Recoupe.Core.Model.Figure"/> and only show it in their own JSON form.
/// </summary>
public sealed class FigureShapeTests(SamplesStore samples) : IClassFixture<SamplesStore>
{
    [Fact]
    public void A_digest_read_back_from_its_json_has_the_same_figures_and_writes_the_same_json()
    {
        var digest = DigestBuilder.Build(samples.All());
        var json = DigestJson.Render(digest);

        var parsed = DigestJson.Parse(json);

        parsed.Should().NotBeNull();
        var figures = Items(digest).Select(i => i.Figure).ToList();
        figures.Should().HaveCountGreaterThan(20, "the samples give many figures to compare");
        Items(parsed!).Select(i => i.Figure).Should().Equal(figures);
        DigestJson.Render(parsed!).Should().Be(json);
    }

    [Fact]
    public void The_article_view_and_the_store_listing_show_the_figures_the_store_holds()
    {
        var articles = samples.All();
        var stored = articles.SelectMany(a => a.Figures).ToList();
        stored.Should().HaveCountGreaterThan(20);

        articles.SelectMany(a => ArticleView.From(a).Figures).Select(v => v.Figure).Should().Equal(stored);
        var listed = samples.Store!.Figures(new FigureQuery()).Select(StoredFigureView.Of).ToList();
        listed.Select(v => v.Row.Figure).Should().Equal(stored);
        foreach (var view in listed)
            view.Evidence.Text.Should().Be(articles.Single(a => a.Id == view.Article.Id).Text[view.Evidence.Start..view.Evidence.End]);
    }

    private static IEnumerable<FigureItem> Items(StoryDigest digest) =>
        digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items);
}
