using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Recoupe.Core.Digest;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Model;
using Recoupe.Core.Segmentation;
using Recoupe.Tests.Cli;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Digest;

/// <summary>Issue 16: the summary cross-checks outlets, one outlet name everywhere, reported speech shown as reported.</summary>
public sealed class CrossCheckTests(SeedStore seeds, ITestOutputHelper output) : IClassFixture<SeedStore>
{
    private StoryDigest Digest() => DigestBuilder.Build(seeds.All());

    private static bool Says(string text, params string[] words) =>
        words.All(w => DigestChecks.Fold(text).Contains(DigestChecks.Fold(w), StringComparison.Ordinal));

    [SharedFact("seeds")]
    public void At_least_three_summary_items_are_stated_by_two_outlets_each_with_its_evidence()
    {
        var digest = Digest();
        foreach (var item in digest.Summary)
            output.WriteLine($"{item.Id} [{string.Join(", ", DigestText.Alike(item).Select(s => s.Outlet).Prepend(item.Outlet))}] {item.Text}");

        var crossChecked = digest.Summary.Where(i => DigestText.Alike(i).Any()).ToList();
        crossChecked.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var item in crossChecked)
            foreach (var support in DigestText.Alike(item))
            {
                support.Outlet.Should().NotBe(item.Outlet);
                var article = seeds.Store!.Get(support.Evidence.ArticleId)!;
                article.Text[support.Evidence.Start..support.Evidence.End].Should().Be(support.Evidence.Text, "evidence is the stored text");
                DigestBuilder.OutletName(article).Should().Be(support.Outlet);
            }

