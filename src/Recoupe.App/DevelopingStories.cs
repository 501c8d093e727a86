using Recoupe.Core.Storage;

namespace Recoupe.App;

/// <summary>An article as the front page shows it: first or latest of a story.</summary>
public sealed record DevelopingArticle(long Id, string? Title, string? Outlet, DateTime? Published);

/// <summary>One outlet's share of a story: its articles, and how many of them are recent.</summary>
public sealed record OutletCoverage(string? Outlet, int Articles, int Recent);

/// <summary>A story on the front page: what it gained in the window, its coverage by outlet, its first and latest article.</summary>
public sealed record DevelopingStory(StoryEntry Entry, int RecentArticles, IReadOnlyList<string> NewOutlets, int Outlets,
    IReadOnlyList<OutletCoverage> Coverage, DevelopingArticle First, DevelopingArticle Latest);

/// <summary>The front page: stories ranked by growth in the window before <see cref="Reference"/>.</summary>
public sealed record DevelopingPage(DateTime? Reference, TimeSpan Window, IReadOnlyList<DevelopingStory> Stories);

/// <summary>
/// What is developing: stories ranked by the outlets they gained in the last hours (outlets whose first article in the
/// story falls in the window), then the articles they gained, then their outlets in all, then the newest — not by
/// recency alone, which puts one-article stories first. The window ends at the newest dated article in the store
/// (a replayed corpus shows what was developing then; a watched store, what is developing now). Only stories with an
/// article in the window are listed. Undated articles count in the coverage, never as recent.
/// </summary>
public static class DevelopingStories
{
    public static DevelopingPage Rank(StorySnapshot snapshot, IReadOnlyDictionary<long, ArticleSummary> articles, TimeSpan window, int limit,
        DateTime? reference = null)
    {
        reference ??= articles.Values.Select(a => a.Published).Where(p => p is not null).DefaultIfEmpty().Max();
        if (reference is not { } end) return new DevelopingPage(null, window, []);
        var start = end - window;
        var ranked = new List<DevelopingStory>();
        foreach (var entry in snapshot.Stories)
        {
            var members = entry.ArticleIds.Select(id => articles.GetValueOrDefault(id)).OfType<ArticleSummary>()
                .OrderBy(a => a.Published ?? DateTime.MaxValue).ThenBy(a => a.Id).ToList();
            bool Recent(ArticleSummary a) => a.Published is { } p && p > start && p <= end;
            var recent = members.Count(Recent);
            if (recent == 0) continue;
            var before = members.Where(a => !Recent(a)).Select(a => a.Outlet).ToHashSet(StringComparer.Ordinal);
            var gained = members.Where(Recent).Select(a => a.Outlet).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(o => !before.Contains(o)).Order(StringComparer.Ordinal).ToList();
            var coverage = members.GroupBy(a => a.Outlet ?? "", StringComparer.Ordinal)
                .Select(g => new OutletCoverage(g.Key.Length == 0 ? null : g.Key, g.Count(), g.Count(Recent)))
                .OrderByDescending(c => c.Articles).ThenBy(c => c.Outlet, StringComparer.Ordinal).ToList();
            var dated = members.Where(a => a.Published is not null).ToList();
            var first = dated.Count > 0 ? dated[0] : members[0];
            var latest = dated.Count > 0 ? dated[^1] : members[^1];
            ranked.Add(new DevelopingStory(entry, recent, gained, coverage.Count(c => c.Outlet is not null), coverage,
                Article(first), Article(latest)));
        }
        ranked.Sort((a, b) =>
        {
            var c = b.NewOutlets.Count.CompareTo(a.NewOutlets.Count);
            if (c == 0) c = b.RecentArticles.CompareTo(a.RecentArticles);
            if (c == 0) c = b.Outlets.CompareTo(a.Outlets);
            if (c == 0) c = Nullable.Compare(b.Latest.Published, a.Latest.Published);
            return c != 0 ? c : string.CompareOrdinal(a.Entry.Story.Id, b.Entry.Story.Id);
        });
        return new DevelopingPage(end, window, ranked.Take(Math.Max(0, limit)).ToList());
    }

    private static DevelopingArticle Article(ArticleSummary a) => new(a.Id, a.Title, a.Outlet, a.Published);
}
