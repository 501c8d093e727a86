namespace Recoupe.Core.Storage;

/// <summary>
/// <see cref="IArticleReadStore.Quotes"/> and <see cref="IArticleReadStore.CountQuotes"/> over a store's own reader of
/// quotations in order (which passes each row to a callback until it says stop), the same in every store.
/// </summary>
public static class QuoteListing
{
    public static IReadOnlyList<StoredQuote> Take(QuoteQuery query, Action<QuoteQuery, Func<StoredQuote, bool>> read)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 0) throw new ArgumentOutOfRangeException(nameof(query), "limit must not be negative");
        var rows = new List<StoredQuote>();
        read(query, row =>
        {
            if (rows.Count >= (query.Limit ?? int.MaxValue)) return false;
            rows.Add(row);
            return true;
        });
        return rows;
    }

    /// <summary>Counts the rows of a speaker's quotations (the filter is matched in code, so they are read).</summary>
    public static long Count(QuoteQuery query, Action<QuoteQuery, Func<StoredQuote, bool>> read)
    {
        long count = 0;
        read(query with { Limit = null }, _ => { count++; return true; });
        return count;
    }
}
