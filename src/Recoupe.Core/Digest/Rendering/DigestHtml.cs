using System.Globalization;
using System.Net;
using System.Text;
using Recoupe.Core.Model;

namespace Recoupe.Core.Digest.Rendering;

/// <summary>
/// The digest as one self-contained HTML file a journalist can send: inline CSS, no script, no external asset,
/// a Content-Security-Policy that forbids loading anything, and every piece of article text HTML-encoded
/// (article text is data, never markup).
/// </summary>
public static class DigestHtml
{
    /// <summary>Nothing may be loaded or run; only the inline style applies.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private const string Style = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f;background:#fff}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}h3{margin:1.2rem 0 .4rem}
        .overview{color:#555}.ev{color:#777;font:12px ui-monospace,monospace;white-space:nowrap}
        ol.summary li{margin:.5rem 0}.src{color:#444;font-size:.92em}.diff{color:#a35a00}
        .stmt{margin:.6rem 0 1rem;padding:.5rem .8rem;border-left:4px solid #8ab;background:#f7fafc}
        .stmt.differs{border-left-color:#d98a00}.variants{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.6rem;margin-top:.4rem}
        .variant{background:#fff;border:1px solid #dde;padding:.4rem .6rem;border-radius:4px}.variant .who{font-size:.85em;color:#555}
        q{quotes:"« " " »"}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
        th{background:#f2f2f5}td.c{text-align:center}.rep{background:#e5f5e8}.dif{background:#fff1d6}.not{color:#aaa}
        .conflict{color:#b00020;font-weight:600}.tl{list-style:none;padding-left:0}.tl li{margin:.4rem 0;padding-left:7.5rem;text-indent:-7.5rem}
        .tl .d{display:inline-block;width:7rem;text-indent:0;font-weight:600}
        """;

    public static string Render(StoryDigest digest)
    {
        var story = digest.Story;
        var title = "Digest: " + DigestText.Title(story);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(Language(digest))).Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"overview\">").Append(E(DigestText.Overview(digest))).Append("</p>\n");

        h.Append("<h2>Summary</h2>\n<ol class=\"summary\">\n");
        foreach (var item in digest.Summary)
        {
            h.Append("<li>").Append(E(item.Text)).Append("<br><span class=\"src\">").Append(E(DigestText.SummarySources(item)))
                .Append("</span> ").Append(Ref(item.Evidence));
            foreach (var s in DigestText.Alike(item))
                h.Append("<br><span class=\"src\">").Append(E(s.Outlet)).Append(": ").Append(E(DigestText.Excerpt(s.Evidence.Text)))
                    .Append("</span> ").Append(Ref(s.Evidence));
            foreach (var s in DigestText.Differently(item))
                h.Append("<br><span class=\"diff\">").Append(E(s.Outlet)).Append(" with other figures: ").Append(E(s.Evidence.Text))
                    .Append("</span> ").Append(Ref(s.Evidence));
            h.Append("</li>\n");
        }
        h.Append("</ol>\n");

        h.Append("<h2>Exclusives</h2>\n<ul class=\"exclusives\">\n");
        foreach (var item in digest.Exclusives)
            h.Append("<li>").Append(E(item.Text)).Append(" <span class=\"src\">— only ").Append(E(item.Outlet)).Append("</span> ")
                .Append(Ref(item.Evidence)).Append("</li>\n");
        h.Append("</ul>\n");
        if (digest.Exclusives.Count == 0) h.Append("<p>Nothing only one outlet reports.</p>\n");

        h.Append("<h2>Contradictions</h2>\n");
        if (digest.Contradictions.Count == 0) h.Append("<p>No outlet contradicts another on a stated fact.</p>\n");
        foreach (var c in digest.Contradictions)
        {
            h.Append("<p class=\"conflict\">");
            foreach (var (side, i) in c.Sides.Select((x, i) => (x, i)))
                h.Append(i > 0 ? " ↔ " : "").Append(E(side.Outlet)).Append(side.Negative ? " (says no)" : "").Append(": ")
                    .Append(E(side.Evidence.Text)).Append(' ').Append(Ref(side.Evidence));
            h.Append("</p>\n");
        }

        h.Append("<h2>Who said what</h2>\n");
        foreach (var speaker in digest.Speakers)
        {
            h.Append("<h3>").Append(E(speaker.Speaker.Name)).Append("</h3>\n");
            foreach (var statement in speaker.Statements)
            {
                h.Append("<div class=\"stmt").Append(statement.WordedDifferently ? " differs" : "").Append("\" id=\"").Append(E(statement.Id)).Append("\">");
                h.Append("<b>").Append(E(statement.Id)).Append("</b> ").Append(Words(DigestText.Reference(statement).Kind, statement.Text, DigestText.Reference(statement).Cue)).Append(" <span class=\"src\">— ")
                    .Append(E(string.Join(", ", statement.Outlets))).Append("</span>");
                if (statement.WordedDifferently) h.Append(" <span class=\"diff\">worded differently</span>");
                h.Append("<div class=\"variants\">");
                foreach (var (v, i) in statement.Variants.Select((v, i) => (v, i)))
                {
                    h.Append("<div class=\"variant\"><div class=\"who\">").Append(E(v.Outlet)).Append(" · ").Append(DigestText.KindName(v.Kind));
                    if (v.Cue is { } cue) h.Append(" · ").Append(E(cue));
                    if (v.PartOf is { } p) h.Append(" · part of ").Append(p + 1);
                    h.Append("</div>").Append(Words(v.Kind, v.Text, null)).Append(' ').Append(Ref(v.Evidence)).Append("</div>");
                }
                h.Append("</div></div>\n");
            }
        }
        if (digest.Speakers.Count == 0) h.Append("<p>No quotation.</p>\n");

        h.Append("<h2>Figures by source</h2>\n");
        if (digest.Figures.Count == 0) h.Append("<p>No figure.</p>\n");
        else
        {
            h.Append("<table><tr><th>quantity</th><th>value</th><th>scope</th><th>claimed by</th><th>outlet</th><th>in context</th></tr>\n");
            foreach (var quantity in digest.Figures)
                foreach (var claim in quantity.Claims)
                    foreach (var (item, i) in claim.Items.Select((x, i) => (x, i)))
                    {
                        var conflict = claim.Conflicts.Any(c => c.First == i || c.Second == i);
                        h.Append("<tr><td>").Append(E(DigestText.Quantity(quantity, item))).Append(" <span class=\"ev\">").Append(E(claim.Id)).Append("</span></td>")
                            .Append("<td").Append(conflict ? " class=\"conflict\"" : "").Append('>').Append(E(DigestText.Value(item))).Append(conflict ? " ⚠" : "").Append("</td>")
                            .Append("<td>").Append(E(item.Scope ?? "—")).Append("</td><td>").Append(E(item.ClaimedBy ?? "—")).Append("</td>")
                            .Append("<td>").Append(E(item.Outlet)).Append("</td><td>").Append(E(item.Sentence.Text)).Append(' ').Append(Ref(item.Evidence)).Append("</td></tr>\n");
                    }
            h.Append("</table>\n");
            var conflicts = digest.Figures.SelectMany(q => q.Claims).SelectMany(c => c.Conflicts.Select(x => (c.Id, x.Reason))).ToList();
            if (conflicts.Count == 0) h.Append("<p>No conflicting figures: where values differ, their scope or their time differs.</p>\n");
            foreach (var (id, reason) in conflicts)
                h.Append("<p class=\"conflict\">⚠ Conflict (").Append(E(id)).Append("): ").Append(E(reason)).Append("</p>\n");
        }

        h.Append("<h2>Coverage</h2>\n<p>✔ reported · ≠ reported differently · · not reported</p>\n");
        var labels = digest.Coverage.Claims.ToDictionary(c => c.Id, c => c.Label);
        foreach (var group in digest.Coverage.Groups)
        {
            h.Append("<h3>").Append(E(group.Name)).Append("</h3>\n<table><tr><th>claim</th>");
            foreach (var o in group.Outlets) h.Append("<th>").Append(E(o)).Append("</th>");
            h.Append("</tr>\n");
            foreach (var row in group.Rows)
            {
                h.Append("<tr><td><b>").Append(E(row.ClaimId)).Append("</b> ").Append(E(labels[row.ClaimId])).Append("</td>");
                foreach (var cell in row.Cells)
                {
                    var css = cell switch { CoverageStatus.Reported => "rep", CoverageStatus.Differently => "dif", _ => "not" };
                    h.Append("<td class=\"c ").Append(css).Append("\">").Append(DigestText.Mark(cell)).Append("</td>");
                }
                h.Append("</tr>\n");
            }
            h.Append("</table>\n");
        }

        h.Append("<h2>Timeline</h2>\n<ul class=\"tl\">\n");
        foreach (var e in digest.Timeline)
            h.Append("<li><span class=\"d\">").Append(E(DigestText.Date(e))).Append("</span>").Append(E(e.Text))
                .Append(" <span class=\"src\">— ").Append(E(string.Join(", ", e.Outlets))).Append("</span> ").Append(Ref(e.Evidence)).Append("</li>\n");
        h.Append("</ul>\n");
        if (digest.Timeline.Count == 0) h.Append("<p>No dated event.</p>\n");

        h.Append("<h2>Articles</h2>\n<table><tr><th>id</th><th>outlet</th><th>published</th><th>title</th></tr>\n");
        foreach (var a in story.Articles)
            h.Append("<tr><td>").Append(a.Id.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(a.Outlet)).Append("</td><td>")
                .Append(E(a.Published?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—")).Append("</td><td>")
                .Append(E(a.Title ?? "—")).Append("</td></tr>\n");
        h.Append("</table>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A quotation in &lt;q&gt; (quotation marks); reported speech as plain words labelled a paraphrase.</summary>
    private static string Words(QuoteKind kind, string text, string? cue) => kind == QuoteKind.Indirect
        ? $"<span class=\"paraphrase\">paraphrase{(cue is null ? "" : " (" + E(cue) + ")")}: {E(text)}</span>"
        : $"<q>{E(text)}</q>";

    private static string Ref(Evidence e) =>
        $"<span class=\"ev\" title=\"article {e.ArticleId}, characters {e.Start}–{e.End}\">#{e.ArticleId}:{e.Start}–{e.End}</span>";

    /// <summary>The page's language: the one most of the story's articles are in.</summary>
    private static string Language(StoryDigest digest) =>
        digest.Story.Articles.GroupBy(a => a.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault(l => l != "und") ?? "fr";
}
