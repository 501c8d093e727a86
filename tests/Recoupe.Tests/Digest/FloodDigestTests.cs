using Xunit.Abstractions;
using Recoupe.Cli.Evaluation;
using Recoupe.Core.Digest;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Digest;

/// <summary>Issue 16 on the samples' flood story: what the summary credits, and the timeline's days.</summary>
public sealed class FloodDigestTests(ITestOutputHelper output)
{
    private static readonly FigurePairSets Sets = new(SharedData.RepoRoot, SharedData.Root);

    private static readonly string[] Flood = ["samples:crue-meridien-0310", "samples:crue-echo-0310", "samples:crue-meridien-0311",
        "samples:crue-rtn-0311", "samples:crue-mediapulse-0312", "samples:crue-northwire-0312", "samples:crue-grandangle-0314"];

    [Fact]
    public void The_ministers_visit_is_not_credited_to_a_town_halls_count_of_damaged_houses()
    {
        var digest = DigestBuilder.Build(Sets.Articles(Flood)!.Select(a => a.Article).ToList());
        foreach (var item in digest.Summary)
        {
            output.WriteLine($"{item.Id} {item.Outlet}: {item.Text}");
            foreach (var s in DigestText.Alike(item)) output.WriteLine($"    {s.Outlet}: {s.Evidence.Text}");
        }
        var visit = digest.Summary.Concat(digest.Exclusives).Single(i => i.Text.Contains("s’est rendu mercredi à Sainte-Aulde", StringComparison.Ordinal));
        DigestText.Alike(visit).Should().NotContain(s => s.Evidence.Text.Contains("maisons", StringComparison.Ordinal),
            "« rendues inhabitables » and « s'est rendu » share a verb's stem, not a fact");
        // what several outlets do state stays cross-checked: the evacuations and the prefect's words
        digest.Summary.Count(i => DigestText.Alike(i).Any()).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void What_is_expected_on_a_weekday_is_dated_forward_and_one_event_is_listed_once()
    {
        var digest = DigestBuilder.Build(Sets.Articles(Flood)!.Select(a => a.Article).ToList());
        foreach (var e in digest.Timeline) output.WriteLine($"{DigestText.Date(e)} [{string.Join(", ", e.Outlets)}] {e.Text}");
        // published Tuesday 10 March: « est attendu mercredi » is the 11th, not the 4th
        var visit = digest.Timeline.Single(e => e.Sources.Any(s => s.Evidence.Text.Contains("est attendu mercredi dans la vallée", StringComparison.Ordinal)));
        visit.Date.Should().Be(new DateOnly(2026, 3, 11));
        // one sentence of one article is one event of its day
        digest.Timeline.GroupBy(e => (e.Date, e.Evidence.ArticleId, e.Evidence.Start)).Should().OnlyContain(g => g.Count() == 1);
    }
}
