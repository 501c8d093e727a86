using System.Diagnostics;
using System.Globalization;
using System.Text;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Xunit.Abstractions;

namespace Recoupe.Tests.Fuzz;

/// <summary>
/// The two worst cases of issue 17, run whole with their times printed (figures, not assertions on time): an RSS item
/// with 100,000 nested elements (22 s before, read whole) and one 10 MB paragraph without punctuation through the
/// reader and every stage (minutes before: the entity searches walked the whole article for each role word).
/// </summary>
public sealed class HostileFiguresTests(ITestOutputHelper output)
{
    private void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    [Fact]
    public void A_feed_item_nested_100000_deep_fails_alone_and_its_time_is_printed()
    {
        const int depth = 100_000;
        var feed = new StringBuilder("""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Profond</title><description>x</description>""");
        for (var i = 0; i < depth; i++) feed.Append("<a>");
        feed.Append('y');
        for (var i = 0; i < depth; i++) feed.Append("</a>");
        feed.Append("</item><item><title>Suivant</title><description>Le pont a rouvert.</description></item></channel></rss>");
        var bytes = Encoding.UTF8.GetBytes(feed.ToString());

        var clock = Stopwatch.StartNew();
        var items = ArticleReader.ReadBytes("nested.rss", bytes, "nested.rss").ToList();
        clock.Stop();

        Print(string.Create(CultureInfo.InvariantCulture,
            $"figures: RSS item nested {depth:N0} deep ({bytes.Length / 1024} KB): read in {clock.Elapsed.TotalSeconds:0.00} s"));
        items.Should().HaveCount(2);
        items[0].Should().BeOfType<ReadFailure>().Which.Error.Should().Contain("over the limit of 256");
        items[1].Should().BeOfType<ReadArticle>();
    }

    [Fact]
    public void A_10_MB_paragraph_without_punctuation_is_read_and_processed_and_its_times_are_printed()
    {
        var words = new[] { "le", "port", "de", "la", "ville", "maire", "travaux", "pont", "marée", "conseil", "région", "des", "habitants", "ont", "vu", "une", "hausse" };
        var random = new Random(17);
        var text = new StringBuilder("Titre du texte\n\n", 10 * 1024 * 1024 + 64);
        while (text.Length < 10 * 1024 * 1024) text.Append(words[random.Next(words.Length)]).Append(' ');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var pipeline = DefaultPipeline.Create();

        var clock = Stopwatch.StartNew();
        var article = ArticleReader.ReadBytes("paragraph.txt", bytes, "paragraph.txt").Single().Should().BeOfType<ReadArticle>().Subject;
        var read = clock.Elapsed;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var document = pipeline.Process(article.Article);
        var processed = clock.Elapsed - read;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Print(string.Create(CultureInfo.InvariantCulture,
            $"figures: 10 MB paragraph without punctuation: read in {read.TotalSeconds:0.00} s, stages in {processed.TotalSeconds:0.00} s, {allocated / (1024 * 1024)} MB allocated by the stages"));
        document.Sentences.Should().NotBeEmpty();
        document.Text.Length.Should().BeGreaterThan(10_000_000);
    }
}
