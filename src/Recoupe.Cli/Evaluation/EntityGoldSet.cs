using System.Text.Json;
using Recoupe.Evaluation;

namespace Recoupe.Cli.Evaluation;

/// <summary>
/// The entity gold of issue 15 (<c>gold/entities</c>): fr-news articles (document: title, heading and text joined by
/// blank lines) and English html-readability-dev pages (document: expected.txt as on disk), read from ../shared.
/// </summary>
public static class EntityGoldSet
{
    public const string Name = "entities";

    /// <summary>Gold documents with their texts; null with the reason when the gold or the corpora are not there.</summary>
    public static (List<(EntityGoldDocument Gold, string Text)>? Documents, string? Skipped) Load(string? repositoryRoot, string? sharedRoot)
    {
        if (repositoryRoot is null) return (null, "the repository (Recoupe.sln) was not found above the working directory");
        if (sharedRoot is null) return (null, "../shared not found beside the repository (or set RECOUPE_SHARED)");
        var folder = Path.Combine(repositoryRoot, "gold", "entities");
        var corpus = Path.Combine(sharedRoot, ExtractionGoldSets.FrNewsCorpus);
        var pages = Path.Combine(sharedRoot, "corpus", "html-readability-dev", "pages");
        if (!File.Exists(corpus)) return (null, $"../shared/{ExtractionGoldSets.FrNewsCorpus} not found");
        if (!Directory.Exists(pages)) return (null, "../shared/corpus/html-readability-dev/pages not found");
        var result = new List<(EntityGoldDocument, string)>();
        var fr = EntityEvaluation.Read(File.ReadAllText(Path.Combine(folder, "fr-news.jsonl")), "fr-news", "fr");
        var wanted = fr.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(corpus))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var a = json.RootElement;
            var id = a.GetProperty("id").GetRawText();
            if (!wanted.Contains(id)) continue;
            texts[id] = a.GetProperty("title").GetString() + "\n\n" + a.GetProperty("heading").GetString() + "\n\n" + a.GetProperty("text").GetString();
        }
        foreach (var d in fr)
            if (texts.TryGetValue(d.Id, out var text)) result.Add((d, text));
        foreach (var d in EntityEvaluation.Read(File.ReadAllText(Path.Combine(folder, "en-pages.jsonl")), "en-pages", "en"))
        {
            var path = Path.Combine(pages, d.Id, "expected.txt");
            if (File.Exists(path)) result.Add((d, File.ReadAllText(path)));
        }
        return (result, null);
    }

    /// <summary>Extracts and scores every document; the report's lines, and the error lines when asked.</summary>
    public static SortedDictionary<string, EntityScores> Score(List<(EntityGoldDocument Gold, string Text)> documents) =>
        EntityEvaluation.Score(documents.Select(d => (d.Gold, EntityEvaluation.Extract(d.Gold, d.Text))));
}
