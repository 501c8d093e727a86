using System.Diagnostics;
using Recoupe.Core.Storage;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// `search DB [QUERY...]`: article and quotation search times on a stored database (e.g. fr-news after `recoupe
/// ingest`), each query run 5 times after one warm-up; median milliseconds, hits on the first page and total.
/// </summary>
internal static class SearchBench
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: search DB [QUERY...]  (DB: a Recoupe database, e.g. from `recoupe ingest`)");
            return 2;
        }
        using var store = new SqliteArticleStore(args[0]);
        var queries = args.Length > 1 ? args[1..] : ["macron", "gouvernement", "coronavirus masque", "\"premier ministre\"", "pari*"];
        Console.WriteLine($"{store.Count()} articles");
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var (articles, articlesMs) = Time(() => store.SearchArticles(query));
            var (quotes, quotesMs) = Time(() => store.SearchQuotes(query));
            Console.WriteLine($"{text,-24} articles {articlesMs,7:0.0} ms ({articles.Total,5} in all)   quotations {quotesMs,7:0.0} ms ({quotes.Total,5} in all)");
        }
        return 0;
    }

    private static (T Result, double Milliseconds) Time<T>(Func<T> run)
    {
        var result = run();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            result = run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (result, times[2]);
    }
}
