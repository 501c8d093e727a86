using System.Globalization;
using Recoupe.Core.Model;

namespace Recoupe.Core.Digest.Rendering;

/// <summary>Wordings the renderers share (plain text; each renderer escapes it for its format).</summary>
public static class DigestText
{
    /// <summary>"label (story id)", or whichever of the two is known.</summary>
    public static string Title(DigestStory story) =>
        story.Label is { } label ? story.Id is { } id ? $"{label} ({id})" : label : story.Id ?? "story";

    public static string Overview(StoryDigest digest)
    {
        var story = digest.Story;
        var span = story.FirstDate is { } first && story.LastDate is { } last
            ? first == last ? $", {Day(first)}" : $", {Day(first)} to {Day(last)}"
            : "";
        var outlets = string.Join(", ", story.Outlets.Select(o => o.Name));
        return $"{story.Articles.Count} article{(story.Articles.Count == 1 ? "" : "s")} from {story.Outlets.Count} "
               + $"outlet{(story.Outlets.Count == 1 ? "" : "s")} ({outlets}){span}.";
    }

    /// <summary>"RT France; also Reuters, AFP; differently: Sputnik France".</summary>
    public static string SummarySources(SummaryItem item)
    {
        var same = item.Outlets.Where(o => o != item.Outlet && item.Support.Any(s => s.Outlet == o && s.Relation == SupportRelation.Same)).ToList();
        var differently = item.Outlets.Where(o => o != item.Outlet && !same.Contains(o)).ToList();
        var text = item.Outlet;
        if (same.Count > 0) text += "; also " + string.Join(", ", same);
        if (differently.Count > 0) text += "; differently: " + string.Join(", ", differently);
        return text;
    }

    /// <summary>The sentence of each other outlet that states the item alike (the closest when it has several).</summary>
    public static IEnumerable<SupportingSentence> Alike(SummaryItem item) =>
        item.Support.Where(s => s.Relation == SupportRelation.Same && s.Outlet != item.Outlet)
            .GroupBy(s => s.Outlet, StringComparer.Ordinal).Select(g => g.OrderByDescending(s => s.Similarity).First());

    /// <summary>A sentence cut to about 200 characters at a word boundary, for evidence lines.</summary>
    public static string Excerpt(string text, int max = 200)
    {
        text = text.ReplaceLineEndings(" ");
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(',', ';', ' ') + " …";
    }

    /// <summary>The supporting sentences of outlets that state it only differently (not the sentence's own outlet).</summary>
    public static IEnumerable<SupportingSentence> Differently(SummaryItem item) =>
        item.Support.Where(s => s.Relation == SupportRelation.Differently && s.Outlet != item.Outlet
                                && !item.Support.Any(o => o.Outlet == s.Outlet && o.Relation == SupportRelation.Same));

    /// <summary>How a quotation's kind is named to readers: reported speech is a paraphrase, not a quotation.</summary>
    public static string KindName(QuoteKind kind) => kind switch
    {
        QuoteKind.Direct => "direct",
        QuoteKind.Partial => "partial",
        _ => "paraphrase",
    };

    /// <summary>Words as a speaker's: quotation marks for a quotation, none for reported speech (<see cref="StatementWords"/>).</summary>
    public static string Quoted(QuoteKind kind, string text) => StatementWords.Quoted(kind, text);

    /// <summary>The variant whose words are the statement's reference wording.</summary>
    public static QuoteVariant Reference(Statement statement) => StatementWords.Reference(statement);

    /// <summary>A statement as one line (<see cref="StatementWords.Line"/>).</summary>
    public static string StatementLine(Statement statement) => StatementWords.Line(statement);

    /// <summary>What a figure row counts; a quantity with nothing said of what it measures is marked so (it is kept out of conflicts).</summary>
    public static string Quantity(FigureQuantity quantity, FigureItem item) =>
        (item.Referent ?? quantity.Counts ?? item.Counts ?? "—") + (quantity.ClearReferent ? "" : " (what it measures is not said)");

    public static string Value(FigureItem item)
    {
        if (item.Shown is { } shown) return shown;
        var text = (item.Qualifier is { } q ? q + " " : "") + item.Evidence.Text;
        return item.Unit is { } u && !item.Evidence.Text.Contains(u, StringComparison.Ordinal) ? $"{text} ({u})" : text;
    }

    public static string Mark(CoverageStatus status) => status switch
    {
        CoverageStatus.Reported => "✔",
        CoverageStatus.Differently => "≠",
        _ => "·",
    };

    public static string Date(TimelineEvent e) => e.Precision switch
    {
        "year" => e.Date.Year.ToString(CultureInfo.InvariantCulture),
        "month" => e.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        // a weekday of an undated article, read against the story's dates
        "about-day" => "≈" + Day(e.Date),
        _ => Day(e.Date),
    };

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
