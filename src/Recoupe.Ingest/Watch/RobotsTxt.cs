namespace Recoupe.Ingest.Watch;

/// <summary>
/// A site's robots.txt as it applies to one user agent (RFC 9309): the group naming our product token, else the
/// <c>*</c> group; the longest matching rule decides, Allow winning a tie; <c>*</c> and a final <c>$</c> in paths.
/// Sitemap lines are kept whatever group they are in.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(List<(bool, string)> rules, List<string> sitemaps, TimeSpan? crawlDelay)
    {
        _rules = rules;
        Sitemaps = sitemaps;
        CrawlDelay = crawlDelay;
    }

    /// <summary>Everything allowed (no robots.txt, or a 4xx for it).</summary>
    public static RobotsTxt AllowAll { get; } = new([], [], null);

    /// <summary>Nothing allowed (a robots.txt that failed with a server error: the site is taken as closed for now).</summary>
    public static RobotsTxt DisallowAll { get; } = new([(false, "/")], [], null);

    public IReadOnlyList<string> Sitemaps { get; }
    public TimeSpan? CrawlDelay { get; }

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules, TimeSpan? Delay)>();
        var sitemaps = new List<string>();
        List<string>? agents = null;
        List<(bool, string)>? rules = null;
        TimeSpan? delay = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (!lastWasAgent)
                    {
                        agents = [];
                        rules = [];
                        delay = null;
                        groups.Add((agents, rules, null));
                    }
                    agents!.Add(value.ToLowerInvariant());
                    lastWasAgent = true;
                    continue;
                case "allow" or "disallow" when rules is not null:
                    if (value.Length > 0 || key == "allow") rules.Add((key == "allow", value));
                    break;
                case "crawl-delay" when rules is not null:
                    if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0)
                    {
                        delay = TimeSpan.FromSeconds(Math.Min(s, 60));
                        groups[^1] = (groups[^1].Agents, groups[^1].Rules, delay);
                    }
                    break;
                case "sitemap":
                    if (value.Length > 0) sitemaps.Add(value);
                    break;
            }
            lastWasAgent = false;
        }
        var token = productToken.ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Any(a => a != "*" && token.StartsWith(a, StringComparison.Ordinal))).ToList();
        if (ours.Count == 0) ours = groups.Where(g => g.Agents.Contains("*")).ToList();
        return new RobotsTxt(ours.SelectMany(g => g.Rules).ToList(), sitemaps, ours.Select(g => g.Delay).FirstOrDefault(d => d is not null));
    }

    /// <summary>Whether the path and query of <paramref name="uri"/> may be fetched.</summary>
    public bool Allows(Uri uri)
    {
        var path = uri.PathAndQuery;
        var best = -1;
        var allowed = true;
        foreach (var (allow, pattern) in _rules)
        {
            if (pattern.Length == 0 || !Matches(pattern, path)) continue;
            if (pattern.Length > best || (pattern.Length == best && allow))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    /// <summary>A rule matches a prefix of the path (a whole path with a final <c>$</c>); wildcard matching without backtracking blow-up.</summary>
    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        pattern = anchored ? pattern[..^1] : pattern + "*";
        int p = 0, i = 0, star = -1, resume = 0;
        while (i < path.Length)
        {
            if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = i; }
            else if (p < pattern.Length && pattern[p] == path[i]) { p++; i++; }
            else if (star >= 0) { p = star + 1; i = ++resume; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
