using System.Diagnostics;
using Recoupe.Core.Storage;
using Recoupe.Store.Postgres;
using Recoupe.Store.Sqlite;

namespace Recoupe.Bench;

/// <summary>
/// `store-parity SQLITE_DB POSTGRES_URL [QUERY...]`: one corpus ingested into both stores (e.g. fr-news by `recoupe
/// ingest --db`), compared. For each query (SearchBench's by default): every matching article id from each store (all
/// pages), whether the two sets are equal, how many of the first page's ids both share (ranking differs: BM25 against
/// ts_rank_cd), the matching quotations, and median times. Then the speaker filter (`quotes --speaker`) on the most
/// quoted speakers and a few typed names: rows from each, equal or not, median times.
/// </summary>
internal static class StoreParityBench
{
    private static readonly string[] DefaultQueries =
        ["macron", "gouvernement", "coronavirus masque", "\"premier ministre\"", "pari*", "etat", "l'armée", "covid-19", "\"en cours\" franc*"];

    public static int Run(string[] args)
    {
        if (args.Length < 2 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: store-parity SQLITE_DB POSTGRES_URL [QUERY...]");
            return 2;
        }
        using var sqlite = new SqliteArticleStore(args[0]);
        using var postgres = new PostgresArticleStore(args[1], create: false);
        Console.WriteLine($"articles: SQLite {sqlite.Count()}, PostgreSQL {postgres.Count()}");
        var queries = args.Length > 2 ? args[2..] : DefaultQueries;
        int sameSets = 0, sameQuotes = 0;
        foreach (var text in queries)
        {
            var query = SearchQuery.Parse(text);
            var a = AllIds(sqlite, query);
            var b = AllIds(postgres, query);
            var same = a.ToHashSet().SetEquals(b);
            if (same) sameSets++;
            var firstPage = a.Take(20).Intersect(b.Take(20)).Count();
            var qa = AllQuotes(sqlite, query);
            var qb = AllQuotes(postgres, query);
            if (qa.SetEquals(qb)) sameQuotes++;
            var ms = Median(() => sqlite.SearchArticles(query));
            var mp = Median(() => postgres.SearchArticles(query));
            var qms = Median(() => sqlite.SearchQuotes(query));
            var qmp = Median(() => postgres.SearchQuotes(query));
            Console.WriteLine($"{text,-24} articles {a.Count,5} / {b.Count,5} {(same ? "same ids" : "DIFFER  ")}  first page shared {firstPage,2}/{Math.Min(20, a.Count),2}" +
                $"  quotations {qa.Count,4} / {qb.Count,4} {(qa.SetEquals(qb) ? "same" : "DIFFER")}" +
                $"  ms: articles {ms,6:0.0} / {mp,6:0.0}, quotations {qms,6:0.0} / {qmp,6:0.0}");
            if (!same)
            {
                Console.WriteLine($"    only in SQLite: {string.Join(' ', a.Except(b).Take(10))}");
                Console.WriteLine($"    only in PostgreSQL: {string.Join(' ', b.Except(a).Take(10))}");
            }
        }
        Console.WriteLine($"search: {sameSets}/{queries.Length} queries with the same article ids, {sameQuotes}/{queries.Length} with the same quotations (SQLite / PostgreSQL)");

        var speakers = sqlite.Quotes(new QuoteQuery()).Where(q => q.Quote.SpeakerName is not null)
            .GroupBy(q => q.Quote.SpeakerName!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(5).Select(g => g.Key).Concat(["macron", "Édouard Philippe", "trump", "nobody at all"]).ToList();
        var (worst, worstPage) = (0.0, 0.0);
        foreach (var speaker in speakers)
        {
            var query = new QuoteQuery { Speaker = speaker };
            var ra = sqlite.Quotes(query).Select(q => (q.Article.Id, q.Quote.Start)).ToList();
            var rb = postgres.Quotes(query).Select(q => (q.Article.Id, q.Quote.Start)).ToList();
            var ms = Median(() => sqlite.Quotes(query));
            var mp = Median(() => postgres.Quotes(query));
            // The first page, as `recoupe quotes --speaker` shows it and the API's default limit.
            var page = query with { Limit = 50 };
            var pms = Median(() => sqlite.Quotes(page));
            var pmp = Median(() => postgres.Quotes(page));
            worst = Math.Max(worst, mp);
            worstPage = Math.Max(worstPage, pmp);
            Console.WriteLine($"speaker {speaker,-28} rows {ra.Count,4} / {rb.Count,4} {(ra.SequenceEqual(rb) ? "same" : "DIFFER")}  ms all {ms,6:0.0} / {mp,6:0.0}, first 50 {pms,6:0.0} / {pmp,6:0.0}");
        }
        Console.WriteLine($"speaker filter: slowest median on PostgreSQL {worst:0.0} ms for every row, {worstPage:0.0} ms for the first 50 (the issue's bound: 50 ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        return 0;
    }

    private static List<long> AllIds(IArticleSearchStore store, SearchQuery query)
    {
        var ids = new List<long>();
        while (true)
        {
            var page = store.SearchArticles(query.Page(SearchQuery.MaxLimit, ids.Count));
            ids.AddRange(page.Hits.Select(h => h.Id));
            if (page.Hits.Count < SearchQuery.MaxLimit) return ids;
        }
    }

    /// <summary>Every matching quotation (article, start), all pages: the two stores rank articles differently, so pages differ.</summary>
    private static HashSet<(long, int)> AllQuotes(IArticleSearchStore store, SearchQuery query)
    {
        var quotes = new HashSet<(long, int)>();
        for (var offset = 0; ; offset += SearchQuery.MaxLimit)
        {
            var page = store.SearchQuotes(query.Page(SearchQuery.MaxLimit, offset));
            foreach (var hit in page.Hits) quotes.Add((hit.ArticleId, hit.Start));
            if (page.Hits.Count < SearchQuery.MaxLimit) return quotes;
        }
    }

    private static double Median<T>(Func<T> run)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[2];
    }
}
