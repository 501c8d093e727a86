using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Recoupe.Cli.Evaluation;
using Recoupe.Cli.Output;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Stories;
using Recoupe.Evaluation;
using Recoupe.Ingest;

namespace Recoupe.Cli.Commands;

/// <summary>
/// <c>eval stories [GOLD...] [--errors] [--json]</c>: clusters a labelled set through the whole pipeline, in date order
/// (ties by id) as a stream, and scores it against its gold stories: pairwise precision/recall/F1 and B-cubed. GOLD is
/// <c>samples</c> (samples/gold.json over the sample files), <c>stories-dev</c> (../shared/corpus/stories-dev), a JSON
/// Lines file of articles with a "story" field (null for an article that belongs to no story), or a gold file in the
/// samples' shape. Nothing is stored.
/// </summary>
public static class EvalStoriesCommand
{
    public static readonly IReadOnlyList<string> Names = ["samples", "stories-dev"];

    public static Command Create() => Create(ExtractionGoldSets.Locate, DefaultPipeline.Create);

    public static Command Create(Func<ExtractionGoldSets> locate, Func<Pipeline> createPipeline)
    {
        var gold = new Argument<string[]>("gold")
        {
            Description = $"Gold sets: {string.Join(", ", Names)}, or a path (.jsonl with a story field, or a samples-shaped .json); default: both sets",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var errors = new Option<bool>("--errors") { Description = "Also list predicted stories that mix gold stories and gold stories that were split" };
        var command = new Command("stories", "Score story clustering against gold stories (pairwise and B-cubed)");
        command.Arguments.Add(gold);
        command.Options.Add(errors);
        command.SetAction(parse => CliContext.Run(parse, context =>
        {
            var requested = parse.GetValue(gold) is { Length: > 0 } given ? given : null;
            var sets = locate();
            var runs = (requested ?? Names).Select(name => Evaluate(name, sets, createPipeline)).ToList();
            var withErrors = parse.GetValue(errors);
            if (context.Json)
                CliJson.Write(context.Out, new { Sets = runs.Select(r => Json(r, withErrors)) });
            else
                foreach (var run in runs) WriteText(context.Out, run, withErrors);
            foreach (var run in runs)
            {
                if (run.Skipped is not null && requested is not null) context.Error.WriteLine($"recoupe: gold set {run.Name}: {run.Skipped}");
                foreach (var failure in run.Failures) context.Error.WriteLine($"recoupe: {run.Name}: {failure}");
            }
            var failed = runs.Any(r => r.Failures.Count > 0) || (requested is not null && runs.Any(r => r.Skipped is not null));
            return failed ? ExitCodes.InputsFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private sealed record Item(string Key, string? Gold, string Title, StoryInput? Input);

    private sealed record Run(string Name, string? Skipped, List<Item> Items, List<string> Failures, ClusteringScore? Score,
        Dictionary<string, string> Predicted, double Seconds);

    private static Run Evaluate(string nameOrPath, ExtractionGoldSets sets, Func<Pipeline> createPipeline)
    {
        string path;
        switch (nameOrPath)
        {
            case "samples":
                if (sets.RepositoryRoot is null) return Skipped(nameOrPath, "the repository (Recoupe.sln) was not found above the working directory");
                path = Path.Combine(sets.RepositoryRoot, ExtractionGoldSets.SamplesGold);
                break;
            case "stories-dev":
                if (sets.SharedRoot is null) return Skipped(nameOrPath, "../shared was not found beside the repository (or set RECOUPE_SHARED)");
                path = Path.Combine(sets.SharedRoot, "corpus", "stories-dev", "articles.jsonl");
                break;
            default:
                path = nameOrPath;
                break;
        }
        if (!File.Exists(path)) return Skipped(nameOrPath, $"{path} not found");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = new List<string>();
        List<Item> items;
        try
        {
            items = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? ReadJsonLines(path, createPipeline(), failures)
                : ReadSamplesShaped(path, createPipeline(), failures);
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return Skipped(nameOrPath, $"{path}: {e.Message}");
        }

        // Date order, ties by id (numeric when both are numbers), as a stream.
        var clusterer = new StoryClusterer();
        var ordered = items.Where(i => i.Input is not null)
            .OrderBy(i => i.Input!.Date ?? DateTime.MaxValue).ThenBy(i => i.Key, IdComparer.Instance).ToList();
        var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            try { clusterer.Add(item.Input!); }
            catch (ArgumentException e) { failures.Add($"{item.Key}: {e.Message}"); }
        }
        foreach (var item in items)
            predicted[item.Key] = item.Input is not null && clusterer.StoryOf(item.Input.Id) is { } story ? story : "unclustered:" + item.Key;
        var score = ClusteringEvaluation.Score(items.ToDictionary(i => i.Key, i => i.Gold), predicted);
        return new Run(nameOrPath, null, items, failures, score, predicted, clock.Elapsed.TotalSeconds);
    }

    private static Run Skipped(string name, string why) => new(name, why, [], [], null, [], 0);

    /// <summary>One article per line; its "story" field is the gold label (absent or null: an article of its own).</summary>
    private static List<Item> ReadJsonLines(string path, Pipeline pipeline, List<string> failures)
    {
        var items = new List<Item>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var read in ArticleReader.Read([path]))
        {
            if (read is ReadFailure failure)
            {
                failures.Add($"{failure.Source}: {failure.Error}");
                continue;
            }
            var raw = ((ReadArticle)read).Article;
            var key = raw.Fields.Id ?? raw.Source;
            if (!keys.Add(key))
            {
                failures.Add($"{raw.Source}: id {key} appears twice; the later one is left out");
                continue;
            }
            var gold = raw.Fields.Extra.TryGetValue("story", out var label) && !string.IsNullOrWhiteSpace(label) ? label : null;
            items.Add(Process(key, gold, raw, pipeline, failures));
        }
        return items;
    }

    /// <summary>A gold file in the samples' shape: {"articles": [{"id", "file", "line"?, "item"?, "story"}]}, files relative to it.</summary>
    private static List<Item> ReadSamplesShaped(string path, Pipeline pipeline, List<string> failures)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var entries = json.RootElement.GetProperty("articles").EnumerateArray().Select(a => (
            Id: a.GetProperty("id").GetString() ?? throw new FormatException("an article has no id"),
            File: a.GetProperty("file").GetString() ?? throw new FormatException("an article has no file"),
            Suffix: a.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? $":line {line.GetInt32()}"
                : a.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Number ? $"#item {item.GetInt32()}" : "",
            Story: a.TryGetProperty("story", out var story) && story.ValueKind == JsonValueKind.String ? story.GetString() : null)).ToList();

        var read = new Dictionary<string, ReadItem>(StringComparer.Ordinal);
        foreach (var file in entries.Select(e => e.File).Distinct(StringComparer.Ordinal))
            foreach (var r in ArticleReader.Read([Path.Combine(folder, file)]))
                read.TryAdd(r.Source, r);

        var items = new List<Item>();
        foreach (var entry in entries)
        {
            var source = Path.Combine(folder, entry.File) + entry.Suffix;
            switch (read.GetValueOrDefault(source))
            {
                case ReadArticle found:
                    items.Add(Process(entry.Id, entry.Story, found.Article, pipeline, failures));
                    break;
                case ReadFailure failure:
                    failures.Add($"{entry.Id}: {failure.Error}");
                    items.Add(new Item(entry.Id, entry.Story, "", null));
                    break;
                default:
                    failures.Add($"{entry.Id}: {source} not found by the readers");
                    items.Add(new Item(entry.Id, entry.Story, "", null));
                    break;
            }
        }
        return items;
    }

    /// <summary>The article through the pipeline; one that fails is kept as an unclustered article (its own story) and reported.</summary>
    private static Item Process(string key, string? gold, RawArticle raw, Pipeline pipeline, List<string> failures)
    {
        try
        {
            var document = pipeline.Process(raw);
            return new Item(key, gold, document.Metadata.Title ?? "", StoryInput.FromDocument(key, document));
        }
        catch (Exception e) when (e is ArticleRejectedException or ArgumentException or InvalidOperationException or FormatException)
        {
            failures.Add($"{key}: {e.Message}");
            return new Item(key, gold, raw.Fields.Title ?? "", null);
        }
    }

    private static void WriteText(TextWriter output, Run run, bool withErrors)
    {
        if (run.Score is not { } s)
        {
            output.WriteLine($"{run.Name}: skipped ({run.Skipped})");
            output.WriteLine();
            return;
        }
        output.WriteLine($"{run.Name}: {s.Items} articles, {s.GoldClusters} gold clusters → {s.PredictedClusters} stories " +
                         $"({run.Failures.Count} failed, {run.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
        output.WriteLine($"  pairwise  P {N(s.Pairwise.Precision)}  R {N(s.Pairwise.Recall)}  F1 {N(s.Pairwise.F1)}  " +
                         $"({s.CorrectPairs}/{s.PredictedPairs} predicted pairs right, {s.GoldPairs} gold pairs)");
        output.WriteLine($"  B-cubed   P {N(s.BCubed.Precision)}  R {N(s.BCubed.Recall)}  F1 {N(s.BCubed.F1)}");
        if (withErrors)
        {
            foreach (var (kind, members) in Errors(run))
            {
                output.WriteLine($"  {kind}");
                foreach (var item in members) output.WriteLine($"    {item.Key,-12} {item.Gold ?? "-",-24} {run.Predicted[item.Key],-16} {item.Title}");
            }
        }
        output.WriteLine();
    }

    /// <summary>Predicted stories holding more than one gold cluster, then gold stories spread over several predicted ones.</summary>
    private static IEnumerable<(string Kind, List<Item> Members)> Errors(Run run)
    {
        string GoldOf(Item i) => i.Gold ?? "single:" + i.Key;
        foreach (var predicted in run.Items.GroupBy(i => run.Predicted[i.Key]).OrderBy(g => g.Key, StringComparer.Ordinal))
            if (predicted.Select(GoldOf).Distinct().Count() > 1)
                yield return ($"MIXED {predicted.Key}", predicted.ToList());
        foreach (var gold in run.Items.Where(i => i.Gold is not null).GroupBy(i => i.Gold!).OrderBy(g => g.Key, StringComparer.Ordinal))
            if (gold.Select(i => run.Predicted[i.Key]).Distinct().Count() > 1)
                yield return ($"SPLIT {gold.Key}", gold.ToList());
    }

    private static object Json(Run run, bool withErrors)
    {
        if (run.Score is not { } s) return new { run.Name, run.Skipped };
        return new
        {
            run.Name,
            Articles = s.Items,
            GoldClusters = s.GoldClusters,
            Stories = s.PredictedClusters,
            Pairwise = new { P = R4(s.Pairwise.Precision), R = R4(s.Pairwise.Recall), F1 = R4(s.Pairwise.F1), s.CorrectPairs, s.PredictedPairs, s.GoldPairs },
            BCubed = new { P = R4(s.BCubed.Precision), R = R4(s.BCubed.Recall), F1 = R4(s.BCubed.F1) },
            run.Failures,
            Errors = withErrors ? Errors(run).Select(e => new { e.Kind, Articles = e.Members.Select(i => new { i.Key, i.Gold, Story = run.Predicted[i.Key], i.Title }) }) : null,
            Assignments = run.Items.Select(i => new { Id = i.Key, Story = run.Predicted[i.Key], i.Gold }),
        };
    }

    private static string N(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
    private static double R4(double value) => Math.Round(value, 4);

    /// <summary>Numeric ids by value, others ordinally after them.</summary>
    private sealed class IdComparer : IComparer<string>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var xn = long.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var a);
            var yn = long.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var b);
            if (xn && yn) return a.CompareTo(b);
            if (xn != yn) return xn ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }
    }
}
