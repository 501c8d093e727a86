using System.Diagnostics;
using System.Globalization;
using Recoupe.Core.Stories;
using Recoupe.Evaluation;

namespace Recoupe.Bench;

/// <summary>Story clustering measurements: dev-set quality, seeds among the corpus, throughput as the index grows.</summary>
internal static class StoriesBench
{
    /// <summary>IDF background for dev and oracle: null (streaming only), "self" (the set's own articles first) or "corpus" (fr-news).</summary>
    private static string? _background;

    public static int Run(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "dev";
        if (mode == "word") return Word(args[1]);
        var rest = args.Skip(1).ToList();
        var at = rest.IndexOf("--background");
        if (at >= 0)
        {
            _background = rest[at + 1];
            rest.RemoveRange(at, 2);
        }
        var options = ParseOptions(rest.ToArray(), out var verbose);
        return mode switch
        {
            "dev" => Dev(options, verbose),
            "samples" => Samples(options, verbose),
            "oracle" => Oracle(options),
            "corpus" => Corpus(options, verbose),
            "profile" => Profile(),
            "null" => Null(options),
            "seeds" => Seeds(options),
            "pairs" => StoriesPairsBench.Run(options, verbose),
            "scale" => StoriesScaleBench.Run(options, args.Skip(1).FirstOrDefault(a => int.TryParse(a, out _)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: bench stories dev|samples|corpus|seeds|scale [N]|pairs|null|oracle [--Option value ...] [--background self|corpus] [--verbose]");
        return 2;
    }

    private static StoryClusteringOptions ParseOptions(string[] args, out bool verbose)
    {
        verbose = false;
        var options = StoryClusteringOptions.Default;
        for (var i = 0; i < args.Length; i++)
        {
            if (int.TryParse(args[i], out _)) continue;
            if (args[i] == "--verbose") { verbose = true; continue; }
            var name = args[i].TrimStart('-');
            var value = args[++i];
            var property = typeof(StoryClusteringOptions).GetProperty(name) ?? throw new ArgumentException($"no option {name}");
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var converted = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            options = options with { };
            property.SetValue(options, converted);
        }
        return options;
    }

    private static int Dev(StoryClusteringOptions options, bool verbose)
    {
        var path = Path.Combine(StoriesData.SharedRoot(), "corpus", "stories-dev", "articles.jsonl");
        var items = StoriesData.ReadJsonLines(path);
        var clusterer = new StoryClusterer(options);
        ObserveBackground(clusterer, items);
        var traceFile = Environment.GetEnvironmentVariable("RECOUPE_TRACE");
        using var trace = traceFile is null ? null : new StreamWriter(traceFile);
        if (trace is not null) clusterer.Trace = trace.Write;
        var watch = Stopwatch.StartNew();
        foreach (var item in items) clusterer.Add(item.Input);
        watch.Stop();
        var gold = items.ToDictionary(i => i.Input.Id, i => i.Gold);
        var predicted = items.ToDictionary(i => i.Input.Id, i => clusterer.StoryOf(i.Input.Id)!);
        var score = ClusteringEvaluation.Score(gold, predicted);
        DumpAssignments("dev", items.Select(i => i.Input.Id), clusterer);
        Console.WriteLine($"stories-dev: {items.Count} articles in {watch.Elapsed.TotalMilliseconds:F0} ms, {score.PredictedClusters} stories, {clusterer.Events.Count(e => e.Kind == StoryEventKind.Merge)} merges, {clusterer.Events.Count(e => e.Kind == StoryEventKind.Split)} splits");
        Console.WriteLine($"pairwise P={score.Pairwise.Precision:F3} R={score.Pairwise.Recall:F3} F1={score.Pairwise.F1:F3}  ({score.CorrectPairs}/{score.PredictedPairs} predicted, {score.GoldPairs} gold)");
        Console.WriteLine($"B-cubed  P={score.BCubed.Precision:F3} R={score.BCubed.Recall:F3} F1={score.BCubed.F1:F3}");
        if (verbose) Explain(items, clusterer);
        if (verbose)
            foreach (var g in items.Where(i => i.Gold is not null).GroupBy(i => i.Gold))
            {
                var sid = clusterer.StoryOf(g.First().Input.Id)!;
                Console.WriteLine($"GOLD cohesion {clusterer.Cohesion(sid):F3} size {clusterer.Story(sid)!.Size} {g.Key}");
            }
        return 0;
    }

    /// <summary>
    /// Clusters the dev set by its gold labels (so the state is the ideal one) and writes, for every article, the scores
    /// of its candidate stories and whether each is its gold story: a table to study which signals separate them.
    /// </summary>
    private static int Oracle(StoryClusteringOptions options)
    {
        var path = Path.Combine(StoriesData.SharedRoot(), "corpus", "stories-dev", "articles.jsonl");
        var items = StoriesData.ReadJsonLines(path);
        var clusterer = new StoryClusterer(options);
        ObserveBackground(clusterer, items);
        var firstOfGold = new Dictionary<string, string>();
        Console.WriteLine("article\tgold\tcandidate_is_gold\thas_gold_story\tscore\tcosine\tgap\tsize\tcohesion\trank");
        foreach (var item in items)
        {
            string? target = null;
            if (item.Gold is not null && firstOfGold.TryGetValue(item.Gold, out var sibling)) target = clusterer.StoryOf(sibling);
            clusterer.AddToStory(item.Input, target);
            if (item.Gold is not null) firstOfGold.TryAdd(item.Gold, item.Input.Id);
            var rank = 0;
            foreach (var c in clusterer.LastCandidates)
            {
                rank++;
                Console.WriteLine(string.Join('\t', item.Input.Id, item.Gold ?? "-", c.StoryId == target ? 1 : 0, target is null ? 0 : 1,
                    F(c.Score), F(c.Cosine), F(c.GapDays), c.Size, F(c.Cohesion), rank));
            }
            if (clusterer.LastCandidates.Count == 0)
                Console.WriteLine(string.Join('\t', item.Input.Id, item.Gold ?? "-", 0, target is null ? 0 : 1, 0, 0, 0, 0, 0, 0));
        }
        return 0;
    }

    /// <summary>Clusters fr-news and prints story counts, the size distribution, the largest stories and the best-score histogram.</summary>
    private static int Corpus(StoryClusteringOptions options, bool verbose)
    {
        var items = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl"));
        var clusterer = new StoryClusterer(options);
        var traceFile = Environment.GetEnvironmentVariable("RECOUPE_TRACE");
        using var trace = traceFile is null ? null : new StreamWriter(traceFile);
        if (trace is not null) clusterer.Trace = trace.Write;
        var histogram = new int[50];
        var watch = Stopwatch.StartNew();
        foreach (var item in items)
        {
            clusterer.Add(item.Input);
            if (clusterer.LastCandidates.Count > 0)
                histogram[Math.Min(49, (int)(clusterer.LastCandidates[0].Score * 50))]++;
        }
        watch.Stop();
        var stories = clusterer.Stories();
        Console.WriteLine($"fr-news: {items.Count} articles in {watch.Elapsed.TotalSeconds:F2} s ({items.Count / watch.Elapsed.TotalSeconds:F0}/s), {stories.Count} stories, {clusterer.Events.Count} events ({clusterer.Events.Count(e => e.Kind == StoryEventKind.Merge)} merges, {clusterer.Events.Count(e => e.Kind == StoryEventKind.Split)} splits), {clusterer.CopyGroups().Count} copy groups");
        var sizes = stories.GroupBy(s => s.Size switch { 1 => "1", 2 => "2", 3 => "3", <= 5 => "4-5", <= 10 => "6-10", <= 20 => "11-20", _ => ">20" })
            .ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine("sizes: " + string.Join(", ", new[] { "1", "2", "3", "4-5", "6-10", "11-20", ">20" }.Select(k => $"{k}: {sizes.GetValueOrDefault(k)}")));
        Console.WriteLine("best candidate score histogram (bins of 0.02):");
        for (var i = 0; i < 30; i++) Console.WriteLine($"  {i * 0.02:F2} {histogram[i],5} {new string('#', histogram[i] / 4)}");
        var byId = items.ToDictionary(i => i.Input.Id);
        foreach (var story in stories.OrderByDescending(s => s.Size).ThenBy(s => s.Id).Take(verbose ? 25 : 10))
        {
            Console.WriteLine($"{story.Id} size {story.Size} {story.FirstDate:yyyy-MM-dd}..{story.LastDate:yyyy-MM-dd} cohesion {clusterer.Cohesion(story.Id):F3} [{story.Label}] {story.Headline}");
            foreach (var a in story.Articles) Console.WriteLine($"    {a} {byId[a].Input.Date:yyyy-MM-dd} {Cut(byId[a].Input.Title, 100)}");
        }
        return 0;
    }

    /// <summary>
    /// Label-free null distribution of the best-candidate score: fr-news with its dates shuffled across articles (same
    /// density, but the articles near each other in time are random, so no pair is the same story), nothing joined.
    /// </summary>
    private static int Null(StoryClusteringOptions options)
    {
        var items = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl"));
        var dates = items.Select(i => i.Input.Date).ToList();
        var shuffled = items.OrderBy(i => Recoupe.Core.Text.StableHash.Of("null:" + i.Input.Id)).ToList();
        var clusterer = new StoryClusterer(options with { JoinThreshold = 10 });
        var best = new List<double>();
        for (var k = 0; k < shuffled.Count; k++)
        {
            clusterer.Add(shuffled[k].Input with { Date = dates[k] });
            best.Add(clusterer.LastCandidates.Count > 0 ? clusterer.LastCandidates[0].Score : 0);
        }
        best.Sort();
        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999 })
            Console.WriteLine($"q{q:F3} best-candidate score {best[(int)(q * (best.Count - 1))]:F3}");
        return 0;
    }

    /// <summary>
    /// The five seeds alone, then mixed into fr-news at their own date (November 2015) and transplanted to the dates of
    /// the corpus articles most like them: do they form one story, and does any corpus article join it?
    /// </summary>
    private static int Seeds(StoryClusteringOptions options)
    {
        var alone = new StoryClusterer(options);
        if (Environment.GetEnvironmentVariable("RECOUPE_TRACE") is not null) alone.Trace = Console.Error.Write;
        foreach (var seed in StoriesData.ReadSeeds(new DateTime(2015, 11, 20)))
        {
            alone.Add(seed);
            Console.WriteLine($"  {seed.Id}: best candidate {(alone.LastCandidates.Count > 0 ? alone.LastCandidates[0].Score : 0):F3}");
        }
        var aloneStories = StoriesData.ReadSeeds(null).Select(s => alone.StoryOf(s.Id)).Distinct().ToList();
        Console.WriteLine($"seeds alone: {aloneStories.Count} story(ies)");

        var corpus = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl"));
        // Dates to transplant the seeds to: their own, and the dates of the corpus articles that look most like them.
        var probe = new StoryClusterer(options);
        foreach (var item in corpus) probe.ObserveBackground(item.Input);
        var seedText = string.Join("\n", StoriesData.ReadSeeds(null).Select(s => s.Text));
        var dates = new List<DateTime> { new(2015, 11, 20) };
        dates.AddRange(corpus.Where(c => c.Input.Text.Contains("Syrie") && (c.Input.Text.Contains("russe") || c.Input.Text.Contains("Poutine")))
            .Select(c => c.Input.Date!.Value).Distinct().OrderBy(d => d).Take(12));
        var failures = 0;
        foreach (var date in dates)
        {
            var clusterer = new StoryClusterer(options);
            var seeds = StoriesData.ReadSeeds(date);
            var stream = corpus.Select(c => c.Input).Concat(seeds)
                .OrderBy(i => i.Date).ThenBy(i => i.Id.StartsWith("seed:") ? 1 : 0).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var closest = 0.0;
            string? closestId = null;
            foreach (var input in stream)
            {
                clusterer.Add(input);
                if (input.Id.StartsWith("seed:")) continue;
                var seedStory = clusterer.StoryOf(seeds[0].Id);
                foreach (var c in clusterer.LastCandidates)
                    if (seedStory is not null && c.StoryId == seedStory && c.Score > closest) { closest = c.Score; closestId = input.Id; }
            }
            Console.WriteLine($"  closest corpus article to the seed story: {closestId} at {closest:F3}");
            DumpAssignments($"seeds-{date:yyyyMMdd}", stream.Select(i => i.Id), clusterer);
            var seedStories = seeds.Select(s => clusterer.StoryOf(s.Id)!).Distinct().ToList();
            var intruders = seedStories.SelectMany(id => clusterer.Story(id)!.Articles).Where(a => !a.StartsWith("seed:")).ToList();
            var ok = seedStories.Count == 1 && intruders.Count == 0;
            if (!ok) failures++;
            Console.WriteLine($"seeds at {date:yyyy-MM-dd}: {seedStories.Count} story(ies), {intruders.Count} corpus article(s) joined {(ok ? "OK" : "FAIL")} {string.Join(" ", intruders)}");
            if (seedStories.Count > 1)
                foreach (var s in seeds) Console.WriteLine($"    {s.Id} -> {clusterer.StoryOf(s.Id)}");
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Block 0 is the corpus as it is (its 38 extra articles perturbed); later blocks drop a sentence, swap two words and move ten years on.</summary>
    internal static StoryInput Perturb(StoryInput input, int blockIndex, bool extra)
    {
        if (blockIndex == 0 && !extra) return input;
        var seed = Recoupe.Core.Text.StableHash.Of($"{input.Id}#{blockIndex}");
        var sentences = Recoupe.Core.Text.SentenceSplitter.Split(input.Text, Recoupe.Core.Segmentation.Tokenizer.Default.Tokenize(input.Text));
        var text = input.Text;
        if (sentences.Count >= 3)
        {
            var drop = sentences[(int)(seed % (ulong)sentences.Count)];
            text = text[..drop.Start] + text[drop.End..];
        }
        var words = text.Split(' ');
        if (words.Length > 4)
        {
            var at = (int)((seed >> 20) % (ulong)(words.Length - 1));
            (words[at], words[at + 1]) = (words[at + 1], words[at]);
            text = string.Join(' ', words);
        }
        return input with
        {
            Id = $"b{blockIndex}:{input.Id}",
            Date = input.Date!.Value.AddDays(3653 * blockIndex),
            Text = text,
        };
    }

    /// <summary>What the clusterer's analyzer and the language data make of one word (stem, thesaurus concept, place key).</summary>
    private static int Word(string word)
    {
        var analyzer = new Recoupe.Core.Text.MatchingAnalyzer("fr");
        var digest = Recoupe.Core.Digest.DigestLanguage.For("fr");
        var stem = analyzer.StemOf(word);
        var features = new StoryInput("word", null, "fr", word + " " + word, word + " est là.").Features(analyzer);
        Console.WriteLine($"{word}: stem {stem}, digest stem {digest.Stem(word.ToLowerInvariant())}, concept {(stem is null ? null : digest.Concept(stem))}, place {digest.Place(Recoupe.Core.Text.TextFolding.Fold(word))}; entities {string.Join(",", features.Entities.Select(e => e.Key))}");
        return 0;
    }

    private static int Profile()
    {
        var items = StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl"));
        var analyzer = new Recoupe.Core.Text.MatchingAnalyzer("fr");
        var watch = Stopwatch.StartNew();
        foreach (var item in items) item.Input.Features(analyzer);
        Console.WriteLine($"analyze: {items.Count / watch.Elapsed.TotalSeconds:F0}/s");
        watch.Restart();
        foreach (var item in items) Recoupe.Core.Segmentation.Tokenizer.Default.Tokenize(item.Input.Text);
        Console.WriteLine($"tokenize: {items.Count / watch.Elapsed.TotalSeconds:F0}/s");
        watch.Restart();
        foreach (var item in items)
        {
            var text = item.Input.Text;
            Recoupe.Core.Text.Words.Of(text, Recoupe.Core.Segmentation.Tokenizer.Default.Tokenize(text), 0, text.Length);
        }
        Console.WriteLine($"tokenize + words: {items.Count / watch.Elapsed.TotalSeconds:F0}/s");
        watch.Restart();
        foreach (var item in items) Recoupe.Core.Stories.MinHash.Signature(item.Input.Features(analyzer).Shingles.ToHashSet());
        Console.WriteLine($"analyze+minhash: {items.Count / watch.Elapsed.TotalSeconds:F0}/s");
        return 0;
    }

    private static string F(double x) => x.ToString("F4", CultureInfo.InvariantCulture);

    private static int Samples(StoryClusteringOptions options, bool verbose)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Recoupe.sln"))) dir = dir.Parent;
        var items = StoriesData.ReadSamplesGold(Path.Combine(dir!.FullName, "samples", "gold.json"));
        var clusterer = new StoryClusterer(options);
        if (Environment.GetEnvironmentVariable("RECOUPE_TRACE") is not null) clusterer.Trace = Console.Error.Write;
        foreach (var item in items) clusterer.Add(item.Input);
        var score = ClusteringEvaluation.Score(items.ToDictionary(i => i.Input.Id, i => i.Gold), items.ToDictionary(i => i.Input.Id, i => clusterer.StoryOf(i.Input.Id)!));
        DumpAssignments("samples", items.Select(i => i.Input.Id), clusterer);
        Console.WriteLine($"samples: {items.Count} articles, {score.PredictedClusters} stories");
        Console.WriteLine($"pairwise P={score.Pairwise.Precision:F3} R={score.Pairwise.Recall:F3} F1={score.Pairwise.F1:F3}  B-cubed F1={score.BCubed.F1:F3}");
        foreach (var story in clusterer.Stories())
            Console.WriteLine($"  {story.Id} [{story.Label}] " + string.Join(" ", story.Articles.Select(a => $"{a}({items.First(i => i.Input.Id == a).Gold ?? "-"})")));
        return 0;
    }

    private static void ObserveBackground(StoryClusterer clusterer, List<StoriesData.LabelledInput> items)
    {
        var background = _background switch
        {
            null => [],
            "self" => items,
            "corpus" => StoriesData.ReadJsonLines(Path.Combine(StoriesData.SharedRoot(), "corpus", "fr-news", "articles.jsonl")),
            _ => throw new ArgumentException($"--background {_background}: self or corpus"),
        };
        foreach (var b in background) clusterer.ObserveBackground(b.Input);
    }

    /// <summary>
    /// With RECOUPE_STORIES_DUMP set to a folder, writes each article's story id (one "article TAB story" line each) to
    /// NAME.tsv there: two builds' files compare exactly where the scores only summarise.
    /// </summary>
    private static void DumpAssignments(string name, IEnumerable<string> ids, StoryClusterer clusterer)
    {
        if (Environment.GetEnvironmentVariable("RECOUPE_STORIES_DUMP") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, name + ".tsv"), ids.Select(id => id + "\t" + clusterer.StoryOf(id)));
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n];

    private static void Explain(List<StoriesData.LabelledInput> items, StoryClusterer clusterer)
    {
        var byId = items.ToDictionary(i => i.Input.Id);
        foreach (var story in clusterer.Stories())
        {
            var labels = story.Articles.Select(a => byId[a].Gold ?? "-").ToList();
            var distinct = labels.Distinct().ToList();
            var goldOf = distinct.Where(l => l != "-").ToList();
            var impure = distinct.Count > 1 || (labels.Count > 1 && labels[0] == "-");
            if (!impure) continue;
            Console.WriteLine($"MIXED {story.Id} cohesion {clusterer.Cohesion(story.Id):F3} [{story.Label}]");
            foreach (var a in story.Articles)
                Console.WriteLine($"    {a} {byId[a].Input.Date:yyyy-MM-dd} {Cut(byId[a].Gold ?? "-", 30),-30} {Cut(byId[a].Input.Title, 90)}");
        }
        foreach (var group in items.Where(i => i.Gold is not null).GroupBy(i => i.Gold))
        {
            var stories = group.Select(i => clusterer.StoryOf(i.Input.Id)).Distinct().ToList();
            if (stories.Count == 1) continue;
            Console.WriteLine($"SPLIT {group.Key}");
            foreach (var i in group)
                Console.WriteLine($"    {i.Input.Id} {i.Input.Date:yyyy-MM-dd} {clusterer.StoryOf(i.Input.Id)} {Cut(i.Input.Title, 90)}");
        }
    }
}
