using System.Text.Json;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Evaluation;
using Recoupe.Ingest;

namespace Recoupe.Cli.Evaluation;

/// <summary>A gold set scored, or skipped with the reason.</summary>
public sealed record GoldSetRun(string Name, string Description, GoldSetScores? Scores, string? Skipped)
{
    /// <summary>The quotation gold's own scores (by language and split), when this run is that set.</summary>
    public QuoteGoldReport? Quotes { get; init; }
}

/// <summary>
/// Finds and reads the gold sets of <c>eval extract</c> and the texts they annotate (this is the file-reading half;
/// <see cref="ExtractionEvaluation"/> in Core scores):
/// <list type="bullet">
/// <item>samples: samples/gold.json in the repository, over the sample files run through the whole pipeline;</item>
/// <item>seeds: gold/seeds-extract.json in the repository, offsets into ../shared/seeds/*.txt;</item>
/// <item>quotes-dev: ../shared/corpus/quotes-dev/gold.jsonl over ../shared/corpus/fr-news/articles.jsonl.</item>
/// </list>
/// </summary>
public sealed class ExtractionGoldSets(string? repositoryRoot, string? sharedRoot, Func<Pipeline>? createPipeline = null)
{
    public const string SamplesGold = "samples/gold.json";
    public const string SeedsGold = "gold/seeds-extract.json";
    public const string QuotesDevGold = "corpus/quotes-dev/gold.jsonl";
    public const string FrNewsCorpus = "corpus/fr-news/articles.jsonl";

    public static readonly IReadOnlyList<string> Names = ["samples", "seeds", "quotes-dev"];
    /// <summary>The quotation gold of gold/quotes, scored only when asked for (<c>--gold quotes-gold</c>).</summary>
    public const string QuotesGoldName = "quotes-gold";

    private readonly Func<Pipeline> _createPipeline = createPipeline ?? DefaultPipeline.Create;

    public string? RepositoryRoot { get; } = repositoryRoot;
    public string? SharedRoot { get; } = sharedRoot;

