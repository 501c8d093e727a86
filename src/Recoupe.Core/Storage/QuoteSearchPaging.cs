namespace Recoupe.Core.Storage;

/// <summary>A quotation as quotation search reads it before matching: its row, article, text and speaker's name.</summary>
public sealed record QuoteCandidate(long Row, long ArticleId, string Text, string? Speaker);

/// <summary>
/// The page of a quotation search, the same in every store: the store's index gives the articles whose quotations
/// match, best first; each article's quotations are kept, in text order, when they match by themselves
/// (<see cref="SearchMatching"/>). Every matching quotation is counted for the total; only the page's rows are returned,
/// each with its article's score.
/// </summary>
public static class QuoteSearchPaging
{
    public static (List<(long Row, double Score)> Page, long Total) Page(IReadOnlyList<(long Id, double Score)> articles,
        int chunkSize, Func<IReadOnlyList<long>, IEnumerable<QuoteCandidate>> quotesOf, SearchQuery query)
    {
        var matching = new SearchMatching(query);
        var page = new List<(long Row, double Score)>();
        long total = 0;
        foreach (var chunk in articles.Chunk(chunkSize))
        {
            var rank = chunk.Select((a, i) => (a.Id, i)).ToDictionary(a => a.Id, a => a.i);
            var quotes = quotesOf(chunk.Select(a => a.Id).ToList()).Where(q => matching.Matches(q.Text, q.Speaker));
            foreach (var q in quotes.OrderBy(q => rank[q.ArticleId])) // stable: text order within an article
            {
                if (total >= query.Offset && page.Count < query.Limit) page.Add((q.Row, chunk[rank[q.ArticleId]].Score));
                total++;
            }
        }
        return (page, total);
    }
}
