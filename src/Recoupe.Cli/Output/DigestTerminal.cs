using Spectre.Console;
using Spectre.Console.Rendering;
using Recoupe.Core.Digest.Rendering;
using Recoupe.Core.Digest;
using Recoupe.Core.Model;

namespace Recoupe.Cli.Output;

/// <summary>
/// The digest as readable terminal tables (Spectre.Console). Article text goes in as plain text, never as markup, and
/// through <see cref="TerminalText"/>: the writer is the console itself, since Spectre writes its own escape sequences.
/// </summary>
public static class DigestTerminal
{
    /// <summary>Width used when the output is not a terminal (a file, a pipe, a test).</summary>
    public const int RedirectedWidth = 140;

    public static void Write(TextWriter output, StoryDigest digest)
    {
        var toConsole = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = toConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = toConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!toConsole) console.Profile.Width = RedirectedWidth;

        var story = digest.Story;
        console.Write(new Rule(Markup.Escape(TerminalText.Clean("Digest: " + DigestText.Title(story)))) { Justification = Justify.Left });
        console.Write(new Text(TerminalText.Clean(DigestText.Overview(digest)) + "\n\n"));

        Section(console, "Summary");
        var summary = NewTable("#", "sentence", "outlets", "evidence");
        foreach (var (item, i) in digest.Summary.Select((x, i) => (x, i)))
            summary.AddRow(Plain((i + 1).ToString()), Plain(item.Text), Plain(DigestText.SummarySources(item)), Plain(Ref(item.Evidence)));
        console.Write(summary);

        if (digest.Exclusives.Count > 0)
        {
            Section(console, "Exclusives");
            var exclusives = NewTable("id", "sentence", "only", "evidence");
            foreach (var item in digest.Exclusives)
                exclusives.AddRow(Plain(item.Id), Plain(item.Text), Plain(item.Outlet), Plain(Ref(item.Evidence)));
            console.Write(exclusives);
        }
        if (digest.Contradictions.Count > 0)
        {
            Section(console, "Contradictions");
            var contradictions = NewTable("id", "outlet", "says", "evidence");
            foreach (var c in digest.Contradictions)
                foreach (var side in c.Sides)
                    contradictions.AddRow(Plain(c.Id), Plain(side.Outlet + (side.Negative ? " (says no)" : "")), Plain(side.Evidence.Text), Plain(Ref(side.Evidence)));
            console.Write(contradictions);
        }

        Section(console, "Who said what");
        var quotes = NewTable("speaker", "id", "outlet", "kind", "quotation", "evidence");
        foreach (var speaker in digest.Speakers)
        {
            var first = true;
            foreach (var statement in speaker.Statements)
                foreach (var (v, i) in statement.Variants.Select((v, i) => (v, i)))
                {
                    var kind = DigestText.KindName(v.Kind) + (v.PartOf is { } p ? $" (part of {p + 1})" : "") + (v.Differs ? " ≠" : "");
                    quotes.AddRow(Plain(first ? speaker.Speaker.Name : ""), Plain(i == 0 ? statement.Id : ""), Plain(v.Outlet),
                        Plain(kind), Plain(DigestText.Quoted(v.Kind, v.Text)), Plain(Ref(v.Evidence)));
                    first = false;
                }
        }
        console.Write(quotes);

        Section(console, "Figures by source");
        var figures = NewTable("claim", "counts", "value", "scope", "claimed by", "outlet", "evidence");
        foreach (var quantity in digest.Figures)
            foreach (var claim in quantity.Claims)
                foreach (var (item, i) in claim.Items.Select((x, i) => (x, i)))
                {
                    var conflict = claim.Conflicts.Any(c => c.First == i || c.Second == i) ? " ⚠" : "";
                    figures.AddRow(Plain(i == 0 ? claim.Id : ""), Plain(DigestText.Quantity(quantity, item)), Plain(DigestText.Value(item) + conflict),
                        Plain(item.Scope ?? "—"), Plain(item.ClaimedBy ?? "—"), Plain(item.Outlet), Plain(Ref(item.Evidence)));
                }
        console.Write(figures);
        var conflicts = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Conflicts.Select(x => $"⚠ conflict ({c.Id}): {x.Reason}")).ToList();
        console.Write(new Text(TerminalText.Clean(conflicts.Count == 0
            ? "No conflicting figures: where values differ, their scope or their time differs."
            : string.Join("\n", conflicts)) + "\n"));

        Section(console, "Coverage (✔ reported · ≠ differently · · not reported)");
        var labels = digest.Coverage.Claims.ToDictionary(c => c.Id, c => c.Label);
        foreach (var group in digest.Coverage.Groups)
        {
            var table = NewTable(["claim", .. group.Outlets]);
            table.Title = new TableTitle(Markup.Escape(TerminalText.Clean(group.Name)));
            foreach (var row in group.Rows)
                table.AddRow([Plain($"{row.ClaimId} {labels[row.ClaimId]}"), .. row.Cells.Select(c => Plain(DigestText.Mark(c)))]);
            console.Write(table);
        }

        Section(console, "Timeline");
        var timeline = NewTable("date", "event", "outlets", "evidence");
        foreach (var e in digest.Timeline)
            timeline.AddRow(Plain(DigestText.Date(e)), Plain(e.Text), Plain(string.Join(", ", e.Outlets)), Plain(Ref(e.Evidence)));
        console.Write(timeline);
    }

    private static void Section(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.Write(new Rule(Markup.Escape(TerminalText.Clean(title))) { Justification = Justify.Left });
    }

    private static Table NewTable(params string[] headers)
    {
        var table = new Table { Border = TableBorder.Rounded, Expand = false };
        foreach (var h in headers) table.AddColumn(new TableColumn(Plain(h)));
        return table;
    }

    private static IRenderable Plain(string text) => new Text(TerminalText.Clean(text));

    private static string Ref(Evidence e) => $"#{e.ArticleId}:{e.Start}–{e.End}";
}