        // Russia sends no ground troops (AFP) and Putin's « intervention au sol » is not planned (Reuters)
        var ground = crossChecked.Single(i => Says(i.Text, "troupes", "sol"));
        DigestText.Alike(ground).Select(s => s.Outlet).Prepend(ground.Outlet).Should().Contain(["AFP", "Reuters"]);
        // « not enough yet »: the unnamed outlet and Reuters quote it
        var notEnough = crossChecked.Single(i => Says(i.Text, "pas encore suffisant"));
        DigestText.Alike(notEnough).Should().Contain(s => s.Outlet == "Reuters" && Says(s.Evidence.Text, "suffisant"));
    }

    [SharedFact("seeds")]
    public void Summary_items_come_by_number_of_outlets_and_none_starts_or_ends_inside_a_quotation()
    {
        var digest = Digest();
        var counts = digest.Summary.Select(i => DigestText.Alike(i).Count() + 1).ToList();
        counts.Should().BeInDescendingOrder();
        foreach (var item in digest.Summary.Concat(digest.Exclusives))
        {
            var article = seeds.Store!.Get(item.Evidence.ArticleId)!;
            foreach (var q in article.Quotes)
            {
                (q.Start < item.Evidence.Start && item.Evidence.Start < q.End).Should().BeFalse($"{item.Id} starts inside the quotation at {q.Start}");
                (q.Start < item.Evidence.End && item.Evidence.End < q.End).Should().BeFalse($"{item.Id} ends inside the quotation at {q.Start}");
            }
            item.Text.Count(c => c == '«').Should().Be(item.Text.Count(c => c == '»'), item.Text);
            (item.Text.Count(c => c == '"') % 2).Should().Be(0, item.Text);
        }
    }

    [SharedFact("seeds")]
    public void Exclusives_are_stated_by_one_outlet_only_and_not_already_in_the_summary()
    {
        var digest = Digest();
        digest.Exclusives.Should().NotBeEmpty();
        foreach (var x in digest.Exclusives)
        {
            x.Support.Where(s => s.Outlet != x.Outlet).Should().BeEmpty();
            digest.Summary.Should().NotContain(s => s.Evidence == x.Evidence);
        }
        digest.Contradictions.Should().BeEmpty("no seed outlet denies what another asserts");
    }

    [SharedFact("seeds")]
    public void Reported_speech_is_never_printed_between_quotation_marks_and_is_labelled_a_paraphrase()
    {
        var digest = Digest();
        var indirect = digest.Speakers.SelectMany(s => s.Statements).SelectMany(s => s.Variants)
            .Where(v => v.Kind == QuoteKind.Indirect).ToList();
        indirect.Should().NotBeEmpty("the seeds report speech (« a fait savoir qu'une intervention au sol… »)");
        var markdown = DigestMarkdown.Render(digest);
        var html = DigestHtml.Render(digest);
        foreach (var v in indirect)
        {
            markdown.Should().NotContain("« " + DigestMarkdown.Escape(v.Text) + " »");
            html.Should().NotContain("<q>" + System.Net.WebUtility.HtmlEncode(v.Text) + "</q>");
            DigestText.Quoted(v.Kind, v.Text).Should().Be(v.Text);
        }
        markdown.Should().Contain("paraphrase (a fait savoir)");
        digest.Coverage.Claims.Where(c => c.Kind == ClaimKind.Quote && c.Label.Contains("paraphrase", StringComparison.Ordinal))
            .Should().OnlyContain(c => !c.Label.Contains('«'));
    }

    [SharedFact("seeds")]
    public void Every_command_names_the_outlets_alike_and_the_AFP_seed_is_AFP()
    {
        using var folder = TestArticles.TempFolder();
        var db = folder.File("outlets.db");
        var files = Directory.GetFiles(SharedData.Find("seeds")!, "*.txt").Order(StringComparer.Ordinal).ToArray();
        CliRun.Of(["ingest", .. files, "--db", db]).ExitCode.Should().Be(0);
        var afpId = JsonDocument.Parse(CliRun.Of(["articles", "--json", "--db", db]).Out).RootElement.EnumerateArray()
            .Select(a => a.GetProperty("id").GetInt64()).Order().ElementAt(1); // seed 001 is the second stored

        var storyId = JsonDocument.Parse(CliRun.Of(["stories", "--json", "--db", db]).Out).RootElement[0].GetProperty("id").GetString()!;
        var byCommand = new Dictionary<string, Dictionary<long, HashSet<string>>>
        {
            ["articles"] = Outlets(CliRun.Of(["articles", "--json", "--db", db]).Out),
            ["quotes"] = Outlets(CliRun.Of(["quotes", "--json", "--db", db]).Out),
            ["figures"] = Outlets(CliRun.Of(["figures", "--json", "--db", db]).Out),
            ["story"] = Outlets(CliRun.Of(["story", storyId, "--json", "--db", db]).Out),
            ["digest"] = Outlets(CliRun.Of(["digest", storyId, "--format", "json", "--db", db]).Out),
        };
        foreach (var (command, outlets) in byCommand)
        {
            output.WriteLine($"{command}: {string.Join("; ", outlets.OrderBy(x => x.Key).Select(x => $"{x.Key}={string.Join("|", x.Value)}"))}");
            outlets.Should().ContainKey(afpId, command);
            outlets[afpId].Should().Equal(["AFP"], $"seed 001 is an AFP dispatch ({command})");
            foreach (var (id, names) in outlets)
            {
                names.Should().ContainSingle($"one name for article {id} in {command}");
                Regex.IsMatch(names.Single(), @"^article \d+$").Should().BeFalse();
                if (byCommand["articles"].TryGetValue(id, out var listed)) names.Should().BeEquivalentTo(listed, $"{command} and articles agree on article {id}");
            }
        }
        // the story and its digest count the same outlets
        var story = JsonDocument.Parse(CliRun.Of(["story", storyId, "--json", "--db", db]).Out).RootElement.GetProperty("story");
        var digest = JsonDocument.Parse(CliRun.Of(["digest", storyId, "--format", "json", "--db", db]).Out).RootElement.GetProperty("story");
        story.GetProperty("outlets").GetArrayLength().Should().Be(digest.GetProperty("outlets").GetArrayLength());
    }

    [Fact]
    public void An_article_without_outlet_shows_its_site_host_else_unknown_outlet_never_a_number()
    {
        var withHost = new ArticleMetadata { Url = "https://www.example-news.org/a/1" };
        OutletNames.Shown(withHost).Should().Be("example-news.org");
        OutletNames.Shown(new ArticleMetadata()).Should().Be(OutletNames.Unknown);
        OutletNames.Shown(new ArticleMetadata { Agency = "AFP" }).Should().Be("AFP", "a dispatch's credited agency names it");
        OutletNames.Shown(new ArticleMetadata { Outlet = "RT France", Agency = "AFP" }).Should().Be("RT France");
    }

    /// <summary>Article id → outlet names, from every JSON object that has an outlet and an article id (its own or its article's).</summary>
    private static Dictionary<long, HashSet<string>> Outlets(string json)
    {
        var found = new Dictionary<long, HashSet<string>>();
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) Walk(x);
            if (e.ValueKind != JsonValueKind.Object) return;
            long? id = e.TryGetProperty("articleId", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt64()
                : e.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt64()
                : e.TryGetProperty("article", out var art) && art.ValueKind == JsonValueKind.Object && art.TryGetProperty("id", out var ai) ? ai.GetInt64()
                : null;
            var outlet = e.TryGetProperty("outlet", out var o) ? o.ValueKind == JsonValueKind.String ? o.GetString() : null
                : e.TryGetProperty("article", out var art2) && art2.ValueKind == JsonValueKind.Object && art2.TryGetProperty("outlet", out var ao) ? ao.GetString() : null;
            if (id is { } key && outlet is not null)
            {
                if (!found.TryGetValue(key, out var set)) found[key] = set = [];
                set.Add(outlet);
            }
            foreach (var p in e.EnumerateObject()) Walk(p.Value);
        }
        Walk(JsonDocument.Parse(json).RootElement);
        return found;
    }
}

