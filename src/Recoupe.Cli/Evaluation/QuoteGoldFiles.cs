using Recoupe.Evaluation;

namespace Recoupe.Cli.Evaluation;

/// <summary>
/// The quotation gold of gold/quotes (issue 15) as files: the selection, the primary readers' files
/// (<c>fr-news.a.jsonl</c>, <c>en-pages.b.jsonl</c>…) and the second reader's (<c>second-reader.*.jsonl</c>), checked
/// against the documents they annotate: fr-news articles built as quotes-dev builds them, English pages from
/// html-readability-dev's <c>expected.txt</c> exactly as on disk. Whatever documents are present are used.
/// </summary>
public sealed class QuoteGoldFiles
{
    public const string Folder = "gold/quotes";
    public const string EnPagesFolder = "corpus/html-readability-dev/pages";

    private readonly string _folder;
    private readonly string? _sharedRoot;
    private Dictionary<string, string>? _frNews;

    public IReadOnlyList<QuoteGoldSelection> Selection { get; }
    public List<QuoteGoldDocument> Primary { get; } = [];
    public List<QuoteGoldDocument> Second { get; } = [];
    public List<string> Problems { get; } = [];

    private QuoteGoldFiles(string folder, string? sharedRoot)
    {
        _folder = folder;
        _sharedRoot = sharedRoot;
        Selection = QuoteGold.ReadSelection(File.ReadAllText(Path.Combine(folder, "selection.tsv")));
    }

    /// <summary>Reads every gold file of the folder; null with the reason when the gold or the texts cannot be had.</summary>
    public static QuoteGoldFiles? Load(string? repositoryRoot, string? sharedRoot, out string? skipped)
    {
        skipped = null;
        var folder = repositoryRoot is null ? null : Path.Combine(repositoryRoot, Folder);
        if (folder is null || !File.Exists(Path.Combine(folder, "selection.tsv")))
        {
            skipped = $"{Folder}/selection.tsv not found in the repository";
            return null;
        }
        if (sharedRoot is null)
        {
            skipped = "../shared not found beside the repository (or set RECOUPE_SHARED): the gold's documents live there";
            return null;
        }
        var files = new QuoteGoldFiles(folder, sharedRoot);
        var goldFiles = Directory.GetFiles(folder, "*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (goldFiles.Count == 0)
        {
            skipped = $"no annotated document yet in {Folder} (*.jsonl)";
            return null;
        }
        foreach (var file in goldFiles)
        {
            var read = QuoteGold.Read(file, File.ReadAllText(file), id => files.TextOf(QuoteGold.SetOfFile(file), id));
            (QuoteGold.IsSecondReaderFile(file) ? files.Second : files.Primary).AddRange(read.Documents);
            files.Problems.AddRange(read.Problems);
        }
        return files;
    }

    /// <summary>The annotated document of a set, or null when its source is missing.</summary>
    public string? TextOf(string set, string id)
    {
        if (_sharedRoot is null) return null;
        if (set == "en-pages")
        {
            var path = Path.Combine(_sharedRoot, EnPagesFolder, id, "expected.txt");
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        if (set != "fr-news") return null;
        _frNews ??= ExtractionGoldSets.ReadFrNewsDocuments(Path.Combine(_sharedRoot, ExtractionGoldSets.FrNewsCorpus),
            Selection.Where(s => s.Set == "fr-news").Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
        return _frNews.GetValueOrDefault(id);
    }

    public QuoteGoldReport Score() => QuoteGoldEvaluation.Score(Primary, Selection, TextOf, Problems);
}
