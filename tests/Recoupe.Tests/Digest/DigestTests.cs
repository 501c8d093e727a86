using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Recoupe.Cli.Startup;
using Recoupe.Cli;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Digest;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Core.Storage;
using Recoupe.Core.Text;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Digest;

/// <summary>A store filled through the real reading, cleaning and annotation pipeline, in a temporary folder.</summary>
public abstract class IngestedStore : IDisposable
{
    private readonly TempFolder _folder = TestArticles.TempFolder();

    protected IngestedStore(string name, IEnumerable<string>? inputs)
    {
        DbPath = _folder.File(name + ".db");
        if (inputs is null) return;
        Store = new SqliteArticleStore(DbPath);
        Ingest = new IngestRunner(Store) { Parallelism = 2 }.Run(inputs);
    }

    /// <summary>Null when the inputs are not available (the tests that need them are skipped).</summary>
    public SqliteArticleStore? Store { get; }
    public IngestSummary? Ingest { get; }
    public string DbPath { get; }

    public IReadOnlyList<StoredArticle> All() => Store!.All().ToList();

    public void Dispose()
    {
        Store?.Dispose();
        _folder.Dispose();
    }
}

public sealed class SeedStore() : IngestedStore("seeds",
    SharedData.Find("seeds") is { } dir ? Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal) : null);

public sealed class SamplesStore() : IngestedStore("samples", [Path.Combine(SharedData.SamplesDir, "articles")])
{
    /// <summary>Stored article id of a gold article (matched on the reader's source name), or null when it failed to ingest.</summary>
    public long? IdOf(string goldId)
    {
        var gold = SamplesGold.Article(goldId);
        var suffix = gold.File.Replace('/', Path.DirectorySeparatorChar) + gold.SourceSuffix;
        return Store!.All().FirstOrDefault(a => a.Raw.Source.EndsWith(suffix, StringComparison.Ordinal))?.Id;
    }

    public IReadOnlyList<StoredArticle> Story(string label) =>
        SamplesGold.Load().Articles.Where(a => a.Story == label)
            .Select(a => IdOf(a.Id)).Where(id => id is not null).Select(id => Store!.Get(id!.Value)!).ToList();
}

/// <summary>Checks shared by the seed and sample digests.</summary>
internal static class DigestChecks
{
    public static string Fold(string text) => TextFolding.Fold(text);

    /// <summary>Every evidence object of the JSON digest, checked against the stored clean text; returns how many.</summary>
    public static int CheckEvidence(string json, IArticleStore store)
    {
        using var doc = JsonDocument.Parse(json);
        var texts = new Dictionary<long, string>();
        var count = 0;
        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]");
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("articleId", out var id) && e.TryGetProperty("start", out var start)
                && e.TryGetProperty("end", out var end) && e.TryGetProperty("text", out var text))
            {
                var articleId = id.GetInt64();
                if (!texts.TryGetValue(articleId, out var clean))
                    texts[articleId] = clean = store.Get(articleId)?.Text ?? throw new Xunit.Sdk.XunitException($"{path}: no article {articleId}");
                var (s, t) = (start.GetInt32(), end.GetInt32());
                (s >= 0 && t <= clean.Length && s < t).Should().BeTrue($"{path} has span {s}–{t} inside article {articleId}");
                clean[s..t].Should().Be(text.GetString(), $"{path} must quote article {articleId} from {s} to {t}");
                count++;
            }
            foreach (var property in e.EnumerateObject()) Walk(property.Value, path + "." + property.Name);
        }
        Walk(doc.RootElement, "$");
        return count;
    }

    /// <summary>Every summary sentence, quotation variant and figure carries evidence (JSON property "evidence").</summary>
    public static void CheckItemsHaveEvidence(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        foreach (var item in root.GetProperty("summary").EnumerateArray())
            item.GetProperty("evidence").GetProperty("articleId").GetInt64().Should().BePositive();
        foreach (var speaker in root.GetProperty("speakers").EnumerateArray())
            foreach (var statement in speaker.GetProperty("statements").EnumerateArray())
                foreach (var variant in statement.GetProperty("variants").EnumerateArray())
                    variant.GetProperty("evidence").GetProperty("articleId").GetInt64().Should().BePositive();
        foreach (var quantity in root.GetProperty("figures").EnumerateArray())
            foreach (var claim in quantity.GetProperty("claims").EnumerateArray())
                foreach (var item in claim.GetProperty("items").EnumerateArray())
                    item.GetProperty("evidence").GetProperty("articleId").GetInt64().Should().BePositive();
    }

    /// <summary>No statement mixes speakers, and each variant is a stored quotation with that speaker.</summary>
    public static void CheckSpeakers(StoryDigest digest, IArticleStore store)
    {
        foreach (var statement in digest.Speakers.SelectMany(s => s.Statements))
            foreach (var variant in statement.Variants)
            {
                variant.Speaker.Key.Should().Be(statement.Speaker.Key, $"{statement.Id} holds one speaker's words only");
                var quote = store.Get(variant.ArticleId)!.Quotes
                    .Single(q => q.Start == variant.Evidence.Start && q.End == variant.Evidence.End);
                (quote.SpeakerKey ?? null).Should().Be(variant.Speaker.Key, $"{statement.Id} keeps the extractor's speaker");
            }
    }
}

