using System.Text.Json;

namespace Recoupe.Tests.Support;

/// <summary>
/// fr-news articles found by the words they hold (title, heading and text joined as quotes-dev joins them), read from
/// ../shared at run time so that no article text is copied into the tests.
/// </summary>
public static class FrNewsArticles
{
    public const string Path = "corpus/fr-news/articles.jsonl";

    /// <summary>The first <paramref name="limit"/> articles, in corpus order, whose joined text holds <paramref name="words"/>.</summary>
    public static List<(string Id, string Text)> With(string words, int limit)
    {
        var found = new List<(string, string)>();
        foreach (var line in File.ReadLines(SharedData.Find(Path)!))
        {
            if (!line.Contains(words, StringComparison.Ordinal)) continue;
            using var j = JsonDocument.Parse(line);
            var r = j.RootElement;
            var text = r.GetProperty("title").GetString() + "\n\n" + r.GetProperty("heading").GetString() + "\n\n" + r.GetProperty("text").GetString();
            if (!text.Contains(words, StringComparison.Ordinal)) continue;
            found.Add((r.GetProperty("id").ToString(), text));
            if (found.Count == limit) break;
        }
        return found;
    }
}
