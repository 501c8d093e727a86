namespace Recoupe.Ingest;

/// <summary>How Recoupe names itself to the sites it fetches from, whether it reads one URL or watches a source.</summary>
public static class RecoupeUserAgent
{
    public const string ProjectUrl = "https://github.com/recoupe/recoupe";

    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string ProductToken = "Recoupe";

    public static string Value { get; } =
        $"{ProductToken}/{typeof(RecoupeUserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.1.0"} (+{ProjectUrl})";
}
