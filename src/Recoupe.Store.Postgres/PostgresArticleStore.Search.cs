using Npgsql;
using NpgsqlTypes;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// Full-text search over the tsvectors of migration 0002 (GIN indexes): every term must match, phrases by
/// followed-by, prefixes with :*. Ranked by ts_rank_cd (title words weigh more, as BM25's column weights do in
/// SQLite), then id. Snippets are cut by Core's <see cref="SearchText"/> with the same word rules.
/// </summary>
public sealed partial class PostgresArticleStore
{
    // ts_rank weights for {D, C, B, A}: body words 0.25, title words 1, as SQLite's bm25 weighs title 4, body 1.
    private const string Weights = "'{0.25, 0.25, 0.25, 1.0}'";

    public SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (SearchVector.Query(query) is not { } tsquery) return new SearchPage<ArticleSearchHit>([], 0);
        using var connection = _database.Open();
        var rows = new List<(ArticleSearchHit Hit, string Text)>();
        using (var command = new NpgsqlCommand(
            $"""
            SELECT id, published, outlet, language, title, clean_text, ts_rank_cd({Weights}, search, $1::tsquery) AS score
            FROM articles WHERE search @@ $1::tsquery
            ORDER BY score DESC, id LIMIT $2 OFFSET $3;
            """, connection))
        {
            AddPaging(command, tsquery, query);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((new ArticleSearchHit(reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : ColumnJson.ParseDate(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    new SearchSnippet("", []), reader.GetFloat(6)), reader.GetString(5)));
            }
        }
        var hits = rows.Select(r =>
        {
            var snippet = SearchText.Snippet(r.Text, query);
            // Matched in the title only: the title is the passage that shows it.
            if (snippet.Matches.Count == 0 && r.Hit.Title is { } title) snippet = SearchText.Snippet(title, query);
            return r.Hit with { Snippet = snippet };
        }).ToList();
        return new SearchPage<ArticleSearchHit>(hits, CountWhere(connection, "search", tsquery));
    }

    /// <summary>
    /// Quotations whose text or speaker's name match every term: the quotes vector finds the articles, best first;
    /// <see cref="QuoteSearchPaging"/> keeps the quotations that match by themselves. A hit's score is its article's.
    /// </summary>
    public SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (SearchVector.Query(query) is not { } tsquery) return new SearchPage<QuoteSearchHit>([], 0);
        using var connection = _database.Open();
        var articles = new List<(long Id, double Score)>();
        using (var command = new NpgsqlCommand(
            """
            SELECT id, ts_rank_cd(quotes_search, $1::tsquery) AS score FROM articles
            WHERE quotes_search @@ $1::tsquery ORDER BY score DESC, id;
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = tsquery });
            using var reader = command.ExecuteReader();
            while (reader.Read()) articles.Add((reader.GetInt64(0), reader.GetFloat(1)));
        }

        var (page, total) = QuoteSearchPaging.Page(articles, PageSize, ids => QuoteCandidates(connection, ids), query);
        var hits = QuotesByRow(connection, page.Select(p => p.Row).ToArray());
        return new SearchPage<QuoteSearchHit>(page.Select(p => hits[p.Row] with { Score = p.Score }).ToList(), total);
    }

    // A quotation's row number for paging: article id × 2^20 + position, as the SQLite store's row ids.
    private const long RowsPerArticle = 1 << 20;

    private static List<QuoteCandidate> QuoteCandidates(NpgsqlConnection connection, IReadOnlyList<long> articleIds)
    {
        using var command = new NpgsqlCommand(
            $"""
            SELECT article_id * {RowsPerArticle} + position, article_id, text, speaker_name FROM quotes
            WHERE article_id = ANY($1) ORDER BY article_id, start, position;
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = articleIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        using var reader = command.ExecuteReader();
        var quotes = new List<QuoteCandidate>();
        while (reader.Read())
            quotes.Add(new QuoteCandidate(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return quotes;
    }

    private static Dictionary<long, QuoteSearchHit> QuotesByRow(NpgsqlConnection connection, long[] rows)
    {
        using var command = new NpgsqlCommand(
            $"""
            SELECT q.article_id * {RowsPerArticle} + q.position, q.article_id, q.start, q."end", q.text, q.kind, q.speaker_name,
                   q.speaker_key, a.published, a.outlet, a.title
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE (q.article_id, q.position) IN (SELECT r / {RowsPerArticle}, (r % {RowsPerArticle})::integer FROM unnest($1) AS r);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        using var reader = command.ExecuteReader();
        var quotes = new Dictionary<long, QuoteSearchHit>();
        while (reader.Read())
        {
            quotes[reader.GetInt64(0)] = RowReaders.QuoteHit(reader);
        }
        return quotes;
    }

    private static void AddPaging(NpgsqlCommand command, string tsquery, SearchQuery query)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = tsquery });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
    }

    private static long CountWhere(NpgsqlConnection connection, string column, string tsquery)
    {
        using var command = new NpgsqlCommand($"SELECT count(*) FROM articles WHERE {column} @@ $1::tsquery;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tsquery });
        return (long)command.ExecuteScalar()!;
    }
}
