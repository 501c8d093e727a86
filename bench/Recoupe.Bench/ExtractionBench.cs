using System.Diagnostics;
using System.Text.Json;
using Recoupe.Core.Extraction;
using Recoupe.Core.Extraction.Evaluation;
using Recoupe.Core.Model;

/// <summary>
/// `extract-eval GOLD.jsonl CORPUS.jsonl [--errors]`: scores the extraction stages on quotes-dev.
/// `extract-bench CORPUS.jsonl`: runs the extraction stages over every article and prints articles per second.
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
            {
                var articles = ReadCorpus(args[1]).Values.ToList();
                // warm up (resource loading) outside the timing
                Extractor.Run(Extractor.FromText(articles[0], "warmup", "fr"));
                var docs = articles.Select((t, i) => Extractor.FromText(t, i.ToString(), "fr")).ToList();
                var sw = Stopwatch.StartNew();
                long quotes = 0, figures = 0, entities = 0;
                foreach (var d in docs)
                {
                    Extractor.Run(d);
                    quotes += d.Quotes.Count; figures += d.Figures.Count; entities += d.Entities.Count;
                }
                sw.Stop();
                Console.WriteLine($"{docs.Count} articles in {sw.Elapsed.TotalMilliseconds:0} ms: {docs.Count / sw.Elapsed.TotalSeconds:0} articles/s, {sw.Elapsed.TotalMilliseconds * 1000 / docs.Count:0} µs/article; {entities} entity mentions, {quotes} quotations, {figures} figures");
                return 0;
            }
        }
        Console.Error.WriteLine("unknown extraction mode " + args[0]);
        return 2;
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
