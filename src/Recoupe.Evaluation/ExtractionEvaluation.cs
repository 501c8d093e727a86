using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Text;

namespace Recoupe.Evaluation;

/// <summary>The scores of one gold set, with what could not be scored.</summary>
public sealed class GoldSetScores
{
    public required string Name { get; init; }
    public required ExtractionScores Scores { get; init; }
    public int Documents { get; init; }
    /// <summary>Whether the gold annotates entities (otherwise <see cref="ExtractionScores.Entities"/> stays empty).</summary>
    public bool EntitiesAnnotated { get; init; }
    /// <summary>Whether the gold lists only each article's main entities, so that precision is a lower bound.</summary>
    public bool EntitiesPartial { get; init; }
    /// <summary>Gold snippets the cleaned text does not hold (counted as missed).</summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];
    /// <summary>Gold documents that could not be processed (source missing, pipeline error), with why.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
    /// <summary>The same scores for each language of a gold set that mixes languages (empty when it has one).</summary>
    public IReadOnlyDictionary<string, ExtractionScores> ByLanguage { get; init; } = new Dictionary<string, ExtractionScores>();
}

/// <summary>
/// Scores the extraction stages against our gold sets with <see cref="ExtractionScorer"/>. The caller reads the files
/// (no I/O here): gold with offsets into raw texts (seeds, quotes-dev) is scored on those texts as they are; the
/// samples gold, given as snippets, is scored on documents the whole pipeline produced from the sample files.
/// </summary>
public static class ExtractionEvaluation
{
    /// <summary>
    /// Gold whose offsets index a raw text: extraction runs on exactly that text (no cleaning), so offsets hold.
    /// <paramref name="language"/> null lets the extraction pick the language.
    /// </summary>
    public static GoldSetScores ScoreOnRawTexts(string name, IEnumerable<(GoldDocument Gold, string? Text, string? Failure)> items,
        string? language)
    {
        var failures = new List<string>();
        var scored = new List<(GoldDocument, Document)>();
        var entities = false;
        foreach (var (gold, text, failure) in items)
        {
            if (text is null)
            {
                failures.Add($"{gold.Id}: {failure ?? "no text"}");
                continue;
            }
            entities |= gold.EntitiesAnnotated;
            scored.Add((gold, Extractor.Run(Extractor.FromText(text, gold.Source ?? gold.Id, language))));
        }
        return new GoldSetScores
        {
            Name = name,
            Scores = ExtractionScorer.Score(scored),
            Documents = scored.Count,
            EntitiesAnnotated = entities,
            Failures = failures,
        };
    }

    /// <summary>
    /// The samples gold against documents the pipeline produced. The gold leaves titles out, so quotations, figures and
    /// entities found in a title paragraph are left out too. Entities are scored per article: a gold entity is found when
    /// an entity of its type names it (or one of its listed mentions); precision counts the predicted entities that are gold.
    /// </summary>
    public static GoldSetScores ScoreSamples(string name, IEnumerable<(SampleGoldArticle Gold, Document? Document, string? Failure)> items)
    {
        var failures = new List<string>();
        var notFound = new List<string>();
        var scored = new List<(GoldDocument, Document)>();
        var entityPairs = new List<(SampleGoldArticle, Document)>();
        var languages = new List<string>();
        foreach (var (gold, document, failure) in items)
        {
            if (document is null)
            {
                failures.Add($"{gold.Id}: {failure ?? "not processed"}");
                continue;
            }
            // The title paragraph, and any paragraph that is the gold's headline (cleaning may not have marked it).
            var headline = gold.Title is null ? null : Collapse(gold.Title);
            var titles = document.Paragraphs
                .Where(p => p.Role == ParagraphRole.Title || (headline is not null && Collapse(document.Slice(p)) == headline))
                .Select(p => (p.Start, p.End)).ToList();
            var body = WithoutTitles(document, titles);
            var aligned = SamplesExtractionGold.Align(gold, body.Text, titles);
            notFound.AddRange(aligned.NotFound);
            scored.Add((aligned.Gold, body));
            entityPairs.Add((gold, body));
            languages.Add(gold.Language ?? document.Metadata.Language);
        }
        var scores = ExtractionScorer.Score(scored);
        foreach (var (gold, document) in entityPairs) ScoreEntities(scores, gold, document);
        var byLanguage = new SortedDictionary<string, ExtractionScores>(StringComparer.Ordinal);
        if (languages.Distinct().Count() > 1)
            foreach (var language in languages.Distinct())
            {
                var part = ExtractionScorer.Score(scored.Where((_, i) => languages[i] == language));
                for (var i = 0; i < entityPairs.Count; i++)
                    if (languages[i] == language) ScoreEntities(part, entityPairs[i].Item1, entityPairs[i].Item2);
                byLanguage[language] = part;
            }
        return new GoldSetScores
        {
            Name = name,
            Scores = scores,
            Documents = scored.Count,
            EntitiesAnnotated = true,
            EntitiesPartial = true,
            NotFound = notFound,
            Failures = failures,
            ByLanguage = byLanguage,
        };
    }

    private static void ScoreEntities(ExtractionScores scores, SampleGoldArticle gold, Document document)
    {
        // One predicted entity per (type, key): the mentions the extraction linked together.
        var predicted = document.Entities
            .GroupBy(e => (e.Type, e.Key))
            .Select(g => (g.Key.Type, g.Key.Key, Name: g.First().Name,
                Surfaces: g.Select(m => document.Slice(m)).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        var matched = new HashSet<int>();
        scores.Entities.Gold += gold.Entities.Count;
        scores.Entities.Predicted += predicted.Count;
        foreach (var entity in gold.Entities)
        {
            var names = new[] { entity.Name }.Concat(entity.Mentions).ToList();
            var hit = -1;
            for (var i = 0; i < predicted.Count && hit < 0; i++)
            {
                var p = predicted[i];
                if (matched.Contains(i) || !SameType(entity.Type, p.Type)) continue;
                if (names.Any(n => ExtractionScorer.NamesMatch(n, p.Name, p.Key) || p.Surfaces.Any(s => TextFolding.Fold(s) == TextFolding.Fold(n))))
                    hit = i;
            }
            if (hit < 0)
            {
                scores.Errors.Add($"{gold.Id} ENTITY miss {entity.Type} [{entity.Name}]");
                continue;
            }
            matched.Add(hit);
            scores.Entities.Correct++;
            scores.Entities.GoldFound++;
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool SameType(string gold, EntityType type) => type switch
    {
        EntityType.Person => gold == "person",
        EntityType.Organisation => gold is "organisation" or "organization",
        _ => gold == "place",
    };

    /// <summary>A copy of the document without the quotations, figures and entities that lie in a title paragraph.</summary>
    private static Document WithoutTitles(Document document, IReadOnlyList<(int Start, int End)> titles)
    {
        bool InTitle(ISpan span) => titles.Any(t => span.Start < t.End && t.Start < span.End);
        var copy = new Document(document.Text, document.Source);
        copy.Paragraphs.AddRange(document.Paragraphs);
        copy.Sentences.AddRange(document.Sentences);
        copy.Entities.AddRange(document.Entities.Where(e => !InTitle(e)));
        copy.Quotes.AddRange(document.Quotes.Where(q => !InTitle(q)));
        copy.Figures.AddRange(document.Figures.Where(f => !InTitle(f)));
        copy.Dates.AddRange(document.Dates);
        return copy;
    }
}
