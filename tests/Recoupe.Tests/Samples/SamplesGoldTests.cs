using System.Globalization;
using System.Text.RegularExpressions;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Samples;

/// <summary>
/// Checks that samples/gold.json agrees with the sample files it describes: every snippet it names is really in its
/// article's raw content, every file and record is described, and the corpus has the breadth the evaluations rely on.
/// </summary>
public sealed class SamplesGoldTests
{
    private static readonly SamplesGoldFile Gold = SamplesGold.Load();

    public static TheoryData<string> ArticleIds()
    {
        var data = new TheoryData<string>();
        foreach (var article in SamplesGold.Load().Articles) data.Add(article.Id);
        return data;
    }

    [Fact]
    public void Corpus_has_the_breadth_the_evaluations_need()
    {
        var articles = Gold.Articles;
        articles.Should().HaveCountGreaterThanOrEqualTo(24);
        articles.Select(a => a.Story).OfType<string>().Distinct().Should().HaveCountGreaterThanOrEqualTo(5);
        articles.Select(a => a.Outlet).Distinct().Should().HaveCountGreaterThanOrEqualTo(6);
        articles.Count(a => a.Story is null).Should().BeGreaterThanOrEqualTo(3, "singletons are the distractors around the stories");

        var formats = articles.Select(a => a.Format).ToHashSet();
        formats.Should().Contain([GoldFormat.Text, GoldFormat.Html, GoldFormat.Jsonl]);
        formats.Should().Contain(f => f == GoldFormat.Rss || f == GoldFormat.Atom);

        var french = articles.Count(a => a.Language == "fr");
        var english = articles.Count(a => a.Language == "en");
        (french + english).Should().Be(articles.Count, "every sample is French or English");
        french.Should().BeGreaterThan(articles.Count / 2, "French comes first");
        english.Should().BeGreaterThanOrEqualTo(articles.Count / 5);

        articles.Should().Contain(a => a.Encoding != null, "one page is not UTF-8");
        articles.Should().Contain(a => a.Mojibake, "one file carries mojibake");
        articles.Should().Contain(a => a.File.EndsWith(".html.gz", StringComparison.Ordinal));
        articles.Should().Contain(a => a.CopyOf != null, "some articles rewrite a wire dispatch");
    }

    [Fact]
    public void Stories_are_told_by_several_outlets_and_labels_are_declared()
    {
        foreach (var story in Gold.Articles.Where(a => a.Story != null).GroupBy(a => a.Story!))
        {
            Gold.Stories.Should().ContainKey(story.Key);
            story.Count().Should().BeGreaterThanOrEqualTo(3, $"story {story.Key} needs several articles");
            story.Select(a => a.Outlet).Distinct().Should().HaveCountGreaterThanOrEqualTo(3, $"story {story.Key} needs several outlets");
        }
        Gold.Stories.Keys.Should().OnlyContain(label => Gold.Articles.Any(a => a.Story == label));
    }

    [Fact]
    public void Ids_are_unique_and_copies_point_to_a_dispatch_of_the_same_story()
    {
        Gold.Articles.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        foreach (var copy in Gold.Articles.Where(a => a.CopyOf != null))
        {
            var original = SamplesGold.Article(copy.CopyOf!);
            original.Story.Should().Be(copy.Story, $"{copy.Id} rewrites {original.Id}");
            original.Agency.Should().NotBeNull($"{copy.Id} copies a wire dispatch");
            copy.Agency.Should().Be(original.Agency, $"{copy.Id} credits the agency it copies");
            string.CompareOrdinal(copy.Published, original.Published).Should().BePositive($"{copy.Id} comes after {original.Id}");
        }
    }