/// <summary>Issue 16: weekdays are read with the tense of their sentence (sentences written for the test).</summary>
public sealed class WeekdayTenseTests
{
    private static readonly DateOnly Tuesday = new(2015, 11, 17);

    private static DateOnly? Resolve(string sentence) =>
        DateFinder.Default.Find(sentence).Single(d => d.Weekday is not null).Resolve(Tuesday);

    [Fact]
    public void A_future_verb_or_next_makes_a_weekday_the_coming_one_and_the_past_looks_back()
    {
        Resolve("Les travaux ne commenceront pas avant mercredi, selon la mairie.").Should().Be(new DateOnly(2015, 11, 18));
        Resolve("Le chantier ne commencera pas avant mercredi.").Should().Be(new DateOnly(2015, 11, 18));
        Resolve("La réunion aura lieu lundi à Bruxelles.").Should().Be(new DateOnly(2015, 11, 23));
        Resolve("Le conseil se réunit mardi prochain.").Should().Be(new DateOnly(2015, 11, 24));
        Resolve("The ministers will meet on Friday in Brussels.").Should().Be(new DateOnly(2015, 11, 20));
        Resolve("The vote is set for next Monday.").Should().Be(new DateOnly(2015, 11, 23));

        Resolve("Le ministre a déclaré mercredi que les travaux avaient commencé.").Should().Be(new DateOnly(2015, 11, 11));
        Resolve("Alexandra a parlé dimanche.").Should().Be(new DateOnly(2015, 11, 15), "a name ending like a future verb is not one");
        Resolve("The minister said on Monday that work had started.").Should().Be(new DateOnly(2015, 11, 16));
    }

    [Theory]
    [InlineData("Des orages ont touché la région de mardi à mercredi.", "2015-11-17", "2015-11-18")]
    [InlineData("Les rames sont restées à quai de samedi à lundi.", "2015-11-14", "2015-11-16")]
    [InlineData("The storm lasted from Friday to Sunday.", "2015-11-13", "2015-11-15")]
    public void A_range_of_weekdays_runs_forwards_from_its_first_day(string sentence, string from, string to)
    {
        // published on a Tuesday: "mercredi" closing a range that opens on that Tuesday is the next day, not six days before
        var days = DateFinder.Default.Find(sentence).Where(d => d.Weekday is not null).Select(d => d.Resolve(Tuesday)).ToList();
        days.Should().Equal(DateOnly.Parse(from), DateOnly.Parse(to));
    }
}
