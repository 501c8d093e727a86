using Recoupe.Core.Cleaning;
using Recoupe.Tests.Support;

namespace Recoupe.Tests.Cleaning;

/// <summary>The date a scraped title or header line ends with.</summary>
public sealed class DatePatternTests
{
    [Theory]
    [InlineData("Valbourg adopte le budget du port 20 nov. 2015, 15:59", "Valbourg adopte le budget du port", "20 nov. 2015, 15:59")]
    [InlineData("Harbour budget approved | Nov. 20, 2015 3:59 p.m.", "Harbour budget approved", "Nov. 20, 2015 3:59 p.m.")]
    [InlineData("Harbour budget approved - 2015-11-20T15:59Z \n", "Harbour budget approved", "2015-11-20T15:59Z")]
    [InlineData("Le port de Valbourg · 20/11/2015", "Le port de Valbourg", "20/11/2015")]
    [InlineData("Le port de Valbourg a été rénové en 2015.", "Le port de Valbourg a été rénové en 2015.", null)]
    [InlineData("Le port de Valbourg", "Le port de Valbourg", null)]
    public void A_trailing_date_is_split_off_in_its_written_forms(string text, string head, string? date) =>
        DatePatterns.SplitSuffix(text).Should().Be((head, date));

    [Fact]
    public void Only_texts_the_pattern_would_not_match_are_passed_over_without_trying_it()
    {
        // every line of the samples and seeds: splitting gives a date exactly where the pattern itself matches
        var texts = Directory.EnumerateFiles(SharedData.SamplesDir, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        if (SharedData.Find("seeds") is { } seeds) texts.AddRange(Directory.EnumerateFiles(seeds, "*.txt").Select(File.ReadAllText));
        var lines = texts.SelectMany(t => t.Split('\n')).Concat(["Titre 20 nov. 2015, 15:59", "Title Nov. 20, 2015 3:59 pm  "]).ToList();
        lines.Count.Should().BeGreaterThan(1000);
        var dated = 0;
        foreach (var line in lines)
        {
            var matches = DatePatterns.Suffix.Match(line) is { Success: true } m
                && line[..m.Groups["date"].Index].TrimEnd(' ', ',', '|', '·', '-', '–', '—', ':').Length > 0;
            (DatePatterns.SplitSuffix(line).Date is not null).Should().Be(matches, line);
            if (matches) dated++;
        }
        dated.Should().BeGreaterThan(1);
    }
}
