using System.Diagnostics;
using System.Text.Json;
using Recoupe.Core.Extraction;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Core.Segmentation;
using Recoupe.Evaluation;

/// <summary>
/// `extract-eval GOLD.jsonl CORPUS.jsonl [--errors]`: scores the extraction stages on quotes-dev.
/// `extract-bench CORPUS.jsonl`: runs the extraction stages over every article and prints articles per second.
/// `extract-vocab [CORPUS.jsonl] [--rounds N]`: the cost of asking every word token whether the lexicon knows it.
/// `extract-dump-corpus CORPUS.jsonl [SAMPLES_DIR]`: every field of every extracted entity, quotation and figure of every article,
/// both from the raw text and through the default pipeline (to check that a change leaves the output identical).
/// </summary>
internal static class ExtractionBench
{
    public static int Run(string[] args)
    {
        switch (args[0])
        {
            case "extract-eval":
            {
                var articles = ReadCorpus(args[2]);
                var gold = GoldFormats.ReadQuotesDev(File.ReadAllText(args[1]));
                var scores = ExtractionScorer.Score(gold.Select(g => (g, Extractor.Run(Extractor.FromText(articles[g.Id], g.Id, "fr")))));
                Console.Write(scores.Report("quotes-dev"));
                if (args.Contains("--errors")) foreach (var e in scores.Errors) Console.WriteLine(e);
                return 0;
            }
            case "extract-seeds":
            {
                var gold = GoldFormats.ReadGeneric(File.ReadAllText(args[1]));
                var dir = args[2];
                var scores = ExtractionScorer.Score(gold.Select(g => (g, Extractor.Run(Extractor.FromText(File.ReadAllText(Path.Combine(dir, g.Source ?? g.Id)), g.Id, "fr")))));
                Console.Write(scores.Report("seeds"));
                if (args.Contains("--errors")) foreach (var e in scores.Errors) Console.WriteLine(e);
                return 0;
            }
            case "extract-samples":
                return Samples(args.Length > 1 && !args[1].StartsWith("--") ? args[1] : "samples", args.Contains("--errors"));
            case "extract-dump":
            {
                var text = File.ReadAllText(args[1]);
                var doc = Extractor.Run(Extractor.FromText(text, args[1]));
                foreach (var e in doc.Entities) Console.WriteLine($"ENT {e.Start}-{e.End} {e.Type} {e.Via} «{doc.Slice(e)}» → {e.Name} [{e.Key}] role={e.Role}");
                foreach (var q in doc.Quotes) Console.WriteLine($"QUOTE {q.Start}-{q.End} {q.Kind} [{q.SpeakerName}|{q.SpeakerKey}] cue={q.Cue} «{doc.Slice(q)}»");
                foreach (var f in doc.Figures) Console.WriteLine($"FIG {f.Start}-{f.End} {f.Value} unit={f.Unit} counts={f.Counts} q={f.Qualifier} scope={f.Scope} by={f.ClaimedBy}|{f.ClaimedByKey} «{doc.Slice(f)}»");
                return 0;
            }
            case "extract-bench":
                return Bench(args);
            case "extract-vocab":
                return VocabBench(args);
            case "extract-dump-corpus":
                return DumpCorpus(args[1], args.Length > 2 ? args[2] : null);
        }
        Console.Error.WriteLine("unknown extraction mode " + args[0]);
        return 2;
    }

