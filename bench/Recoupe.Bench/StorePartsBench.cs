using System.Diagnostics;
using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// What each kind of extraction costs the store: the corpus goes through the full pipeline once, then the same
/// documents are stored into fresh databases with all their annotations, without entity mentions, without quotations
/// and figures, and without any of the three, alternated ROUNDS times; medians of the storing thread's CPU per article.
/// </summary>
internal static class StorePartsBench
{
    public static void Run(string path, string folder, int rounds, int batchSize)
    {
        var pipeline = DefaultPipeline.Create();
        var documents = ArticleReader.Read([path]).OfType<ReadArticle>()
            .AsParallel().AsOrdered().Select(r => pipeline.Process(r.Article)).ToList();
        foreach (var d in documents) d.Tokens.Clear(); // not stored; keeps memory down
        var entities = documents.Select(d => d.Entities.ToList()).ToArray();
        var quotes = documents.Select(d => d.Quotes.ToList()).ToArray();
        var figures = documents.Select(d => d.Figures.ToList()).ToArray();
        Console.WriteLine($"processed {documents.Count} documents");

        var variants = new (string Name, bool Entities, bool QuotesFigures)[]
        {
            ("everything", true, true), ("no entity mentions", false, true), ("no quotations, figures", true, false), ("no extraction", false, false),
        };
        var results = variants.ToDictionary(v => v.Name, _ => new List<(double Cpu, double Wall)>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var variant in variants)
            {
                for (var i = 0; i < documents.Count; i++)
                {
                    Swap(documents[i].Entities, variant.Entities ? entities[i] : []);
                    Swap(documents[i].Quotes, variant.QuotesFigures ? quotes[i] : []);
                    Swap(documents[i].Figures, variant.QuotesFigures ? figures[i] : []);
                }
                var db = Path.Combine(folder, $"parts-{round}-{results.Count}.db");
                var cpu = ThreadCpu.Nanoseconds();
                var clock = Stopwatch.StartNew();
                using (var store = new SqliteArticleStore(db))
                {
                    for (var start = 0; start < documents.Count; start += batchSize)
                        store.AddBatch(documents.GetRange(start, Math.Min(batchSize, documents.Count - start)));
                }
                clock.Stop();
                var perArticleCpu = (ThreadCpu.Nanoseconds() - cpu) / 1e3 / documents.Count;
                var perArticleWall = clock.Elapsed.TotalMicroseconds / documents.Count;
                var size = new FileInfo(db).Length;
                foreach (var file in Directory.GetFiles(folder, Path.GetFileName(db) + "*")) File.Delete(file);
                if (round == 0) continue; // warm-up
                results[variant.Name].Add((perArticleCpu, perArticleWall));
                Console.WriteLine($"round {round} {variant.Name,-24} store cpu {perArticleCpu,6:0} µs/article, wall {perArticleWall,6:0} µs/article, database {size / 1048576.0:0.0} MB");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"median of {rounds} rounds              store cpu   wall (µs/article)");
        foreach (var variant in variants)
        {
            var r = results[variant.Name];
            Console.WriteLine($"  {variant.Name,-28} {Median(r.Select(x => x.Cpu)),8:0} {Median(r.Select(x => x.Wall)),8:0}");
        }
    }

    private static void Swap<T>(List<T> list, List<T> content)
    {
        list.Clear();
        list.AddRange(content);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