public sealed class SeedDigestTests(SeedStore seeds, ITestOutputHelper output) : IClassFixture<SeedStore>
{
    private StoryDigest Digest(DigestOptions? options = null) => DigestBuilder.Build(seeds.All(), options);

    private static bool Says(string text, params string[] keywords) =>
        keywords.All(k => DigestChecks.Fold(text).Contains(DigestChecks.Fold(k), StringComparison.Ordinal));

    [SharedFact("seeds")]
    public void The_summary_states_the_main_facts_each_with_the_outlets_that_state_it()
    {
        seeds.Ingest!.Failed.Should().Be(0);
        var digest = Digest();
        foreach (var item in digest.Summary) output.WriteLine($"{item.Id} [{string.Join(", ", item.Outlets)}] {item.Text}");

        digest.Summary.Count.Should().BeInRange(DigestOptions.MinSentences, DigestOptions.MaxSentences);
        digest.Summary.Select(s => s.Evidence.ArticleId).Distinct().Count().Should().BeGreaterThanOrEqualTo(4,
            "a multi-document summary, not the opening of one article");
        string[][] facts =
        [
            ["troupes", "sol"],           // Russia rules out ground troops
            ["600", "rebelles"],          // the rebels claimed killed
            ["sorties", "double"],        // the sorties doubled
            ["groupe", "allies"],         // the French naval group to be treated as allies
            ["etats-unis", "coordonner"], // readiness to coordinate with the United States
        ];
        foreach (var fact in facts)
        {
            var item = digest.Summary.FirstOrDefault(s => Says(s.Text, fact));
            item.Should().NotBeNull($"the summary must state {{{string.Join(", ", fact)}}}");
            var own = DigestBuilder.OutletName(seeds.Store!.Get(item!.Evidence.ArticleId)!);
            item.Outlets[0].Should().Be(own, "each sentence is followed by its own outlet first");
            item.Outlets.Skip(1).All(o => item.Support.Any(s => s.Outlet == o)).Should().BeTrue("other outlets come with their sentence");
        }
    }

    [SharedFact("seeds")]
    public void Who_said_what_groups_the_objectives_statement_of_both_outlets_into_one_entry()
    {
        var digest = Digest();
        var putin = digest.Speakers.Single(s => s.Speaker.Key == "putin");
        var entries = putin.Statements.Where(s => s.Variants.Any(v => Says(v.Text, "objectifs"))).ToList();

        entries.Should().ContainSingle("the two wordings of the statement are one entry");
        var entry = entries[0];
        entry.Variants.Where(v => Says(v.Text, "objectifs")).Select(v => v.ArticleId).Distinct().Should().HaveCount(2);
        entry.Outlets.Should().HaveCountGreaterThanOrEqualTo(2);
        entry.WordedDifferently.Should().BeTrue("one outlet writes « exécutés », the other « remplis »");
    }

    [SharedFact("seeds")]
    public void No_statement_is_attributed_to_a_speaker_its_quotation_does_not_have()
    {
        var digest = Digest();
        digest.Speakers.Select(s => s.Speaker.Key).Should().OnlyHaveUniqueItems();
        DigestChecks.CheckSpeakers(digest, seeds.Store!);
        // every stored quotation of the seeds is in who-said-what, under its own speaker
        var variants = digest.Speakers.SelectMany(s => s.Statements).SelectMany(s => s.Variants).ToList();
        foreach (var article in seeds.All())
            foreach (var quote in article.Quotes)
                variants.Should().Contain(v => v.ArticleId == article.Id && v.Evidence.Start == quote.Start && v.Speaker.Key == quote.SpeakerKey);
    }

    [SharedFact("seeds")]
    public void The_figures_table_holds_the_attributed_figures_with_their_sources_and_no_conflict_across_scopes()
    {
        var digest = Digest();
        var items = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items).ToList();
        foreach (var f in items) output.WriteLine($"{f.Outlet}: {f.Evidence.Text} {f.Counts} [{f.Scope}] by {f.ClaimedBy}");