    private static int DumpCorpus(string path, string? samples)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        void Write(string section, string id, Document doc)
        {
            output.WriteLine($"== {section} {id} ({doc.Text.Length} chars)");
            foreach (var e in doc.Entities) output.WriteLine($"ENT {e.Start}-{e.End} {e.Type} {e.Via} «{doc.Slice(e)}» → {e.Name} [{e.Key}] role={e.Role}");
            foreach (var q in doc.Quotes)
                output.WriteLine($"QUOTE {q.Start}-{q.End} {q.Kind} [{q.SpeakerName}|{q.SpeakerKey}] at={q.SpeakerSpan} cue={q.Cue} at={q.CueSpan} «{doc.Slice(q)}»");
            foreach (var f in doc.Figures)
                output.WriteLine($"FIG {f.Start}-{f.End} {f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} unit={f.Unit} counts={f.Counts} q={f.Qualifier} scope={f.Scope} by={f.ClaimedBy}|{f.ClaimedByKey} «{doc.Slice(f)}»");
        }
        foreach (var (id, text) in ReadCorpus(path)) Write("text", id, Extractor.Run(Extractor.FromText(text, id, "fr")));
        var pipeline = DefaultPipeline.Create();
        var n = 0;
        var inputs = new List<string> { path };
        // the samples (English too) through the readers and the whole pipeline, when a samples folder is given
        if (samples is not null) inputs.AddRange(Directory.GetFiles(Path.Combine(samples, "articles"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        foreach (var item in Recoupe.Ingest.ArticleReader.Read(inputs))
        {
            n++;
            if (item is not Recoupe.Ingest.ReadArticle read) { output.WriteLine($"== pipeline #{n} not read"); continue; }
            try { Write("pipeline", $"#{n}", pipeline.Process(read.Article)); }
            catch (ArticleRejectedException e) { output.WriteLine($"== pipeline #{n} rejected: {e.Message}"); }
        }
        output.Flush();
        return 0;
    }

    /// <summary>
    /// Extraction time per article on the corpus: each document is first built and segmented (segment, language,
    /// dates: the stages extraction reads, outside the timing), then each extraction step is timed on its own.
    /// CPU time of the process is reported beside wall time, which is noisy on a shared machine.
    /// </summary>
    private static int VocabBench(string[] args)
    {
        var path = args.Length > 1 && !args[1].StartsWith("--") ? args[1] : Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/corpus/fr-news/articles.jsonl");
        var rounds = args.Contains("--rounds") ? int.Parse(args[Array.IndexOf(args, "--rounds") + 1]) : 5;
        var documents = new List<Document>();
        var segment = new SegmentStage();
        foreach (var (id, text) in ReadCorpus(path))
        {
            var d = Extractor.FromText(text, id, "fr");
            segment.Run(d);
            documents.Add(d);
        }
        var resources = ExtractionResources.For("fr");
        var toks = new List<Tok>();
        long words = 0;
        foreach (var d in documents)
        {
            ExtractionTokens.Fill(toks, d, resources);
            words += toks.Count(t => t.Kind == TokKind.Word);
        }
        Console.WriteLine($"{documents.Count} articles, {words} word tokens, {resources.Vocab.Count} forms named by the lists");
        var asked = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            long elapsed = 0, known = 0;
            foreach (var d in documents)
            {
                ExtractionTokens.Fill(toks, d, resources);
                var start = ThreadCpu.Nanoseconds();
                foreach (var t in toks)
                    if (t.Kind == TokKind.Word && t.InLexicon) known++;
                elapsed += ThreadCpu.Nanoseconds() - start;
            }
            asked.Add((double)elapsed / words);
            Console.WriteLine($"round {round + 1}  {asked[^1]:0.0} ns a word token asked (thread CPU), {known} known to the lexicon or the lists");
        }
        var median = asked.Order().ToList()[asked.Count / 2];
        Console.WriteLine($"median  {median:0.0} ns a word token; {median * words / documents.Count / 1000:0.0} µs an article were every word asked");
        return 0;
    }

    private static int Bench(string[] args)
    {
        var texts = ReadCorpus(args[1]).Values.ToList();
        var passes = args.Contains("--passes") ? int.Parse(args[Array.IndexOf(args, "--passes") + 1]) : 3;
        var prepare = new IDocumentStage[] { new SegmentStage(), new LanguageStage(), new DatesStage() };
        List<Document> Prepare(int from, int count) => texts.Skip(from).Take(count).Select((t, i) =>
        {
            var d = Extractor.FromText(t, (from + i).ToString(), "fr");
            foreach (var s in prepare) { s.Run(d); d.StagesRun.Add(s.Name); }
            return d;
        }).ToList();
        var load = ThreadCpu.Nanoseconds();
        ExtractionResources.For("fr");
        Console.WriteLine($"resources loaded in {(ThreadCpu.Nanoseconds() - load) / 1e6:0} ms of CPU");
        // warm up: JIT outside the timing
        foreach (var d in Prepare(0, 300)) Extractor.Run(d);
        var steps = new[] { "analysis", "entities", "quotes", "figures" };
        var best = new double[steps.Length];
        Array.Fill(best, double.MaxValue);
        var bestCpu = double.MaxValue;
        long quotes = 0, figures = 0, entities = 0;
        var allocated = new long[steps.Length];
        const int Batch = 100; // documents are prepared a batch at a time, as ingest holds only a few at once
        for (var pass = 0; pass < passes; pass++)
        {
            var ticks = new long[steps.Length];
            allocated = new long[steps.Length];
            var cpu = TimeSpan.Zero;
            quotes = figures = entities = 0;
            var gcs = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var allocatedInPass = GC.GetAllocatedBytesForCurrentThread();
            for (var from = 0; from < texts.Count; from += Batch)
            {
                var docs = Prepare(from, Batch);
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                foreach (var d in docs)
                {
                    var a0 = GC.GetAllocatedBytesForCurrentThread();
                    var t0 = ThreadCpu.Nanoseconds();
                    ArticleAnalysis.For(d);
                    var t1 = ThreadCpu.Nanoseconds();
                    var a1 = GC.GetAllocatedBytesForCurrentThread();
                    new EntityStage().Run(d);
                    var t2 = ThreadCpu.Nanoseconds();
                    var a2 = GC.GetAllocatedBytesForCurrentThread();
                    new QuoteStage().Run(d);
                    var t3 = ThreadCpu.Nanoseconds();
                    var a3 = GC.GetAllocatedBytesForCurrentThread();
                    new FigureStage().Run(d);
                    var t4 = ThreadCpu.Nanoseconds();
                    var a4 = GC.GetAllocatedBytesForCurrentThread();
                    ticks[0] += t1 - t0; ticks[1] += t2 - t1; ticks[2] += t3 - t2; ticks[3] += t4 - t3;
                    allocated[0] += a1 - a0; allocated[1] += a2 - a1; allocated[2] += a3 - a2; allocated[3] += a4 - a3;
                    quotes += d.Quotes.Count; figures += d.Figures.Count; entities += d.Entities.Count;
                }
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            }
            var cpuUs = cpu.TotalMicroseconds / texts.Count;
            bestCpu = Math.Min(bestCpu, cpuUs);
            for (var k = 0; k < steps.Length; k++) best[k] = Math.Min(best[k], ticks[k] / 1e3 / texts.Count);
            Console.WriteLine($"pass {pass + 1}: thread cpu {ticks.Sum() / 1e3 / texts.Count:0} µs/article, process cpu {cpuUs:0} µs/article; "
                              + $"{(GC.GetAllocatedBytesForCurrentThread() - allocatedInPass) / 1024.0 / texts.Count:0} KB allocated, {GC.CollectionCount(0) - gcs} collections, paused {(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / texts.Count:0.0} µs/article (preparation included)");
        }
        Console.WriteLine($"{texts.Count} articles; best of {passes} passes (CPU time of the extracting thread, per article):");
        for (var k = 0; k < steps.Length; k++) Console.WriteLine($"  {steps[k],-9} {best[k],7:0.0} µs   {allocated[k] / 1024.0 / texts.Count,6:0.0} KB allocated");
        Console.WriteLine($"  total     {best.Sum(),7:0.0} µs   {allocated.Sum() / 1024.0 / texts.Count,6:0.0} KB  (process cpu {bestCpu:0} µs, GC threads included)");
        Console.WriteLine($"{entities} entity mentions, {quotes} quotations, {figures} figures");
        return 0;
    }

    /// <summary>
    /// Scores extraction on samples/gold.json: each article is read by the ingest readers and run through the whole
    /// default pipeline; gold snippets are placed in the cleaned text (those cleaning lost are counted apart).
    /// </summary>
    private static int Samples(string dir, bool errors)
    {
        var gold = GoldFormats.ReadSamples(File.ReadAllText(Path.Combine(dir, "gold.json")));
        var pipeline = DefaultPipeline.Create();
        var byLanguage = new Dictionary<string, List<(GoldDocument, Document)>>();
        var unplaced = 0;
        var failed = 0;
        foreach (var sample in gold)
        {
            var items = Recoupe.Ingest.ArticleReader.Read([Path.Combine(dir, sample.File)]).ToList();
            var index = (sample.Line ?? sample.Item ?? 1) - 1;
            var articles = items.OfType<Recoupe.Ingest.ReadArticle>().ToList();
            if (index >= articles.Count) { Console.Error.WriteLine($"{sample.Id}: no article {index + 1} in {sample.File}"); failed++; continue; }
            Document doc;
            try { doc = pipeline.Process(articles[index].Article); }
            catch (ArticleRejectedException e) { Console.Error.WriteLine($"{sample.Id}: {e.Message}"); failed++; continue; }
            var g = GoldFormats.Locate(sample, doc.Text, out var lost);
            unplaced += lost;
            if (!byLanguage.TryGetValue(sample.Language, out var list)) byLanguage[sample.Language] = list = [];
            list.Add((g, doc));
        }
        foreach (var (language, items) in byLanguage.OrderBy(p => p.Key))
        {
            var scores = ExtractionScorer.Score(items);
            Console.Write(scores.Report($"samples ({language}, {items.Count} articles)"));
            if (errors) foreach (var e in scores.Errors) Console.WriteLine(e);
        }
        Console.Write(ExtractionScorer.Score(byLanguage.Values.SelectMany(v => v)).Report("samples (all)"));
        Console.WriteLine($"snippets not found in the cleaned text: {unplaced}; articles not built: {failed}");
        return 0;
    }

    private static Dictionary<string, string> ReadCorpus(string path)
    {
        var map = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var j = JsonDocument.Parse(line);
            var r = j.RootElement;
            map[r.GetProperty("id").ToString()] = r.GetProperty("title").GetString() + "\n\n" + r.GetProperty("heading").GetString() + "\n\n" + r.GetProperty("text").GetString();
        }
        return map;
    }
}

/// <summary>CPU time of the calling thread (Linux clock_gettime): steady on a machine shared with other work.</summary>
internal static class ThreadCpu
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ThreadCpuTimeId = 3;

    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * (1_000_000_000 / Stopwatch.Frequency);
        ClockGetTime(ThreadCpuTimeId, out var t);
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }
}
