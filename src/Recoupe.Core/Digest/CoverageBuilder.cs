using Recoupe.Core.Extraction;
using Recoupe.Core.Text;

namespace Recoupe.Core.Digest;

/// <summary>
/// The coverage matrix: the story's claims (summary sentences, statements, figure claims) against its outlets.
/// An outlet reports a claim, reports it differently (other numbers, other words between quotation marks, a
/// conflicting figure) or does not report it. With user groups, each group is a matrix of its own; outlets in no
/// group are shown together last, and a group member absent from the story is a column of "not reported".
/// </summary>
internal static class CoverageBuilder
{
    private const int LabelLength = 90;

    public static CoverageMatrix Build(StoryText story, IReadOnlyList<SummaryItem> summary,
        IReadOnlyList<SpeakerStatements> speakers, IReadOnlyList<FigureQuantity> figures, IReadOnlyList<OutletGroup> groups)
    {
        var claims = new List<CoverageClaim>();
        foreach (var item in summary)
        {
            var status = new Dictionary<string, CoverageStatus>(StringComparer.Ordinal) { [item.Outlet] = CoverageStatus.Reported };
            foreach (var s in item.Support)
                Mark(status, s.Outlet, s.Relation == SupportRelation.Same);
            claims.Add(new CoverageClaim(item.Id, ClaimKind.Summary, Shorten(item.Text), status));
        }

        foreach (var statement in speakers.SelectMany(s => s.Statements))
        {
            var status = new Dictionary<string, CoverageStatus>(StringComparer.Ordinal);
            foreach (var v in statement.Variants)
                Mark(status, v.Outlet, !v.Differs);
            claims.Add(new CoverageClaim(statement.Id, ClaimKind.Quote,
                Shorten($"{statement.Speaker.Name}: {StatementWords.Line(statement)}"), status));
        }

        foreach (var quantity in figures)
            foreach (var claim in quantity.Claims)
            {
                // the reference is the value most outlets agree with (the first on a tie); an outlet whose figure
                // contradicts it reports the claim differently, unless it also gives the reference's value
                var clash = new HashSet<(int, int)>();
                foreach (var c in claim.Conflicts) { clash.Add((c.First, c.Second)); clash.Add((c.Second, c.First)); }
                var reference = Enumerable.Range(0, claim.Items.Count)
                    .OrderByDescending(i => claim.Items.Where((_, j) => !clash.Contains((i, j))).Select(x => x.Outlet).Distinct().Count())
                    .ThenBy(i => i).First();
                var status = new Dictionary<string, CoverageStatus>(StringComparer.Ordinal);
                for (var i = 0; i < claim.Items.Count; i++)
                    Mark(status, claim.Items[i].Outlet, !clash.Contains((reference, i)));
                var first = claim.Items[reference];
                var counts = quantity.Counts ?? first.Counts;
                var label = first.Evidence.Text + (counts is null ? " (unspecified)" : counts.StartsWith(first.Evidence.Text, StringComparison.Ordinal) ? "" : " " + counts)
                            + (claim.Scope is { } scope ? $", {scope}" : "");
                claims.Add(new CoverageClaim(claim.Id, ClaimKind.Figure, Shorten(label), status));
            }

        var outlets = story.Articles.Select(a => a.Outlet).Distinct(StringComparer.Ordinal).ToList();
        var matrixGroups = new List<CoverageGroup>();
        if (groups.Count == 0)
        {
            matrixGroups.Add(Group("all outlets", outlets, claims));
        }
        else
        {
            var placed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                var columns = new List<string>();
                foreach (var member in group.Members)
                {
                    var matches = outlets.Where(o => Matches(story, o, member)).ToList();
                    if (matches.Count == 0) matches.Add(member);
                    foreach (var m in matches)
                        if (!columns.Contains(m)) columns.Add(m);
                }
                placed.UnionWith(columns);
                matrixGroups.Add(Group(group.Name, columns, claims));
            }
            var rest = outlets.Where(o => !placed.Contains(o)).ToList();
            if (rest.Count > 0) matrixGroups.Add(Group("other outlets", rest, claims));
        }
        return new CoverageMatrix(claims, matrixGroups);
    }

    /// <summary>An outlet reports a claim when one of its articles states it alike, differently when all state it otherwise.</summary>
    private static void Mark(Dictionary<string, CoverageStatus> status, string outlet, bool alike)
    {
        if (alike) status[outlet] = CoverageStatus.Reported;
        else status.TryAdd(outlet, CoverageStatus.Differently);
    }

    /// <summary>A group member names an outlet when it matches its shown name, or the outlet or agency of one of its articles.</summary>
    private static bool Matches(StoryText story, string outlet, string member)
    {
        var wanted = TextFolding.Fold(member.Trim());
        if (TextFolding.Fold(outlet) == wanted) return true;
        return story.Articles.Any(a => a.Outlet == outlet
                                       && (TextFolding.Fold(a.Article.Metadata.Outlet ?? "") == wanted
                                           || TextFolding.Fold(a.Article.Metadata.Agency ?? "") == wanted));
    }

    private static CoverageGroup Group(string name, List<string> outlets, List<CoverageClaim> claims) =>
        new(name, outlets, claims
            .Select(c => new CoverageRow(c.Id, outlets.Select(o => c.ByOutlet.GetValueOrDefault(o, CoverageStatus.NotReported)).ToList()))
            .ToList());

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= LabelLength ? text : text[..(LabelLength - 1)].TrimEnd() + "…";
    }
}