        var attributed = seeds.All()
            .SelectMany(a => a.Figures.Where(f => f.ClaimedBy is not null && f.Unit is not ("h" or "d" or "month" or "year"))
                .Where(f => a.Paragraphs.All(p => p.Role != ParagraphRole.Title || f.Start >= p.End || f.End <= p.Start))
                .Select(f => (Article: a, Figure: f)))
            .ToList();
        attributed.Should().NotBeEmpty();
        foreach (var (article, figure) in attributed)
            items.Should().Contain(i => i.ArticleId == article.Id && i.Evidence.Start == figure.Start && i.ClaimedBy == figure.ClaimedBy
                                        && i.Outlet == DigestBuilder.OutletName(article),
                $"the figure « {article.Text[figure.Start..figure.End]} » claimed by {figure.ClaimedBy} is in the table with its outlet");

        // sorties over three days and since the start: two scopes, two claims, no conflict
        var sorties = items.Where(i => DigestChecks.Fold(i.Counts ?? "").Contains("sorties")).ToList();
        sorties.Select(i => i.Value).Should().Contain([394m, 2289m]);
        sorties.Select(i => i.Scope).Distinct().Should().HaveCountGreaterThan(1);
        digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Conflicts).Should().BeEmpty();
    }

    [SharedFact("seeds")]
    public void The_timeline_places_the_dated_events_with_their_sources()
    {
        var timeline = Digest().Timeline;
        foreach (var e in timeline) output.WriteLine($"{e.Date:yyyy-MM-dd} [{string.Join(", ", e.Outlets)}] {e.Text}");
        timeline.Select(e => e.Date).Should().BeInAscendingOrder();
        timeline.Should().Contain(e => e.Date == new DateOnly(2015, 9, 30) && Says(e.Text, "septembre"));
        timeline.Should().Contain(e => e.Date == new DateOnly(2015, 10, 31) && Says(e.Text, "octobre"));
        timeline.Should().Contain(e => e.Date == new DateOnly(2015, 11, 26) && Says(e.Text, "visite"));
        timeline.Should().OnlyContain(e => e.Outlets.Count > 0 && e.Sources.Count > 0);
    }

    [SharedFact("seeds")]
    public void Every_item_of_the_json_digest_points_to_the_exact_stored_text()
    {
        var json = DigestJson.Render(Digest(new DigestOptions { Groups = [OutletGroup.Parse("agences=AFP,Reuters")] }));
        DigestChecks.CheckItemsHaveEvidence(json);
        DigestChecks.CheckEvidence(json, seeds.Store!).Should().BeGreaterThan(30);
    }

    [SharedFact("seeds")]
    public void The_coverage_matrix_is_shown_per_user_group_with_the_other_outlets_last()
    {
        var digest = Digest(new DigestOptions
        {
            Groups = [OutletGroup.Parse("agences=AFP,Reuters"), OutletGroup.Parse("médias d'État=RT France,Sputnik France")],
        });
        var groups = digest.Coverage.Groups;
        groups.Select(g => g.Name).Should().Equal("agences", "médias d'État", "other outlets");
        groups[0].Outlets.Should().Equal("AFP", "Reuters");
        groups[1].Outlets.Should().Equal("RT France", "Sputnik France");
        foreach (var group in groups)
            group.Rows.Should().OnlyContain(r => r.Cells.Count == group.Outlets.Count);
        // a summary sentence is reported by its own outlet
        foreach (var item in digest.Summary)
        {
            var group = groups.Single(g => g.Outlets.Contains(item.Outlet));
            var row = group.Rows.Single(r => r.ClaimId == item.Id);
            row.Cells[group.Outlets.ToList().IndexOf(item.Outlet)].Should().Be(CoverageStatus.Reported);
        }
    }

    [SharedFact("seeds")]
    public void The_same_articles_give_the_same_digest_whatever_their_order()
    {
        var articles = seeds.All();
        var forward = DigestJson.Render(DigestBuilder.Build(articles));
        var backward = DigestJson.Render(DigestBuilder.Build(articles.Reverse().ToList()));
        backward.Should().Be(forward);
    }
}

public sealed class SamplesDigestTests(SamplesStore samples, ITestOutputHelper output) : IClassFixture<SamplesStore>
{
    private static bool SameText(string a, string b) =>
        Regex.Replace(TextFolding.Fold(a), @"[\s\p{P}]+", " ").Trim() == Regex.Replace(TextFolding.Fold(b), @"[\s\p{P}]+", " ").Trim();