    /// <summary>
    /// The repository holding the working directory (else the one holding this program), and the shared data:
    /// RECOUPE_SHARED when set, else the "shared" folder beside the repository.
    /// </summary>
    public static ExtractionGoldSets Locate()
    {
        var repository = FindRepository(Environment.CurrentDirectory) ?? FindRepository(AppContext.BaseDirectory);
        string? shared = null;
        var fromEnvironment = Environment.GetEnvironmentVariable("RECOUPE_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment)) shared = Path.GetFullPath(fromEnvironment);
        else if (repository is not null)
        {
            var beside = Path.GetFullPath(Path.Combine(repository, "..", "shared"));
            if (Directory.Exists(beside)) shared = beside;
        }
        return new ExtractionGoldSets(repository, shared);
    }

    private static string? FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>One of <see cref="Names"/>, or the path of a gold file (samples shape, seeds shape, or quotes-dev JSON Lines).</summary>
    public GoldSetRun Run(string nameOrPath, string? texts = null) => nameOrPath switch
    {
        "samples" => Samples(),
        "seeds" => Seeds(),
        "quotes-dev" => QuotesDev(),
        QuotesGoldName => QuotesGold(),
        _ => FromPath(nameOrPath, texts),
    };

    public GoldSetRun Samples()
    {
        const string description = "samples/articles through the whole pipeline";
        if (RepositoryRoot is null) return Skip("samples", description, "the repository (Recoupe.sln) was not found above the working directory");
        var gold = Path.Combine(RepositoryRoot, SamplesGold);
        return File.Exists(gold) ? SamplesShaped("samples", description, gold, Path.GetDirectoryName(gold)!)
            : Skip("samples", description, $"{gold} not found");
    }

    public GoldSetRun Seeds()
    {
        const string description = "../shared/seeds, raw texts";
        if (RepositoryRoot is null) return Skip("seeds", description, "the repository (Recoupe.sln) was not found above the working directory");
        var gold = Path.Combine(RepositoryRoot, SeedsGold);
        if (!File.Exists(gold)) return Skip("seeds", description, $"{gold} not found");
        var seeds = SharedRoot is null ? null : Path.Combine(SharedRoot, "seeds");
        if (seeds is null || !Directory.Exists(seeds))
            return Skip("seeds", description, "../shared/seeds not found beside the repository (or set RECOUPE_SHARED)");
        return OffsetShaped("seeds", description, gold, seeds, "fr");
    }

    public GoldSetRun QuotesDev()
    {
        const string description = "../shared/corpus/quotes-dev over fr-news, raw texts";
        var gold = SharedRoot is null ? null : Path.Combine(SharedRoot, QuotesDevGold);
        var corpus = SharedRoot is null ? null : Path.Combine(SharedRoot, FrNewsCorpus);
        if (gold is null || !File.Exists(gold))
            return Skip("quotes-dev", description, $"../shared/{QuotesDevGold} not found beside the repository (or set RECOUPE_SHARED)");
        if (!File.Exists(corpus))
            return Skip("quotes-dev", description, $"../shared/{FrNewsCorpus} not found beside the repository (or set RECOUPE_SHARED)");
        return QuotesDevShaped("quotes-dev", description, gold, corpus, "fr");
    }

    public GoldSetRun QuotesGold()
    {
        const string description = "gold/quotes over fr-news and html-readability-dev, primary readers, raw texts";
        var files = QuoteGoldFiles.Load(RepositoryRoot, SharedRoot, out var skipped);
        return files is null ? Skip(QuotesGoldName, description, skipped!) : new GoldSetRun(QuotesGoldName, description, null, null) { Quotes = files.Score() };
    }

    /// <summary>
    /// A gold file given by path. A .jsonl file is in the quotes-dev shape over a corpus (<paramref name="texts"/>, else
    /// fr-news); a .json file with "articles" is in the samples shape, otherwise in the seeds shape; their files and
    /// sources are looked for in <paramref name="texts"/>, else beside the gold file.
    /// </summary>
    public GoldSetRun FromPath(string path, string? texts)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) return Skip(name, path, $"{path}: no such file (gold sets: {string.Join(", ", Names)} or a path)");
        var folder = texts ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            var corpus = texts ?? (SharedRoot is null ? null : Path.Combine(SharedRoot, FrNewsCorpus));
            return corpus is not null && File.Exists(corpus)
                ? QuotesDevShaped(name, path, path, corpus, null)
                : Skip(name, path, "no corpus for this JSON Lines gold (pass --texts CORPUS.jsonl)");
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("articles", out _))
                return SamplesShaped(name, path, path, folder);
        }
        catch (JsonException e)
        {
            return Skip(name, path, $"{path}: not JSON ({e.Message})");
        }
        return OffsetShaped(name, path, path, folder, null);
    }

    private GoldSetRun SamplesShaped(string name, string description, string goldPath, string folder)
    {
        IReadOnlyList<SampleGoldArticle> gold;
        try { gold = SamplesExtractionGold.Read(File.ReadAllText(goldPath)); }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            return Skip(name, description, $"{goldPath}: {e.Message}");
        }

        // Each file is read once with the ingest readers; a record is found by the source name they give it.
        var read = new Dictionary<string, ReadItem>(StringComparer.Ordinal);
        foreach (var file in gold.Select(a => a.File).Distinct(StringComparer.Ordinal))
            foreach (var item in ArticleReader.Read([Path.Combine(folder, file)]))
                read.TryAdd(item.Source, item);

        var pipeline = _createPipeline();
        var items = new List<(SampleGoldArticle, Document?, string?)>();
        foreach (var article in gold)
        {
            var source = Path.Combine(folder, article.File) + article.SourceSuffix;
            switch (read.GetValueOrDefault(source))
            {
                case ReadArticle found:
                    try { items.Add((article, pipeline.Process(found.Article), null)); }
                    catch (ArticleRejectedException e) { items.Add((article, null, $"rejected: {e.Message}")); }
                    catch (Exception e) { items.Add((article, null, $"{e.GetType().Name}: {e.Message}")); }
                    break;
                case ReadFailure failure:
                    items.Add((article, null, failure.Error));
                    break;
                default:
                    items.Add((article, null, $"{source}: not found by the readers"));
                    break;
            }
        }
        return new GoldSetRun(name, description, ExtractionEvaluation.ScoreSamples(name, items), null);
    }

    private static GoldSetRun OffsetShaped(string name, string description, string goldPath, string folder, string? language)
    {
        List<GoldDocument> gold;
        try { gold = GoldFormats.ReadGeneric(File.ReadAllText(goldPath)); }
        catch (Exception e) when (e is JsonException or FormatException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return Skip(name, description, $"{goldPath}: {e.Message}");
        }
        var items = gold.Select(g =>
        {
            var file = Path.Combine(folder, g.Source ?? g.Id);
            return File.Exists(file) ? (g, File.ReadAllText(file), (string?)null) : (g, (string?)null, $"{file}: no such file");
        });
        return new GoldSetRun(name, description, ExtractionEvaluation.ScoreOnRawTexts(name, items, language), null);
    }

    private static GoldSetRun QuotesDevShaped(string name, string description, string goldPath, string corpusPath, string? language)
    {
        List<GoldDocument> gold;
        try { gold = GoldFormats.ReadQuotesDev(File.ReadAllText(goldPath)); }
        catch (Exception e) when (e is JsonException or FormatException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            return Skip(name, description, $"{goldPath}: {e.Message}");
        }
        var wanted = gold.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var texts = ReadFrNewsDocuments(corpusPath, wanted);
        var items = gold.Select(g => texts.TryGetValue(g.Id, out var text)
            ? (g, text, (string?)null)
            : (g, (string?)null, $"article {g.Id} not in {corpusPath}"));
        return new GoldSetRun(name, description, ExtractionEvaluation.ScoreOnRawTexts(name, items, language), null);
    }

    /// <summary>
    /// The annotated documents of a corpus in the fr-news shape, exactly as quotes-dev and gold/quotes build them
    /// (<c>title + "\n\n" + heading + "\n\n" + text</c>), for the ids wanted. A bad corpus line only matters if the gold
    /// needs it: that document is then reported as missing.
    /// </summary>
    public static Dictionary<string, string> ReadFrNewsDocuments(string corpusPath, IReadOnlySet<string> wanted)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(corpusPath)) return texts;
        foreach (var line in File.ReadLines(corpusPath))
        {
            if (line.Length == 0) continue;
            try
            {
                using var record = JsonDocument.Parse(line);
                var root = record.RootElement;
                var id = root.GetProperty("id").ToString();
                if (!wanted.Contains(id)) continue;
                string Field(string field) => root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
                texts[id] = Field("title") + "\n\n" + Field("heading") + "\n\n" + Field("text");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }
        }
        return texts;
    }

    private static GoldSetRun Skip(string name, string description, string reason) => new(name, description, null, reason);
}
