using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cleaning;

/// <summary>
/// The bundled fictional samples (text files, JSON Lines records, HTML pages, RSS and Atom items) as the readers give
/// them, through the default pipeline, against samples/gold.json: every "keep" snippet kept, every "drop" snippet
/// gone, "once" snippets kept once, the title right.
/// </summary>
public sealed class SampleCleaningTests
{
    public static TheoryData<string> Articles()
    {
        var data = new TheoryData<string>();
        foreach (var article in SamplesGold.Load().Articles) data.Add(article.Id);
        return data;
    }

    private static (GoldArticle Gold, Document Document, string Flat) Clean(string id)
    {
        var gold = SamplesGold.Article(id);
        var items = ArticleReader.Read([SamplesGold.FullPath(gold)]).OfType<ReadArticle>().Select(r => r.Article).ToList();
        var raw = gold.SourceSuffix.Length == 0 ? items.Single() : items.Single(a => a.Source.EndsWith(gold.SourceSuffix, StringComparison.Ordinal));
        var document = DefaultPipeline.Create().Process(raw);
        var flat = SamplesGold.CollapseSpace(string.Join(" ", document.Paragraphs.Select(document.Slice)));
        return (gold, document, flat);
    }

    private static int Occurrences(string haystack, string needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + needle.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void Keeps_the_article_text(string id)
    {
        var (gold, _, flat) = Clean(id);
        foreach (var keep in gold.Keep) flat.Should().Contain(SamplesGold.CollapseSpace(keep), $"{id} keeps its own text");
        foreach (var once in gold.Once) Occurrences(flat, SamplesGold.CollapseSpace(once)).Should().Be(1, $"{id} keeps a repeated paragraph once");
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void Drops_the_noise(string id)
    {
        var (gold, _, flat) = Clean(id);
        foreach (var drop in gold.Drop) flat.Should().NotContain(SamplesGold.CollapseSpace(drop), $"{id}: this is page furniture");
    }

    [Theory]
    [MemberData(nameof(Articles))]
    public void Finds_the_title(string id)
    {
        var (gold, document, _) = Clean(id);
        document.Paragraphs.Should().Contain(p => p.Role == ParagraphRole.Title);
        document.Slice(document.Paragraphs.First(p => p.Role == ParagraphRole.Title)).Should().Be(gold.Title);
    }
}
