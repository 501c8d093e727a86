using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Recoupe.Core.Model;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Sqlite;

/// <summary>Full-text search over the FTS5 index of migrations 0003 and 0006 (filled by <see cref="SearchRowsWriter"/>).</summary>
public sealed partial class SqliteArticleStore
{
    // Private-use characters around matched words in FTS5 snippets; turned into offsets, never sent as markup.
    private const char MatchOpen = '\uE000';
    private const char MatchClose = '\uE001';
    private const int SnippetTokens = 40;

    public SearchPage<ArticleSearchHit> SearchArticles(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = InColumns("title body", MatchExpression(query));
        lock (_gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText =
                $"""
                SELECT a.id, a.published, a.outlet, a.language, a.title,
                       snippet(articles_fts, -1, $open, $close, '…', {SnippetTokens}) AS snippet,
                       bm25(articles_fts, 4.0, 1.0, 0.0) AS score
                FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                WHERE articles_fts MATCH $match
                ORDER BY score, a.id
                LIMIT $limit OFFSET $offset;
                """;
            command.Parameters.AddWithValue("$open", MatchOpen.ToString());
            command.Parameters.AddWithValue("$close", MatchClose.ToString());
            AddPaging(command, match, query);
            var hits = new List<ArticleSearchHit>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    hits.Add(new ArticleSearchHit(
                        reader.GetInt64(0),
                        reader.IsDBNull(1) ? null : ColumnJson.ParseDate(reader.GetString(1)),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        ParseSnippet(reader.GetString(5)),
                        -reader.GetDouble(6)));
                }
            }
            return new SearchPage<ArticleSearchHit>(hits, CountMatches(match));
        }
    }

    /// <summary>
    /// Quotations whose text or speaker's name match every term. The index's quotes column finds the articles whose
    /// quotations match, best first (BM25 over that column); each article's quotations are then kept, in text order,
    /// when they match by themselves (<see cref="SearchMatching"/>). A hit's score is its article's.
    /// </summary>
    public SearchPage<QuoteSearchHit> SearchQuotes(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var match = InColumns("quotes", MatchExpression(query));
        lock (_gate)
        {
            ThrowIfDisposed();
            var articles = new List<(long Id, double Score)>();
            using (var command = _connection.CreateCommand())
            {
                command.CommandText =
                    """
                    SELECT rowid, bm25(articles_fts, 0.0, 0.0, 1.0) AS score FROM articles_fts
                    WHERE articles_fts MATCH $match ORDER BY score, rowid;
                    """;
                command.Parameters.AddWithValue("$match", match);
                using var reader = command.ExecuteReader();
                while (reader.Read()) articles.Add((reader.GetInt64(0), -reader.GetDouble(1)));
            }

            var (page, total) = QuoteSearchPaging.Page(articles, PageSize, QuoteTextsOf, query);
            var hits = QuotesByRow(page.Select(p => p.Row));
            return new SearchPage<QuoteSearchHit>(page.Select(p => hits[p.Row] with { Score = p.Score }).ToList(), total);
        }
    }

    /// <summary>What quotation matching reads of these articles' quotations, in article then text order.</summary>
    private List<QuoteCandidate> QuoteTextsOf(IReadOnlyList<long> articleIds)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT q.rowid, q.article_id, q.text, q.speaker_name
            FROM json_each($ids) AS a -- CROSS JOIN: the ids drive, each one a range of quotes
            CROSS JOIN quotes q ON q.rowid BETWEEN a.value * {ExtractionRowsWriter.RowsPerArticle} AND (a.value + 1) * {ExtractionRowsWriter.RowsPerArticle} - 1
            ORDER BY q.article_id, q.start, q.rowid;
            """;
        command.Parameters.AddWithValue("$ids", ColumnJson.Serialize(articleIds));
        using var reader = command.ExecuteReader();
        var quotes = new List<QuoteCandidate>();
        while (reader.Read())
            quotes.Add(new QuoteCandidate(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return quotes;
    }

    /// <summary>Quotation rows by row id, with their article's date, outlet and title (score not set).</summary>
    private Dictionary<long, QuoteSearchHit> QuotesByRow(IEnumerable<long> rows)
    {
        using var command = _connection.CreateCommand();
        command.CommandText =
            """
            SELECT q.rowid, q.article_id, q.start, q."end", q.text, q.kind, q.speaker_name, q.speaker_key,
                   a.published, a.outlet, a.title
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.rowid IN (SELECT value FROM json_each($rows));
            """;
        command.Parameters.AddWithValue("$rows", ColumnJson.Serialize(rows));
        using var reader = command.ExecuteReader();
        var quotes = new Dictionary<long, QuoteSearchHit>();
        while (reader.Read())
        {
            quotes[reader.GetInt64(0)] = RowReaders.QuoteHit(reader);
        }
        return quotes;
    }

    /// <summary>An FTS5 expression limited to some columns of the index ("title body", "quotes").</summary>
    private static string InColumns(string columns, string expression) => $"{{{columns}}} : ({expression})";

    /// <summary>
    /// The FTS5 expression for a parsed query: each word in double quotes (a quoted string is always literal in FTS5,
    /// and the parser kept letters and digits only), phrases as one quoted string, prefixes with a trailing '*'.
    /// </summary>
    internal static string MatchExpression(SearchQuery query)
    {
        var expression = new StringBuilder();
        foreach (var term in query.Terms)
        {
            if (expression.Length > 0) expression.Append(' ');
            expression.Append('"').Append(string.Join(' ', term.Words).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (term.Prefix) expression.Append('*');
        }
        return expression.ToString();
    }

    /// <summary>Turns the markers of an FTS5 snippet into plain text and the offsets of the matched words.</summary>
    internal static SearchSnippet ParseSnippet(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var matches = new List<TextRange>();
        var open = -1;
        foreach (var c in marked)
        {
            if (c == MatchOpen) open = text.Length;
            else if (c == MatchClose)
            {
                if (open >= 0 && text.Length > open) matches.Add(new TextRange(open, text.Length));
                open = -1;
            }
            else text.Append(c);
        }
        return new SearchSnippet(text.ToString(), matches);
    }

    private static void AddPaging(SqliteCommand command, string match, SearchQuery query)
    {
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
    }

    private long CountMatches(string match)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH $match;";
        command.Parameters.AddWithValue("$match", match);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
