using Outcome = Recoupe.Tests.Cli.CliRun;
using System.CommandLine;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Recoupe.Cli.Commands;
using Recoupe.Cli;
using Recoupe.Core.Html;
using Recoupe.Core.Model;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary><c>extract</c> and <c>eval html</c> end to end, in process, plus extraction on damaged copies of the test pages.</summary>
public sealed class HtmlCliTests : IDisposable
{
    private static readonly string PagesDir = Path.Combine(AppContext.BaseDirectory, "Html", "Pages");
    private readonly TempFolder _folder = TestArticles.TempFolder();

    public void Dispose() => _folder.Dispose();

    private static Outcome Run(params string[] args) => Outcome.Of(args, CliRoot.Create(ExtractCommand.Create(), EvalCommand.Create()));

    [Fact]
    public void Extract_json_prints_one_object_per_page_and_names_the_pages_it_rejects()
    {
        var page = Path.Combine(PagesDir, "english-news.html");
        var empty = _folder.Write("script-only.html", "<html><body><script>render()</script></body></html>");

        var result = Run("extract", page, empty, "--json");

        result.ExitCode.Should().Be(1);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1);
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        root.GetProperty("file").GetString().Should().Be(page);
        root.GetProperty("title").GetString().Should().Be("Museum returns bronze figures to Benin after 125 years");
        root.GetProperty("text").GetString().Should().StartWith("Twenty-one bronze figures").And.NotContain("Sign up");
        root.GetProperty("published").GetString().Should().Be("2023-10-27T14:05:00Z");
        root.GetProperty("authors").EnumerateArray().Select(a => a.GetString()).Should().Equal("Jane Holloway");
        root.GetProperty("outlet").GetString().Should().Be("Daily Ledger");
        root.GetProperty("language").GetString().Should().Be("en");
        result.Error.Should().StartWith($"recoupe: {empty}: ").And.Contain("no text");
    }

    [Fact]
    public void Extract_reads_gzipped_pages_and_prints_text_without_json()
    {
        var path = _folder.File("page.html.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(File.ReadAllBytes(Path.Combine(PagesDir, "split-with-ad.html")));

        var result = Run("extract", path);

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("title:     Basket : Chalon s'offre Monaco au bout du suspense")
            .And.Contain("Monaco, qui restait sur neuf victoires").And.NotContain("Publicité");
    }

    [Fact]
    public void Eval_html_scores_pages_against_gold_and_reports_speed()
    {
        var dir = Directory.CreateDirectory(_folder.File("html")).FullName;
        var gold = new Dictionary<string, object>();
        foreach (var name in new[] { "cookie-banner", "mega-footer" })
        {
            File.Copy(Path.Combine(PagesDir, name + ".html"), Path.Combine(dir, name + ".html"));
            gold[name] = new { articleBody = File.ReadAllText(Path.Combine(PagesDir, name + ".expected.txt")) };
        }
        // A gold text that is only half of the page's article: recall stays 1, precision drops.
        File.Copy(Path.Combine(PagesDir, "amp-like.html"), Path.Combine(dir, "amp-like.html"));
        gold["amp-like"] = new { articleBody = "Gardeners at the city botanic garden have been rewarded for twelve years of patience after a rare orchid produced its first flower." };
        gold["not-on-disk"] = new { articleBody = "x" };
        var goldPath = _folder.Write("gold.json", JsonSerializer.Serialize(gold));

        var result = Run("eval", "html", goldPath, dir, "--json");

        result.ExitCode.Should().Be(0);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        root.GetProperty("pages").GetInt32().Should().Be(3);
        root.GetProperty("missingFiles").GetInt32().Should().Be(1);
        root.GetProperty("recall").GetDouble().Should().Be(1.0);
        root.GetProperty("precision").GetDouble().Should().BeInRange(0.5, 0.95);
        root.GetProperty("pagesPerSecond").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Extract_json_gives_the_confidence_and_the_warnings_of_each_page()
    {
        var clear = Path.Combine(PagesDir, "english-news.html");
        var unclear = _folder.Write("unclear.html",
            "<html><body><main><div><div>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</div></div></main></body></html>");

        var result = Run("extract", clear, unclear, "--json");

        result.ExitCode.Should().Be(0);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Should().HaveCount(2);
        lines[0].GetProperty("confidence").GetDouble().Should().BeGreaterThanOrEqualTo(0.9);
        lines[0].GetProperty("warnings").GetArrayLength().Should().Be(0);
        lines[1].GetProperty("text").GetString().Should().StartWith("Lorem ipsum");
        lines[1].GetProperty("confidence").GetDouble().Should().BeLessThan(0.5);
        lines[1].GetProperty("warnings")[0].GetString().Should().Contain("best candidate");
    }

    [Fact]
    public void Eval_html_scores_a_dev_folder_with_its_splits_and_metadata()
    {
        // Two pages in the html-readability-dev layout: "bbc-1" falls in the frozen split, "nytimes-1" in the tuning one.
        // The byline is scored as Readability writes it, the credit line as shown (the author names are "Jane Holloway").
        foreach (var (name, page) in new[] { ("bbc-1", "english-news"), ("nytimes-1", "cookie-banner") })
        {
            var dir = Directory.CreateDirectory(_folder.File(Path.Combine("dev", "pages", name))).FullName;
            File.Copy(Path.Combine(PagesDir, page + ".html"), Path.Combine(dir, "source.html"));
            File.Copy(Path.Combine(PagesDir, page + ".expected.txt"), Path.Combine(dir, "expected.txt"));
            File.WriteAllText(Path.Combine(dir, "expected-metadata.json"), name == "bbc-1"
                ? "{\"title\": \"Museum returns bronze figures to Benin after 125 years\", \"byline\": \"By Jane Holloway, Culture correspondent\", \"lang\": \"en\", \"siteName\": \"Wrong Outlet\"}"
                : "{\"lang\": \"fr\"}");
        }

        var result = Run("eval", "html", _folder.File("dev"), "--json");

        result.ExitCode.Should().Be(0, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var splits = json.RootElement.GetProperty("splits").EnumerateArray().ToDictionary(s => s.GetProperty("split").GetString()!);
        splits.Keys.Should().Equal("all", "tune", "frozen");
        splits["all"].GetProperty("pages").GetInt32().Should().Be(2);
        splits["all"].GetProperty("refusals").GetInt32().Should().Be(0);
        splits["all"].GetProperty("meanF1").GetDouble().Should().BeGreaterThan(0.9);
        splits["frozen"].GetProperty("pages").GetInt32().Should().Be(1);
        var metadata = splits["all"].GetProperty("metadata");
        metadata.GetProperty("title").GetProperty("right").GetInt32().Should().Be(1);
        metadata.GetProperty("byline").GetProperty("right").GetInt32().Should().Be(1);
        metadata.GetProperty("siteName").GetProperty("right").GetInt32().Should().Be(0);
        metadata.GetProperty("lang").GetProperty("given").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Eval_html_names_a_missing_gold_file()
    {
        var result = Run("eval", "html", _folder.File("nope.json"), _folder.Path);
        result.ExitCode.Should().Be(ExitCodes.Error);
        result.Error.Should().Contain($"<gold>: '{_folder.File("nope.json")}' does not exist");
    }

    [Fact]
    public void Damaged_pages_give_text_or_a_rejection_never_another_error()
    {
        var random = new Random(20240521);
        foreach (var file in Directory.GetFiles(PagesDir, "*.html").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            for (var trial = 0; trial < 12; trial++)
            {
                var damaged = bytes[..random.Next(1, bytes.Length)];
                for (var flips = 0; flips < 8; flips++) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                var html = HtmlCharset.Decode(damaged);
                try
                {
                    HtmlArticleExtractor.Extract(html);
                }
                catch (ArticleRejectedException)
                {
                }
            }
        }
    }
}
