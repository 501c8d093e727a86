using System.Text;
using System.Text.Json;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cleaning;

/// <summary>
/// The bundled fictional samples given as plain text (.txt files and JSON Lines records), cleaned by the default
/// pipeline, against samples/gold.json: every "keep" snippet kept, every "drop" snippet gone, "once" snippets
/// kept once, the title right. (HTML pages and feeds need the readers and the HTML stage; their tests live there.)
/// </summary>
public sealed class SampleCleaningTests
{
    public static TheoryData<string> PlainTextArticles()
    {
        var data = new TheoryData<string>();
        foreach (var article in SamplesGold.Load().Articles)
            if (article.Format is GoldFormat.Text or GoldFormat.Jsonl) data.Add(article.Id);
        return data;
    }

    private static (GoldArticle Gold, Document Document, string Flat) Clean(string id)
    {
        var gold = SamplesGold.Article(id);
        var path = SamplesGold.FullPath(gold);
        RawArticle raw;
        if (gold.Format == GoldFormat.Text)
        {
            raw = new RawArticle { Source = path, Format = InputFormat.Text, Raw = File.ReadAllText(path, Encoding.UTF8) };
        }
        else
        {
            var line = File.ReadLines(path, Encoding.UTF8).ElementAt(gold.Line!.Value - 1);
            using var record = JsonDocument.Parse(line);
            string Field(string name) => record.RootElement.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
            raw = new RawArticle
            {
                Source = path + gold.SourceSuffix, Format = InputFormat.JsonLines, Raw = line,
                Fields = new SourceFields { Title = Field("title"), Lead = Field("heading"), Body = Field("text") },
            };
        }
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
    [MemberData(nameof(PlainTextArticles))]
    public void Keeps_the_article_text(string id)
    {
        var (gold, _, flat) = Clean(id);
        foreach (var keep in gold.Keep) flat.Should().Contain(SamplesGold.CollapseSpace(keep), $"{id} keeps its own text");
        foreach (var once in gold.Once) Occurrences(flat, SamplesGold.CollapseSpace(once)).Should().Be(1, $"{id} keeps a repeated paragraph once");
    }

    [Theory]
    [MemberData(nameof(PlainTextArticles))]
    public void Drops_the_noise(string id)
    {
        var (gold, _, flat) = Clean(id);
        foreach (var drop in gold.Drop) flat.Should().NotContain(SamplesGold.CollapseSpace(drop), $"{id}: this is page furniture");
    }

    [Theory]
    [MemberData(nameof(PlainTextArticles))]
    public void Finds_the_title(string id)
    {
        var (gold, document, _) = Clean(id);
        document.Paragraphs.Should().Contain(p => p.Role == ParagraphRole.Title);
        document.Slice(document.Paragraphs.First(p => p.Role == ParagraphRole.Title)).Should().Be(gold.Title);
    }
}
