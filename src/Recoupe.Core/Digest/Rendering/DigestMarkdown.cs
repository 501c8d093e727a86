using System.Globalization;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Digest.Rendering;

/// <summary>
/// The digest as Markdown. Article text is escaped (it can hold *, _, |, [ or &lt; that would become markup);
/// every item ends with its evidence as <c>#article:start–end</c>.
/// </summary>
public static class DigestMarkdown
{
    public static string Render(StoryDigest digest)
    {
        var md = new StringBuilder();
        var story = digest.Story;
        md.AppendLine($"# Digest: {Escape(DigestText.Title(story))}");
        md.AppendLine();
        md.AppendLine(Escape(DigestText.Overview(digest)));
        md.AppendLine();

        md.AppendLine("## Summary");
        md.AppendLine();
        if (digest.Summary.Count == 0) md.AppendLine("_No sentence to summarise._");
        foreach (var (item, i) in digest.Summary.Select((x, i) => (x, i)))
        {
            md.AppendLine($"{i + 1}. {Escape(item.Text)}  ");
            md.AppendLine($"   — {Escape(DigestText.SummarySources(item))} {Ref(item.Evidence)}");
            foreach (var s in DigestText.Alike(item))
                md.AppendLine($"   - {Escape(s.Outlet)}: {Escape(DigestText.Excerpt(s.Evidence.Text))} {Ref(s.Evidence)}");
            foreach (var s in DigestText.Differently(item))
                md.AppendLine($"   - _{Escape(s.Outlet)} says it with other figures:_ {Escape(s.Evidence.Text)} {Ref(s.Evidence)}");
        }
        md.AppendLine();

        md.AppendLine("## Exclusives");
        md.AppendLine();
        if (digest.Exclusives.Count == 0) md.AppendLine("_Nothing only one outlet reports._");
        foreach (var item in digest.Exclusives)
            md.AppendLine($"- **{item.Id}** {Escape(item.Text)} — only {Escape(item.Outlet)} {Ref(item.Evidence)}");
        md.AppendLine();

        md.AppendLine("## Contradictions");
        md.AppendLine();
        var figureConflicts = digest.Figures.SelectMany(q => q.Claims).Sum(c => c.Conflicts.Count);
        if (digest.Contradictions.Count == 0 && figureConflicts == 0) md.AppendLine("_No outlet contradicts another on a stated fact._");
        foreach (var c in digest.Contradictions)
            md.AppendLine($"- **{c.Id}** " + string.Join(" ↔ ", c.Sides.Select(side =>
                $"{Escape(side.Outlet)}{(side.Negative ? " (says no)" : "")}: {Escape(DigestText.Excerpt(side.Evidence.Text))} {Ref(side.Evidence)}")));
        if (figureConflicts > 0) md.AppendLine($"- {figureConflicts} conflicting figure pair(s): see *Figures by source*.");
        md.AppendLine();

        md.AppendLine("## Who said what");
        md.AppendLine();
        if (digest.Speakers.Count == 0) md.AppendLine("_No quotation._");
        foreach (var speaker in digest.Speakers)
        {
            md.AppendLine($"### {Escape(speaker.Speaker.Name)}");
            md.AppendLine();
            foreach (var statement in speaker.Statements)
            {
                var flag = statement.WordedDifferently ? " — **worded differently**" : "";
                md.AppendLine($"- **{statement.Id}** {Escape(DigestText.StatementLine(statement))} — {Escape(string.Join(", ", statement.Outlets))}{flag}");
                if (statement.Variants.Count > 1)
                    foreach (var v in statement.Variants)
                        md.AppendLine($"  - {Escape(v.Outlet)} ({DigestText.KindName(v.Kind)}{(v.Cue is { } c ? ", " + Escape(c) : "")}"
                                      + $"{(v.PartOf is { } p ? $", part of variant {p + 1}" : "")}): {Escape(DigestText.Quoted(v.Kind, v.Text))} {Ref(v.Evidence)}");
                else
                    md.AppendLine($"  - {DigestText.KindName(statement.Variants[0].Kind)}{(statement.Variants[0].Cue is { } c ? ", " + Escape(c) : "")} {Ref(statement.Variants[0].Evidence)}");
            }
            md.AppendLine();
        }

        md.AppendLine("## Figures by source");
        md.AppendLine();
        if (digest.Figures.Count == 0) md.AppendLine("_No figure._");
        else
        {
            md.AppendLine("| quantity | value | scope | claimed by | outlet | evidence |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var quantity in digest.Figures)
                foreach (var claim in quantity.Claims)
                    foreach (var (item, i) in claim.Items.Select((x, i) => (x, i)))
                    {
                        var conflict = claim.Conflicts.Any(c => c.First == i || c.Second == i) ? " ⚠" : "";
                        md.AppendLine($"| {Cell(DigestText.Quantity(quantity, item))} ({claim.Id}) | {Cell(DigestText.Value(item))}{conflict} "
                                      + $"| {Cell(item.Scope ?? "—")} | {Cell(item.ClaimedBy ?? "—")} | {Cell(item.Outlet)} "
                                      + $"| {Cell(item.Sentence.Text)} {Ref(item.Evidence)} |");
                    }
            var conflicts = digest.Figures.SelectMany(q => q.Claims).Where(c => c.Conflicts.Count > 0).ToList();
            md.AppendLine();
            if (conflicts.Count == 0) md.AppendLine("No conflicting figures: where values differ, their scope or their time differs.");
            foreach (var claim in conflicts)
                foreach (var c in claim.Conflicts)
                    md.AppendLine($"- ⚠ **Conflict** ({claim.Id}): {Escape(c.Reason)}");
        }
        md.AppendLine();

        md.AppendLine("## Coverage");
        md.AppendLine();
        md.AppendLine("✔ reported · ≠ reported differently · · not reported");
        md.AppendLine();
        var labels = digest.Coverage.Claims.ToDictionary(c => c.Id, c => c.Label);
        foreach (var group in digest.Coverage.Groups)
        {
            md.AppendLine($"### {Escape(group.Name)}");
            md.AppendLine();
            md.AppendLine("| claim | " + string.Join(" | ", group.Outlets.Select(Cell)) + " |");
            md.AppendLine("|---|" + string.Concat(group.Outlets.Select(_ => ":-:|")));
            foreach (var row in group.Rows)
                md.AppendLine($"| {row.ClaimId}: {Cell(labels[row.ClaimId])} | " + string.Join(" | ", row.Cells.Select(DigestText.Mark)) + " |");
            md.AppendLine();
        }

        md.AppendLine("## Timeline");
        md.AppendLine();
        if (digest.Timeline.Count == 0) md.AppendLine("_No dated event._");
        foreach (var e in digest.Timeline)
            md.AppendLine($"- **{DigestText.Date(e)}** — {Escape(e.Text)} — {Escape(string.Join(", ", e.Outlets))} {Ref(e.Evidence)}");
        md.AppendLine();

        md.AppendLine("## Articles");
        md.AppendLine();
        md.AppendLine("| id | outlet | published | title |");
        md.AppendLine("|---|---|---|---|");
        foreach (var a in story.Articles)
            md.AppendLine($"| {a.Id} | {Cell(a.Outlet)} | {a.Published?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—"} | {Cell(a.Title ?? "—")} |");
        return md.ToString();
    }

    private static string Ref(Evidence e) => $"`#{e.ArticleId}:{e.Start}–{e.End}`";

    /// <summary>Backslash-escapes what Markdown would read as markup, and keeps the text on one line.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '{' or '}') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