    private (StoryDigest Digest, Dictionary<string, long> Ids) DigestOf(string story)
    {
        var ids = SamplesGold.Load().Articles.Where(a => a.Story == story)
            .Select(a => (a.Id, Stored: samples.IdOf(a.Id))).Where(x => x.Stored is not null)
            .ToDictionary(x => x.Id, x => x.Stored!.Value);
        return (DigestBuilder.Build(samples.Story(story)), ids);
    }

    public static TheoryData<string> Stories() => new(SamplesGold.Load().Stories.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Stories))]
    public void Every_item_of_each_story_digest_points_to_the_exact_stored_text(string story)
    {
        var (digest, ids) = DigestOf(story);
        ids.Should().NotBeEmpty();
        var json = DigestJson.Render(digest);
        DigestChecks.CheckItemsHaveEvidence(json);
        DigestChecks.CheckEvidence(json, samples.Store!).Should().BeGreaterThan(10);
        DigestChecks.CheckSpeakers(digest, samples.Store!);
        digest.Summary.Count.Should().BeInRange(1, DigestOptions.MaxSentences);
    }

    [Fact]
    public void The_whole_corpus_as_one_story_still_gives_exact_evidence()
    {
        var digest = DigestBuilder.Build(samples.All());
        DigestChecks.CheckEvidence(DigestJson.Render(digest), samples.Store!).Should().BeGreaterThan(100);
    }

    /// <summary>Real divergences of samples/gold.json (index into its "divergences"): the digest must show each one.</summary>
    [Theory]
    [InlineData(1)] // the prefect's statement quoted in two wordings
    [InlineData(11)] // 1.4 million vs 2.1 million employees, company vs hackers
    public void A_real_divergence_between_outlets_is_shown(int index)
    {
        var divergence = SamplesGold.Load().Divergences[index];
        divergence.Conflict.Should().BeTrue();
        var (digest, ids) = DigestOf(divergence.Story);
        var items = divergence.Items.Where(i => ids.ContainsKey(i.Article)).ToList();
        items.Select(i => i.Article).Distinct().Should().HaveCountGreaterThan(1, "the articles of the divergence were ingested");

        if (divergence.Kind == "quote")
        {
            var statement = digest.Speakers.SelectMany(s => s.Statements).FirstOrDefault(s =>
                items.All(i => s.Variants.Any(v => v.ArticleId == ids[i.Article] && SameText(v.Text, i.Text))));
            statement.Should().NotBeNull($"one entry holds every wording of « {divergence.What} »");
            statement!.WordedDifferently.Should().BeTrue();
            statement.Variants.Where(v => v.Differs).Should().NotBeEmpty();
            return;
        }

        var conflicts = digest.Figures.SelectMany(q => q.Claims)
            .SelectMany(c => c.Conflicts.Select(x => (A: c.Items[x.First], B: c.Items[x.Second]))).ToList();
        foreach (var (a, b) in conflicts) output.WriteLine($"conflict: {a.Evidence.Text} ({a.Outlet}) vs {b.Evidence.Text} ({b.Outlet})");
        Func<FigureItem, GoldDivergenceItem, bool> matches = (f, g) =>
            f.ArticleId == ids[g.Article] && TextFolding.Fold(g.Text).StartsWith(TextFolding.Fold(f.Evidence.Text), StringComparison.Ordinal);
        conflicts.Any(c => items.Any(g => matches(c.A, g)) && items.Any(g => matches(c.B, g)) && c.A.Value != c.B.Value)
            .Should().BeTrue($"the digest flags « {divergence.What} »");
    }

    private (int Code, string Out, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRoot.Run(Program.BuildRoot(), ["--db", samples.DbPath, .. args], new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void The_digest_command_writes_each_format_for_the_articles_asked()
    {
        var ids = samples.Story("fuite-orbelis").Select(a => a.Id).Order().ToList();
        var list = string.Join(",", ids);

        var json = Cli("digest", "--articles", list, "--format", "json");
        json.Code.Should().Be(ExitCodes.Ok, json.Error);
        json.Error.Should().Contain($"digest of {ids.Count} articles in");
        using (var doc = JsonDocument.Parse(json.Out))
        {
            doc.RootElement.GetProperty("story").GetProperty("articles").EnumerateArray()
                .Select(a => a.GetProperty("id").GetInt64()).Should().Equal(ids);
            DigestChecks.CheckEvidence(json.Out, samples.Store!).Should().BeGreaterThan(10);
        }
        Cli("--json", "digest", "--articles", list).Out.Should().Be(json.Out, "--json is --format json");

        var html = Cli("digest", "--articles", list, "--format", "html");
        html.Out.Should().StartWith("<!DOCTYPE html>").And.Contain("Content-Security-Policy");

        var markdown = Cli("digest", "--articles", list, "-f", "markdown", "--group", "agences=Agence Meridien,Northwire");
        markdown.Out.Should().Contain("## Who said what").And.Contain("### agences").And.Contain("### other outlets");

        var text = Cli("digest", "--articles", list, "--sentences", "3");
        text.Code.Should().Be(ExitCodes.Ok);
        text.Out.Should().Contain("Summary").And.Contain("Figures by source").And.Contain("Timeline");
    }

    [Fact]
    public void The_digest_command_digests_a_stored_story_by_its_id()
    {
        Cli("recluster").Code.Should().Be(ExitCodes.Ok);
        using var listing = JsonDocument.Parse(Cli("stories", "--json").Out);
        var story = listing.RootElement.EnumerateArray().OrderByDescending(s => s.GetProperty("size").GetInt32()).First();
        var id = story.GetProperty("id").GetString()!;
        var members = story.GetProperty("articles").EnumerateArray().Select(a => a.GetInt64()).Order().ToList();

        var digest = Cli("digest", id, "--format", "json");
        digest.Code.Should().Be(ExitCodes.Ok, digest.Error);
        using var doc = JsonDocument.Parse(digest.Out);
        doc.RootElement.GetProperty("story").GetProperty("id").GetString().Should().Be(id);
        doc.RootElement.GetProperty("story").GetProperty("articles").EnumerateArray()
            .Select(a => a.GetProperty("id").GetInt64()).Should().Equal(members);
        Cli("digest", id[..6], "-f", "markdown").Out.Should().Contain(id, "a unique prefix is enough");
    }

    [Fact]
    public void The_digest_command_names_what_is_wrong_with_its_input()
    {
        Cli("digest").Error.Should().Contain("give one of");
        Cli("digest").Code.Should().Be(ExitCodes.Error);
        Cli("digest", "--articles", "1,999999").Error.Should().Contain("no article with id 999999");
        Cli("digest", "--articles", "1,x").Error.Should().Contain("'x' is not an article id");
        Cli("digest", "--all", "--group", "agences").Error.Should().Contain("--group").And.Contain("NAME=OUTLET");
        Cli("digest", "--all", "--sentences", "0").Code.Should().Be(ExitCodes.Error);
        Cli("digest", "--all", "--format", "pdf").Code.Should().Be(ExitCodes.Error);
        var story = Cli("digest", "no-such-story");
        story.Code.Should().Be(ExitCodes.Error);
        story.Error.Should().Contain("no-such-story");
    }

    [Fact]
    public void The_tolls_of_the_prefecture_and_of_the_ministry_are_listed_side_by_side()
    {
        var (digest, ids) = DigestOf("crue-combrelle");
        var other = ids["crue-rtn-0311"];
        // the prefecture's "au moins 12" and the ministry's 14 of the same evening are listed side by side, not in conflict.
        // (The summary no longer credits the ministry's sentence as "stated differently": alignment by meaning does not join it.)
        var tolls = digest.Figures.SelectMany(q => q.Claims).Single(c => c.Items.Any(i => i.Value == 14 && i.ArticleId == other));
        tolls.Items.Should().Contain(i => i.Value == 12);
        tolls.Conflicts.Should().BeEmpty();
    }

    /// <summary>Look-alikes of samples/gold.json that are not conflicts (other scope, other time, same value written otherwise).</summary>
    [Theory]
    [InlineData(0)] // "au moins 12" dead (prefecture) holds with 14 (ministry), same evening: two counts, no conflict
    [InlineData(2)] // evacuees in the last 24 hours vs since the flood began
    [InlineData(3)] // successive death tolls
    [InlineData(4)] // 6,40 m / 6,4 m / 6.4 metres
    [InlineData(5)] // homes without power on Tuesday vs Wednesday
    [InlineData(6)] // flights cancelled on Monday vs over four days
    [InlineData(7)] // 90 jours vs trois mois
    [InlineData(8)] // tonnes landed last year vs allowed until quotas are set
    [InlineData(9)] // 17 goals in all competitions vs 14 in the league, this season
    [InlineData(10)] // £38million estimate vs 42 million euros
    [InlineData(12)] // « plus de deux millions » rounds 2,1 millions
    public void A_look_alike_is_not_flagged_as_a_conflict(int index)
    {
        var divergence = SamplesGold.Load().Divergences[index];
        divergence.Conflict.Should().BeFalse();
        var (digest, ids) = DigestOf(divergence.Story);
        var golden = divergence.Items.Where(i => ids.ContainsKey(i.Article)).ToList();
        bool IsGold(FigureItem f) => golden.Any(g => f.ArticleId == ids[g.Article]
                                                     && TextFolding.Fold(g.Text).StartsWith(TextFolding.Fold(f.Evidence.Text), StringComparison.Ordinal));
        var flagged = digest.Figures.SelectMany(q => q.Claims)
            .SelectMany(c => c.Conflicts.Select(x => (A: c.Items[x.First], B: c.Items[x.Second])))
            .Where(c => IsGold(c.A) && IsGold(c.B)).ToList();
        flagged.Should().BeEmpty($"« {divergence.What} » is not a conflict: {divergence.Why}");
    }
}

/// <summary>The digest's rules on small articles written here, annotated by hand where the rule under test needs it.</summary>
public sealed class DigestRuleTests
{
    private static StoredArticle Article(long id, string outlet, string published, string text,
        Action<Document>? annotate = null)
    {
        var document = TestArticles.Pipeline(new SegmentStage(), new LanguageStage()).Process(TestArticles.Raw(text, $"test-{id}.txt"));
        document.Metadata.Outlet = outlet;
        document.Metadata.Published = DateTime.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        annotate?.Invoke(document);
        return StoredArticle.Of(document, id, $"h{id}");
    }

    private static Figure FigureAt(Document d, string number, string context, decimal value, string counts,
        string? scope = null, string? claimedBy = null, string? qualifier = null, string? unit = null)
    {
        var at = d.Text.IndexOf(context, StringComparison.Ordinal) + context.IndexOf(number, StringComparison.Ordinal);
        return new Figure(at, at + number.Length, value)
        {
            Counts = counts, Scope = scope, ClaimedBy = claimedBy, ClaimedByKey = claimedBy is null ? null : TextFolding.Slug(claimedBy),
            Qualifier = qualifier, Unit = unit,
        };
    }

    private static Quotation QuoteAt(Document d, string words, string speaker, string key, QuoteKind kind = QuoteKind.Direct)
    {
        var at = d.Text.IndexOf(words, StringComparison.Ordinal);
        return new Quotation(at, at + words.Length, kind) { SpeakerName = speaker, SpeakerKey = key };
    }

    private static IEnumerable<(FigureItem A, FigureItem B)> Conflicts(StoryDigest digest) =>
        digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Conflicts.Select(x => (c.Items[x.First], c.Items[x.Second])));

    [Fact]
    public void Two_outlets_giving_different_counts_for_the_same_scope_and_evening_conflict()
    {
        const string a = "Bilan de la tempête\n\nLa tempête a fait 12 morts depuis lundi, selon la préfecture du Nord.";
        const string b = "Tempête : le ministère compte 14 morts\n\nLa tempête a fait 14 morts depuis lundi, a indiqué le ministère de l'Intérieur.";
        var digest = DigestBuilder.Build(
        [
            Article(1, "La Dépêche", "2026-03-11T19:00", a, d => d.Figures.Add(FigureAt(d, "12", "fait 12 morts", 12, "morts", "depuis lundi", "préfecture du Nord"))),
            Article(2, "Le Courrier", "2026-03-11T21:00", b, d => d.Figures.Add(FigureAt(d, "14", "fait 14 morts", 14, "morts", "depuis lundi", "ministère de l'Intérieur"))),
        ]);

        var conflict = Conflicts(digest).Should().ContainSingle().Subject;
        new[] { conflict.A.Value, conflict.B.Value }.Should().BeEquivalentTo([12m, 14m]);
        var claim = digest.Figures.SelectMany(q => q.Claims).Single(c => c.Conflicts.Count > 0);
        digest.Coverage.Claims.Single(c => c.Id == claim.Id).ByOutlet.Values.Should().Contain(CoverageStatus.Differently);
    }

    [Fact]
    public void Counts_of_different_scopes_or_days_and_rounded_versions_do_not_conflict()
    {
        const string a = "Frappes\n\nL'aviation a effectué 394 sorties au cours des trois derniers jours. Les pirates disent détenir les données de 2,1 millions de salariés.";
        const string b = "Bilan\n\nAu total, 2 289 sorties ont été effectuées depuis le début de l'opération. Les pirates revendiquent les données de plus de deux millions de salariés.";
        const string c = "Nouveau bilan\n\nL'aviation a effectué 500 sorties au cours des trois derniers jours.";
        var digest = DigestBuilder.Build(
        [
            Article(1, "Agence A", "2026-03-11T10:00", a, d =>
            {
                d.Figures.Add(FigureAt(d, "394", "394 sorties", 394, "sorties", "au cours des trois derniers jours"));
                d.Figures.Add(FigureAt(d, "2,1 millions", "2,1 millions de salariés", 2_100_000, "salariés"));
            }),
            Article(2, "Journal B", "2026-03-11T12:00", b, d =>
            {
                d.Figures.Add(FigureAt(d, "2 289", "2 289 sorties", 2289, "sorties", "depuis le début de l'opération"));
                d.Figures.Add(FigureAt(d, "deux millions", "deux millions de salariés", 2_000_000, "salariés", qualifier: "plus de"));
            }),
            // the same scope three days later is a new count, not a second version of the first
            Article(3, "Agence A", "2026-03-14T10:00", c, d => d.Figures.Add(FigureAt(d, "500", "500 sorties", 500, "sorties", "au cours des trois derniers jours"))),
        ]);

        Conflicts(digest).Should().BeEmpty();
        var salaries = digest.Figures.SelectMany(q => q.Claims).Single(cl => cl.Items.Any(i => i.Value == 2_100_000m));
        salaries.Items.Select(i => i.ArticleId).Should().BeEquivalentTo([1L, 2L], "the two versions are aligned in one claim");
    }

    [Fact]
    public void A_duration_that_only_gives_another_figures_time_span_is_not_a_figure()
    {
        const string text = "Crue\n\nPrès de 900 personnes ont été évacuées au cours des dernières 24 heures.";
        var digest = DigestBuilder.Build(
        [
            Article(1, "Agence A", "2026-03-11T10:00", text, d =>
            {
                d.Figures.Add(FigureAt(d, "900", "900 personnes", 900, "personnes", "au cours des dernières 24 heures", qualifier: "près de"));
                d.Figures.Add(FigureAt(d, "24", "24 heures", 24, "heures", "au cours des dernières 24 heures", unit: "h"));
            }),
        ]);
        digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Items).Select(i => i.Value).Should().Equal(900m);
    }

    [Fact]
    public void Reworded_quotations_of_one_speaker_become_one_entry_and_other_speakers_stay_apart()
    {
        const string a = "Sommet\n\n« Nos objectifs sont atteints et bien atteints », a déclaré la ministre. « Nous ne céderons rien sur la pêche », a dit le député.";
        const string b = "Accord\n\n« Les objectifs sont remplis, et ils sont bien remplis », a affirmé la ministre lors d'une conférence de presse. Elle a salué « un compromis courageux ».";
        const string c = "Réactions\n\nLe député a dénoncé « un compromis courageux pour les autres ».";
        var digest = DigestBuilder.Build(
        [
            Article(1, "Agence A", "2026-03-18T10:00", a, d =>
            {
                d.Quotes.Add(QuoteAt(d, "Nos objectifs sont atteints et bien atteints", "Hélène Darmont", "darmont"));
                d.Quotes.Add(QuoteAt(d, "Nous ne céderons rien sur la pêche", "Paul Mercier", "mercier"));
            }),
            Article(2, "Journal B", "2026-03-18T12:00", b, d =>
            {
                d.Quotes.Add(QuoteAt(d, "Les objectifs sont remplis, et ils sont bien remplis", "Hélène Darmont", "darmont"));
                d.Quotes.Add(QuoteAt(d, "un compromis courageux", "Hélène Darmont", "darmont", QuoteKind.Partial));
            }),
            Article(3, "Journal C", "2026-03-18T15:00", c, d => d.Quotes.Add(QuoteAt(d, "un compromis courageux pour les autres", "Paul Mercier", "mercier", QuoteKind.Partial))),
        ]);

        var darmont = digest.Speakers.Single(s => s.Speaker.Key == "darmont");
        var objectives = darmont.Statements.Single(s => s.Variants.Count == 2 && s.Variants.All(v => v.Text.Contains("objectifs")));
        objectives.Outlets.Should().Equal("Agence A", "Journal B");
        objectives.WordedDifferently.Should().BeTrue();
        // the same words from another speaker are never merged into her statement
        darmont.Statements.SelectMany(s => s.Variants).Should().OnlyContain(v => v.Speaker.Key == "darmont");
        var mercier = digest.Speakers.Single(s => s.Speaker.Key == "mercier");
        mercier.Statements.SelectMany(s => s.Variants).Should().HaveCount(2).And.OnlyContain(v => v.Speaker.Key == "mercier");
    }

    [Fact]
    public void A_partial_quotation_is_attached_to_the_fuller_one_that_contains_it()
    {
        const string a = "Procès\n\n« Je n'ai jamais favorisé qui que ce soit, les commissions étaient souveraines », a assuré l'entrepreneur. Il a redit n'avoir « jamais favorisé qui que ce soit ».";
        var digest = DigestBuilder.Build(
        [
            Article(1, "Agence A", "2026-03-03T10:00", a, d =>
            {
                d.Quotes.Add(QuoteAt(d, "Je n'ai jamais favorisé qui que ce soit, les commissions étaient souveraines", "Philippe Ferrand", "ferand"));
                var partial = d.Text.LastIndexOf("jamais favorisé qui que ce soit", StringComparison.Ordinal);
                d.Quotes.Add(new Quotation(partial, partial + "jamais favorisé qui que ce soit".Length, QuoteKind.Partial) { SpeakerName = "Philippe Ferrand", SpeakerKey = "ferand" });
            }),
        ]);
        var statement = digest.Speakers.Single().Statements.Should().ContainSingle().Subject;
        statement.Variants.Should().HaveCount(2);
        var partialVariant = statement.Variants.Single(v => v.Kind == QuoteKind.Partial);
        partialVariant.PartOf.Should().Be(statement.Variants.ToList().FindIndex(v => v.Kind == QuoteKind.Direct));
        statement.WordedDifferently.Should().BeFalse("a part of the same words is not another wording");
    }

    [Fact]
    public void The_summary_follows_each_sentence_with_the_outlets_that_state_it_in_other_words()
    {
        const string a = "Grève des pilotes\n\nLa compagnie Air Solenne a annulé 180 vols lundi à cause de la grève des pilotes. Le syndicat réclame une hausse des salaires de 6,5 %. Les passagers pourront être remboursés sans frais.";
        const string b = "Air Solenne\n\nÀ cause de la grève de ses pilotes, Air Solenne a dû annuler 180 vols ce lundi. La direction juge la grève irresponsable. Le trafic reprendra mercredi selon la compagnie.";
        const string c = "Grève\n\nLa grève des pilotes d'Air Solenne a provoqué l'annulation de 150 vols lundi, selon un décompte syndical. Un préavis couvre toute la semaine.";
        var digest = DigestBuilder.Build(
        [
            Article(1, "Agence A", "2026-03-16T10:00", a),
            Article(2, "Journal B", "2026-03-16T12:00", b),
            Article(3, "Radio C", "2026-03-16T13:00", c),
        ], new DigestOptions { Sentences = 3 });

        digest.Summary.Should().HaveCountLessThanOrEqualTo(3);
        var cancelled = digest.Summary.Single(s => s.Text.Contains("vols"));
        cancelled.Outlets.Should().Contain(["Agence A", "Journal B"]);
        cancelled.Support.Should().Contain(s => s.Relation == SupportRelation.Same);
        // the outlet that gives another number says it differently
        if (cancelled.Outlets.Contains("Radio C"))
            cancelled.Support.Single(s => s.Outlet == "Radio C").Relation.Should().Be(SupportRelation.Differently);
    }

    [Fact]
    public void A_story_needs_articles_and_a_summary_at_least_one_sentence()
    {
        var build = () => DigestBuilder.Build([]);
        build.Should().Throw<ArgumentException>();
        var article = Article(1, "Agence A", "2026-03-16T10:00", "Titre\n\nUne phrase de contenu assez longue pour un résumé de test.");
        var zero = () => DigestBuilder.Build([article], new DigestOptions { Sentences = 0 });
        zero.Should().Throw<ArgumentOutOfRangeException>();
        var parse = () => OutletGroup.Parse("sans signe égal");
        parse.Should().Throw<FormatException>().WithMessage("*NAME=OUTLET*");
    }

    [Fact]
    public void Html_is_one_self_contained_file_and_article_text_is_never_markup()
    {
        const string text = "Piège <script>alert(1)</script>\n\nLe texte contient <b>du balisage</b> & une image <img src=http://example.com/x.png> qu'il faut montrer tel quel dans le résumé.";
        var digest = DigestBuilder.Build([Article(1, "Site <i>X</i>", "2026-03-16T10:00", text)]);

        var html = DigestHtml.Render(digest);
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'");
        html.Should().Contain("<style>").And.NotContain("<script").And.NotContain("<link").And.NotContain("<img");
        html.Should().NotContain("<b>du").And.NotContain("<i>X").And.Contain("&lt;img src=");
        html.Should().Contain("&lt;b&gt;du balisage&lt;/b&gt; &amp; une image");

        var markdown = DigestMarkdown.Render(digest);
        markdown.Should().Contain("\\<b\\>du balisage\\</b\\>");
        var json = DigestJson.Render(digest);
        json.Should().Contain("\"articleId\"").And.Contain("\"summary\"").And.Contain("\"coverage\"").And.NotContain("\"ArticleId\"");
    }
}
