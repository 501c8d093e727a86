using Recoupe.Core.Model;
using Recoupe.Core.Pipeline;
using Recoupe.Ingest;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// What each kind of extraction costs the store: the corpus goes through the full pipeline once, then the same
/// documents are stored into fresh databases with all their annotations, without entity mentions, without quotations
/// and figures, and without any of the three, taking turns batch by batch, ROUNDS times; medians of the storing
/// thread's CPU per article.
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
        // The variants take turns batch by batch, each into its own database, so that a busy machine slows them alike.
        var results = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var stores = variants.Select((_, v) => new SqliteArticleStore(Path.Combine(folder, $"parts-{round}-{v}.db"))).ToArray();
            var cpu = new long[variants.Length];
            for (var start = 0; start < documents.Count; start += batchSize)
            {
                var batch = documents.GetRange(start, Math.Min(batchSize, documents.Count - start));
                for (var v = 0; v < variants.Length; v++)
                {
                    for (var i = start; i < start + batch.Count; i++)
                    {
                        Swap(documents[i].Entities, variants[v].Entities ? entities[i] : []);
                        Swap(documents[i].Quotes, variants[v].QuotesFigures ? quotes[i] : []);
                        Swap(documents[i].Figures, variants[v].QuotesFigures ? figures[i] : []);
                    }
                    var before = ThreadCpu.Nanoseconds();
                    stores[v].AddBatch(batch);
                    cpu[v] += ThreadCpu.Nanoseconds() - before;
                }
            }
            for (var v = 0; v < variants.Length; v++)
            {
                var db = stores[v].Path;
                stores[v].Dispose();
                var size = new FileInfo(db).Length;
                foreach (var file in Directory.GetFiles(folder, Path.GetFileName(db) + "*")) File.Delete(file);
                var perArticle = cpu[v] / 1e3 / documents.Count;
                if (round == 0) continue; // warm-up
                results[variants[v].Name].Add(perArticle);
                Console.WriteLine($"round {round} {variants[v].Name,-24} store cpu {perArticle,6:0} µs/article, database {size / 1048576.0:0.0} MB");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"median of {rounds} rounds              store cpu (µs/article)");
        foreach (var variant in variants)
            Console.WriteLine($"  {variant.Name,-28} {Median(results[variant.Name]),8:0}");
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
