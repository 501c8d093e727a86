using System.Text.Json;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Evaluation;
using Recoupe.Ingest;

namespace Recoupe.Cli.Evaluation;

/// <summary>
/// The articles of the figure-pair gold's stories (gold/figure-pairs), read and run through the whole pipeline: seeds
/// (doc "seeds:FILE", offsets into the raw file), samples (doc "samples:GOLD-ID", offsets into the cleaned text: our
/// own fiction), stories-dev and fr-news records (doc "stories-dev:ID" / "fr-news:ID", offsets into title + blank line
/// + heading + blank line + text, as the quotes-dev gold builds it).
/// </summary>
public sealed class FigurePairSets(string repositoryRoot, string? sharedRoot)
{
    public const string Gold = "gold/figure-pairs/pairs.jsonl";
    private readonly Pipeline _pipeline = DefaultPipeline.Create();
    private readonly Dictionary<string, Dictionary<string, (string Line, string Text)>> _records = new(StringComparer.Ordinal);

    public static FigurePairSets? Locate(out string? why)
    {
        var sets = ExtractionGoldSets.Locate();
        why = sets.RepositoryRoot is null ? "the repository (Recoupe.sln) was not found above the working directory" : null;
        return sets.RepositoryRoot is null ? null : new FigurePairSets(sets.RepositoryRoot, sets.SharedRoot);
    }

    public List<FigurePair> ReadGold() => FigurePairEvaluation.Read(File.ReadLines(Path.Combine(repositoryRoot, Gold)));

    /// <summary>A story's articles (its docs as the pairs name them), ids in doc order; null when its data is absent.</summary>
    public IReadOnlyList<PairArticle>? Articles(IEnumerable<string> docs)
    {
        var result = new List<PairArticle>();
        foreach (var doc in docs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (raw, text) = Read(doc);
            if (raw is null) return null;
            var document = _pipeline.Process(raw);
            result.Add(new PairArticle(doc, Stored(document, result.Count + 1), text));
        }
        return result;
    }

    private (RawArticle? Raw, string? Text) Read(string doc)
    {
        var colon = doc.IndexOf(':');
        var (kind, id) = (doc[..colon], doc[(colon + 1)..]);
        switch (kind)
        {
            case "seeds":
                var file = sharedRoot is null ? null : Path.Combine(sharedRoot, "seeds", id);
                return file is null || !File.Exists(file) ? (null, null) : (One(file, ""), File.ReadAllText(file));
            case "samples":
                var gold = Recoupe.Evaluation.SamplesExtractionGold.Read(File.ReadAllText(Path.Combine(repositoryRoot, ExtractionGoldSets.SamplesGold)))
                    .First(a => a.Id == id);
                var path = Path.Combine(repositoryRoot, "samples", gold.File);
                return (One(path, gold.Line is { } line ? $":line {line}" : gold.Item is { } item ? $"#item {item}" : ""), null);
            default:
                var corpus = kind == "fr-news" ? Path.Combine("corpus", "fr-news", "articles.jsonl") : Path.Combine("corpus", "stories-dev", "articles.jsonl");
                var jsonl = sharedRoot is null ? null : Path.Combine(sharedRoot, corpus);
                if (jsonl is null || !File.Exists(jsonl)) return (null, null);
                if (!Records(jsonl).TryGetValue(id, out var record)) return (null, null);
                // the record alone, read as standard input by the same reader
                using (var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(record.Line + "\n")))
                    return (ArticleReader.Read(["-"], input).OfType<ReadArticle>().FirstOrDefault()?.Article, record.Text);
        }
    }

    /// <summary>Record id → its JSON line and the document the gold offsets index, of a JSON Lines corpus, read once.</summary>
    private Dictionary<string, (string Line, string Text)> Records(string path)
    {
        if (_records.TryGetValue(path, out var known)) return known;
        var records = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            records[root.GetProperty("id").ToString()] = (line, $"{Field("title")}\n\n{Field("heading")}\n\n{Field("text")}");
        }
        return _records[path] = records;
    }

    private static RawArticle? One(string file, string suffix)
    {
        var source = file + suffix;
        foreach (var item in ArticleReader.Read([file]))
            if (item is ReadArticle found && (suffix.Length == 0 || found.Source == source)) return found.Article;
        return null;
    }

    private static StoredArticle Stored(Document d, long id) => StoredArticle.Of(d, id, $"pair-{id}");
}
