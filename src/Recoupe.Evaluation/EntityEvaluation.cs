using System.Text.Json;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;

namespace Recoupe.Evaluation;

/// <summary>One document of the entity gold (gold/entities): named mentions with type and key, up to <see cref="AnnotatedEnd"/>.</summary>
public sealed record EntityGoldDocument(string Set, string Id, string Split, string Language, int AnnotatedEnd, IReadOnlyList<GoldEntity> Entities);

/// <summary>Boundary+type scores of one part of the entity gold (a split of a language), by type and in all.</summary>
public sealed class EntityScores
{
    /// <summary>The types Recoupe gives (person, organisation, place); gold of other types counts only against predictions.</summary>
    public static readonly IReadOnlyList<string> ScoredTypes = ["person", "organisation", "place"];

    public int Documents { get; set; }
    public Dictionary<string, Tally> ByType { get; } = ScoredTypes.ToDictionary(t => t, _ => new Tally(), StringComparer.Ordinal);
    /// <summary>Exact boundaries and type, all types together.</summary>
    public Tally Exact { get; } = new();
    /// <summary>Overlapping span and same type: what boundary errors cost against <see cref="Exact"/>.</summary>
    public Tally Overlap { get; } = new();
    /// <summary>Pairs of exactly found gold mentions: same gold key against same predicted key (within a document).</summary>
    public Tally Coreference { get; } = new();
    public List<string> Errors { get; } = [];
}

/// <summary>
/// Scores named mentions (found by name, surname or title, not role phrases nor pronouns) against the entity gold. A
/// prediction is right when a gold mention has its exact span and type; gold of the types Recoupe does not give
/// (product-or-work, other) is never to be found, and a prediction on it is wrong.
/// </summary>
public static class EntityEvaluation
{
    /// <summary>Reads gold/entities/*.jsonl: {"id", "split", "annotated_end", "entities": [{"start","end","type","key"}]}.</summary>
    public static List<EntityGoldDocument> Read(string jsonLines, string set, string language)
    {
        var docs = new List<EntityGoldDocument>();
        foreach (var line in jsonLines.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var d = json.RootElement;
            var id = d.GetProperty("id") is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : d.GetProperty("id").GetString()!;
            var entities = d.GetProperty("entities").EnumerateArray()
                .Select(e => new GoldEntity(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32(), e.GetProperty("type").GetString()!, e.GetProperty("key").GetString()!))
                .ToList();
            docs.Add(new EntityGoldDocument(set, id, d.GetProperty("split").GetString()!, language, d.GetProperty("annotated_end").GetInt32(), entities));
        }
        return docs;
    }

    /// <summary>The extraction of a gold document's text, with the document's language.</summary>
    public static Document Extract(EntityGoldDocument gold, string text) =>
        Extractor.Run(Extractor.FromText(text, gold.Set + ":" + gold.Id, gold.Language));

    /// <summary>Scores by "language/split" (and "language/all").</summary>
    public static SortedDictionary<string, EntityScores> Score(IEnumerable<(EntityGoldDocument Gold, Document Document)> pairs)
    {
        var parts = new SortedDictionary<string, EntityScores>(StringComparer.Ordinal);
        foreach (var (gold, document) in pairs)
        {
            foreach (var part in new[] { gold.Language + "/" + gold.Split, gold.Language + "/all" })
            {
                if (!parts.TryGetValue(part, out var scores)) parts[part] = scores = new EntityScores();
                // errors of the tune split only: the frozen split is measured, never read
                ScoreDocument(scores, gold, document, part.EndsWith("/all", StringComparison.Ordinal) && gold.Split == "tune");
            }
        }
        return parts;
    }

    private static string TypeName(EntityType type) => type switch
    {
        EntityType.Person => "person",
        EntityType.Organisation => "organisation",
        _ => "place",
    };

    private static void ScoreDocument(EntityScores scores, EntityGoldDocument gold, Document document, bool withErrors)
    {
        scores.Documents++;
        var predicted = document.Entities
            .Where(e => e.Via is "name" or "surname" or "title" && e.Start < gold.AnnotatedEnd)
            .GroupBy(e => (e.Start, e.End)).Select(g => g.First())
            .ToList();
        var goldBySpan = gold.Entities.GroupBy(e => (e.Start, e.End)).ToDictionary(g => g.Key, g => g.First());
        var matched = new Dictionary<(int, int), EntityMention>();
        foreach (var p in predicted)
        {
            var type = TypeName(p.Type);
            var typeTally = scores.ByType[type];
            typeTally.Predicted++;
            scores.Exact.Predicted++;
            scores.Overlap.Predicted++;
            if (goldBySpan.TryGetValue((p.Start, p.End), out var g) && g.Type == type)
            {
                typeTally.Correct++;
                scores.Exact.Correct++;
                matched[(p.Start, p.End)] = p;
            }
            else if (withErrors)
                scores.Errors.Add($"{gold.Set}:{gold.Id} EXTRA {type} [{Text(document, p.Start, p.End)}]{(g is null ? "" : " gold " + g.Type)}");
            if (gold.Entities.Any(o => o.Type == type && o.Start < p.End && p.Start < o.End)) scores.Overlap.Correct++;
        }
        foreach (var g in gold.Entities)
        {
            if (!scores.ByType.TryGetValue(g.Type, out var typeTally)) continue;
            typeTally.Gold++;
            scores.Exact.Gold++;
            scores.Overlap.Gold++;
            if (matched.ContainsKey((g.Start, g.End))) { typeTally.GoldFound++; scores.Exact.GoldFound++; }
            else if (withErrors) scores.Errors.Add($"{gold.Set}:{gold.Id} MISS {g.Type} [{Text(document, g.Start, g.End)}]");
            if (predicted.Any(p => TypeName(p.Type) == g.Type && p.Start < g.End && g.Start < p.End)) scores.Overlap.GoldFound++;
        }
        // coreference over the gold mentions found exactly: a pair is linked in gold when its keys agree, predicted when Recoupe's keys do
        var found = gold.Entities.Where(g => matched.ContainsKey((g.Start, g.End))).ToList();
        for (var i = 0; i < found.Count; i++)
            for (var j = i + 1; j < found.Count; j++)
            {
                var sameGold = found[i].Key == found[j].Key;
                var pi = matched[(found[i].Start, found[i].End)];
                var pj = matched[(found[j].Start, found[j].End)];
                var samePredicted = pi.Type == pj.Type && pi.Key == pj.Key;
                if (sameGold) scores.Coreference.Gold++;
                if (samePredicted) scores.Coreference.Predicted++;
                if (sameGold && samePredicted) { scores.Coreference.Correct++; scores.Coreference.GoldFound++; }
            }
    }

    private static string Text(Document document, int start, int end) =>
        start >= 0 && end <= document.Text.Length && start < end ? document.Text[start..end] : "?";

    /// <summary>One line per part and type, for the command and the tests.</summary>
    public static IEnumerable<string> Report(SortedDictionary<string, EntityScores> parts)
    {
        foreach (var (part, s) in parts)
        {
            yield return $"{part} ({s.Documents} documents)";
            yield return $"  named, exact span+type    {s.Exact}";
            foreach (var (type, t) in s.ByType) yield return $"    {type,-13}          {t}";
            yield return $"  named, overlap+type       {s.Overlap}";
            yield return $"  coreference (pairs)       {s.Coreference}";
        }
    }
}