    [Fact]
    public void Every_sample_file_and_record_is_described_exactly_once()
    {
        var articlesDir = Path.Combine(SharedData.SamplesDir, "articles");
        var files = Directory.EnumerateFiles(articlesDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SharedData.SamplesDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Gold.Articles.Select(a => a.File).Distinct().Order(StringComparer.Ordinal).Should().Equal(files);

        foreach (var group in Gold.Articles.GroupBy(a => a.File))
        {
            var path = Path.Combine(SharedData.SamplesDir, group.Key);
            var first = group.First();
            switch (first.Format)
            {
                case GoldFormat.Jsonl:
                    var lines = File.ReadAllLines(path).Count(l => l.Trim().Length > 0);
                    group.Select(a => a.Line ?? 0).Order().Should().Equal(Enumerable.Range(1, lines), group.Key);
                    break;
                case GoldFormat.Rss:
                case GoldFormat.Atom:
                    var tag = first.Format == GoldFormat.Rss ? "<item>" : "<entry>";
                    var items = Regex.Matches(File.ReadAllText(path), Regex.Escape(tag)).Count;
                    group.Select(a => a.Item ?? 0).Order().Should().Equal(Enumerable.Range(1, items), group.Key);
                    break;
                default:
                    group.Should().ContainSingle($"{group.Key} holds one article");
                    first.Line.Should().BeNull();
                    first.Item.Should().BeNull();
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ArticleIds))]
    public void Snippets_occur_in_the_raw_content(string id)
    {
        var article = SamplesGold.Article(id);
        var text = SamplesGold.SearchableText(article);
        var missing = new List<string>();
        void Expect(string what, string snippet, int atLeast = 1)
        {
            if (SamplesGold.CountIn(article, text, snippet) < atLeast) missing.Add($"{what}: {snippet}");
        }

        article.Keep.Should().NotBeEmpty();
        foreach (var s in article.Keep) Expect("keep", s);
        foreach (var s in article.Drop) Expect("drop", s);
        foreach (var s in article.Once) Expect("once (repeated in the raw input)", s, atLeast: 2);
        foreach (var q in article.Quotes) Expect("quote", q.Text);
        foreach (var f in article.Figures) Expect("figure", f.Context ?? f.Text);
        if (article.Dateline != null) Expect("dateline", article.Dateline);
        missing.Should().BeEmpty($"every gold snippet of {id} must be in {article.File}{article.SourceSuffix}");
    }

    [Theory]
    [MemberData(nameof(ArticleIds))]
    public void Annotations_are_well_formed(string id)
    {
        var article = SamplesGold.Article(id);
        article.Language.Should().BeOneOf("fr", "en");
        DateTime.TryParseExact(article.Published, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out _).Should().BeTrue($"{id}: published '{article.Published}' is an ISO date or local date-time");
        article.Paragraphs.Should().BeGreaterThan(0);
        article.Words.Should().BeInRange(150, 600, "sample bodies keep a realistic length");

        foreach (var drop in article.Drop)
            article.Keep.Should().NotContain(k => k.Contains(drop, StringComparison.Ordinal), $"{id}: noise '{drop}' sits inside kept text");
        foreach (var once in article.Once)
            article.Drop.Should().NotContain(d => d.Contains(once, StringComparison.Ordinal) || once.Contains(d, StringComparison.Ordinal),
                $"{id}: '{once}' must stay once, not be dropped");

        foreach (var q in article.Quotes)
        {
            q.Text.Should().NotBeNullOrWhiteSpace();
            q.Text.Should().Be(q.Text.Trim(), $"{id}: quote text excludes the blanks inside the marks");
            if (q.Kind == GoldQuoteKind.NotQuote) q.Speaker.Should().BeNull($"{id}: '{q.Text}' is not anyone's words");
            else q.Speaker.Should().NotBeNullOrWhiteSpace($"{id}: '{q.Text}' needs its speaker");
        }
        foreach (var f in article.Figures)
        {
            if (f.Context != null) f.Context.Should().Contain(f.Text, $"{id}: a figure's context holds the figure");
            f.Counts.Should().NotBeNullOrWhiteSpace($"{id}: figure '{f.Text}' says what it counts");
        }
        article.Entities.Should().NotBeEmpty();
        article.Entities.Select(e => e.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Speakers_and_claimers_keep_one_name_across_the_corpus()
    {
        // A person quoted or named in several articles must carry the same canonical string everywhere.
        var people = Gold.Articles.SelectMany(a => a.Entities).Where(e => e.Type == GoldEntityType.Person).Select(e => e.Name).ToHashSet();
        var surnames = people.GroupBy(n => n.Split(' ')[^1]).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        surnames.Should().BeEmpty("one surname, one canonical person in this corpus");

        var sources = Gold.Articles.SelectMany(a => a.Quotes.Select(q => q.Speaker).Concat(a.Figures.Select(f => f.ClaimedBy)))
            .OfType<string>().Distinct();
        foreach (var source in sources)
        {
            if (people.Any(p => p.Split(' ')[^1] == source.Split(' ')[^1]))
                people.Should().Contain(source, $"speaker or claimer '{source}' should use the canonical entity name");
        }
    }

    [Fact]
    public void Divergences_point_to_annotated_figures_and_quotes()
    {
        Gold.Divergences.Should().Contain(d => d.Conflict && d.Kind == "figure", "the corpus must hold a real figure conflict");
        Gold.Divergences.Should().Contain(d => d.Conflict && d.Kind == "quote", "and a quotation worded differently by two outlets");
        Gold.Divergences.Should().Contain(d => !d.Conflict, "and look-alikes of different scope that are not conflicts");

        foreach (var divergence in Gold.Divergences)
        {
            Gold.Stories.Should().ContainKey(divergence.Story);
            divergence.Kind.Should().BeOneOf("figure", "quote");
            divergence.Items.Select(i => i.Article).Distinct().Should().HaveCountGreaterThanOrEqualTo(1);
            foreach (var item in divergence.Items)
            {
                var article = SamplesGold.Article(item.Article);
                article.Story.Should().Be(divergence.Story);
                if (divergence.Kind == "figure")
                    article.Figures.Should().Contain(f => f.Text == item.Text && (item.ClaimedBy == null || f.ClaimedBy == item.ClaimedBy),
                        $"{item.Article} annotates figure '{item.Text}'");
                else
                    article.Quotes.Should().Contain(q => q.Text == item.Text && q.Speaker == item.Speaker,
                        $"{item.Article} annotates quotation '{item.Text}'");
            }
            if (divergence.Conflict)
            {
                var values = divergence.Items.Select(i => i.Text).Distinct().ToList();
                values.Should().HaveCountGreaterThan(1, $"conflict '{divergence.What}' needs two different versions");
            }
        }
    }

    [Fact]
    public void Mojibake_and_legacy_encoding_are_real_in_the_files()
    {
        foreach (var article in Gold.Articles.Where(a => a.Mojibake))
            SamplesGold.RawText(article).Should().Contain("Ã©", $"{article.File} carries UTF-8 read as Windows-1252");

        foreach (var article in Gold.Articles.Where(a => a.Encoding != null))
        {
            var bytes = File.ReadAllBytes(SamplesGold.FullPath(article));
            var strictUtf8 = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
            FluentActions.Invoking(() => strictUtf8.GetString(bytes)).Should().Throw<System.Text.DecoderFallbackException>(
                $"{article.File} is saved in {article.Encoding}, not UTF-8");
            SamplesGold.RawText(article).Should().Contain($"charset={article.Encoding}");
        }
    }
}
