using Xunit.Abstractions;
using Recoupe.Evaluation;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Html;

/// <summary>
/// The html-readability-dev set (130 pages in many languages, Readability's expected text and metadata), scored as its
/// score.py does. Floors: the targets where reached (mean F1 0.93, no refusal, language 98%), else the figure
/// reached on this branch minus about one or two points (when written: F1 0.966 whole, 0.932 on the frozen split, which
/// reaches the 0.93; titles 117/127, bylines 67/76 (the credit line as shown), site names 62/62, published 33/33).
/// </summary>
public sealed class HtmlDevSetTests(ITestOutputHelper output)
{
    private const string DevSet = "corpus/html-readability-dev";

    [SharedFact(DevSet)]
    public void On_the_readability_dev_set_mean_f1_metadata_and_refusals_reach_their_floors()
    {
        var results = HtmlDevSet.Evaluate(HtmlDevSet.Load(SharedData.Find(DevSet)!));
        var summaries = HtmlDevSet.Summaries(results);
        foreach (var summary in summaries) output.WriteLine(summary.Line());
        var all = summaries[0];

        all.Pages.Should().Be(130);
        all.MeanF1.Should().BeGreaterThanOrEqualTo(0.96);
        summaries[2].MeanF1.Should().BeGreaterThanOrEqualTo(0.93, "the frozen split is never tuned on");
        all.Refusals.Should().Be(0, "a page whose expected text is not empty holds an article");
        all.Share("lang").Should().BeGreaterThanOrEqualTo(0.98);
        all.Share("title").Should().BeGreaterThanOrEqualTo(0.90);
        all.Share("byline").Should().BeGreaterThanOrEqualTo(0.86);
        all.Share("siteName").Should().BeGreaterThanOrEqualTo(0.98);
        all.Share("published").Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void The_frozen_split_is_a_fixed_third_of_names_chosen_by_their_hash_alone()
    {
        var names = Enumerable.Range(0, 3000).Select(i => $"page-{i}").ToList();
        var frozen = names.Count(HtmlDevSet.IsFrozen);
        frozen.Should().BeInRange(900, 1100);
        // FNV-1a of "bbc-1" is 3440416788 (divisible by 3), of "nytimes-1" 1676380384 (not).
        HtmlDevSet.IsFrozen("bbc-1").Should().BeTrue();
        HtmlDevSet.IsFrozen("nytimes-1").Should().BeFalse();
    }

    [Fact]
    public void Dev_scoring_counts_words_as_score_py_does_in_any_script()
    {
        HtmlDevSet.WordF1("Le chat dort.", "le CHAT dort").Should().Be(1);
        // A run of Han characters is one word, as Python's \w+ reads it; full-width letters fold under NFKC.
        HtmlDevSet.WordF1("谷歌收购了公司。", "谷歌收购了公司").Should().Be(1);
        HtmlDevSet.WordF1("ＡＢＣ", "abc").Should().Be(1);
        HtmlDevSet.WordF1("one two", "one three").Should().BeApproximately(0.5, 1e-9);
        HtmlDevSet.WordF1("", "something").Should().Be(0);
    }

    [Fact]
    public void A_miss_is_within_expected_only_when_the_expected_title_or_byline_holds_ours_whole()
    {
        HtmlDevSet.WithinExpected(new HtmlDevMiss("title", "Pier reopens", "Pier reopens - Coast Gazette")).Should().BeTrue();
        HtmlDevSet.WithinExpected(new HtmlDevMiss("byline", "Ann Lee", "By ANN  LEE\n March 3, 2015")).Should().BeTrue();
        HtmlDevSet.WithinExpected(new HtmlDevMiss("byline", "Ann Lee, Tom Roe", "Tom Roe")).Should().BeFalse();
        HtmlDevSet.WithinExpected(new HtmlDevMiss("byline", "", "Tom Roe")).Should().BeFalse();
        HtmlDevSet.WithinExpected(new HtmlDevMiss("siteName", "Gazette", "Coast Gazette")).Should().BeFalse();
    }
}
