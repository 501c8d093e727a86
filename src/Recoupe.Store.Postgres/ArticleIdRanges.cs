using Npgsql;

namespace Recoupe.Store.Postgres;

/// <summary>
/// Article ids given in a short transaction of their own, and write transactions committed in id order, so that
/// several writers insert at once and only the giving of ids takes turns. A writer reserves a range of ids under the
/// article writers' lock (a few milliseconds) and marks it open with a session advisory lock keyed on the range's
/// last id (the store's key, last id); before its write transaction commits, it waits for every open range below its
/// own. Ids thus still follow commit order (a reader that has seen id N has seen every committed article below it),
/// and one writer gets the ids SQLite gives. No table: the open ranges are the granted locks in pg_locks, so a writer
/// that dies frees its range with its session. Gaps are left only where a writer died with its range open under a
/// later one, or where a batch lost articles at its commit (a text another writer stored meanwhile, a refused row).
/// `bench store-writers` (fr-news, 1,000 articles, 2 writers, batches of 64): 224 articles/s against 160 when the
/// writers took turns for the whole transaction, 1.35× in the median of 6 alternated rounds (1.10–1.64, load 62–80).
/// </summary>
internal static class ArticleIdRanges
{
    /// <summary>Ids that fit the advisory lock's 32-bit key; above, writers take turns for the whole transaction.</summary>
    internal const long MaxKeyedId = int.MaxValue;

    /// <summary>The store's half of the key: advisory locks are database-wide, a schema is a store.</summary>
    internal static int StoreKey(PostgresDatabase database) => (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"recoupe:article-ids:{database.Display}")), 0) & 0x7FFFFFFF);

    private const string OpenRangesSql =
        """
        SELECT objid::bigint FROM pg_locks
        WHERE locktype = 'advisory' AND objsubid = 2 AND granted AND classid = $1::int::oid
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """;

    /// <summary>
    /// Gives <paramref name="count"/> ids after every id stored or reserved, and marks them open on
    /// <paramref name="connection"/>'s session, in one round trip (with <paramref name="before"/>, statements to commit
    /// first). Returns the first id (null when ids have outgrown the lock key) and whether another range was open:
    /// when none was, none can open below this one, and its commit need not wait.
    /// <para>
    /// With <paramref name="texts"/> (each text's claim key and how many of the batch's documents hold it), the same
    /// round trip claims the texts with session advisory locks first: a text another writer claimed is left out of
    /// the range (<c>HeldElsewhere</c>), and its documents wait for that writer (<see cref="WaitForClaims"/>). Only
    /// one writer at a time can then insert a text: two inserting one text wait on each other's uncommitted row, and
    /// as writes commit in id order, a lower range waiting on the higher one's row while the higher waits for the lower
    /// range to close was a deadlock (the server aborted one after a second, and its articles were retried).
    /// </para>
    /// </summary>
    internal static (long? First, int Count, bool OthersOpen, IReadOnlySet<long> HeldElsewhere) Reserve(NpgsqlConnection connection,
        int storeKey, int count, IEnumerable<NpgsqlBatchCommand>? before = null, IReadOnlyList<(long Key, int Documents)>? texts = null)
    {
        // One implicit transaction: the writers' lock is held from its statement to the end of the batch, and the next
        // statement, which reads the ids, takes its snapshot after the lock is granted (read committed).
        using var batch = new NpgsqlBatch(connection);
        foreach (var command in before ?? []) batch.BatchCommands.Add(command);
        var lockWriters = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1);");
        lockWriters.Parameters.Add(new NpgsqlParameter { Value = PostgresDatabase.ArticleWriterLock });
        batch.BatchCommands.Add(lockWriters);
        // The claims are tried once (a materialized CTE); the range counts only the documents whose text this writer holds.
        var reserve = new NpgsqlBatchCommand(
            $"""
            WITH claims AS MATERIALIZED (SELECT k, n, pg_try_advisory_lock(k) AS mine FROM unnest($3::bigint[], $4::int[]) AS c (k, n)),
                 wanted AS (SELECT $2::bigint - coalesce((SELECT sum(n) FROM claims WHERE NOT mine), 0)::bigint AS count),
                 next AS (SELECT greatest((SELECT coalesce(max(id), 0) FROM articles),
                                          (SELECT coalesce(max(objid), 0) FROM ({OpenRangesSql}) AS open_ranges(objid))) + 1 AS first,
                                 (SELECT count(*) FROM ({OpenRangesSql}) AS open_ranges(objid)) AS open)
            SELECT first, open, count,
                   CASE WHEN count > 0 AND first + count - 1 <= {MaxKeyedId} THEN pg_advisory_lock($1, (first + count - 1)::int) END,
                   (SELECT coalesce(array_agg(k), ARRAY[]::bigint[]) FROM claims WHERE NOT mine)
            FROM next, wanted;
            """);
        reserve.Parameters.Add(new NpgsqlParameter { Value = storeKey });
        reserve.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        reserve.Parameters.Add(new NpgsqlParameter { Value = (texts ?? []).Select(t => t.Key).ToArray() });
        reserve.Parameters.Add(new NpgsqlParameter { Value = (texts ?? []).Select(t => t.Documents).ToArray() });
        batch.BatchCommands.Add(reserve);
        using var reader = batch.ExecuteReader();
        while (reader.NextResult() && reader.FieldCount != 5) { }
        reader.Read();
        var first = reader.GetInt64(0);
        var othersOpen = reader.GetInt64(1) > 0;
        var reserved = (int)reader.GetInt64(2);
        var elsewhere = ((long[])reader.GetValue(4)).ToHashSet();
        return (first + reserved - 1 <= MaxKeyedId ? first : null, reserved, othersOpen, elsewhere);
    }

    /// <summary>
    /// A text's claim key: the first 64 bits of its content hash (SHA-256, hex) mixed with the store's key. Two texts
    /// sharing a key only make one writer wait for the other, never store a text twice (the unique hash decides).
    /// </summary>
    internal static long ClaimKey(int storeKey, string contentHash) =>
        long.Parse(contentHash.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture)
        ^ ((long)storeKey << 31);

    /// <summary>Waits, outside any transaction and holding no lock, until the writers that claimed these texts are done.</summary>
    internal static void WaitForClaims(NpgsqlConnection connection, IEnumerable<long> keys)
    {
        foreach (var key in keys.Order())
            PostgresArticleStore.Execute(connection, null, "SELECT pg_advisory_lock($1), pg_advisory_unlock($1);", key);
    }

    /// <summary>Waits, inside the write transaction, until no range below <paramref name="first"/> is open any more.</summary>
    internal static void WaitForLower(NpgsqlConnection connection, NpgsqlTransaction transaction, int storeKey, long first)
    {
        var lower = new List<long>();
        using (var open = new NpgsqlCommand($"{OpenRangesSql} AND objid::bigint < $2 AND pid <> pg_backend_pid();", connection, transaction))
        {
            open.Parameters.Add(new NpgsqlParameter { Value = storeKey });
            open.Parameters.Add(new NpgsqlParameter { Value = first });
            using var reader = open.ExecuteReader();
            while (reader.Read()) lower.Add(reader.GetInt64(0));
        }
        // Ranges are reserved in increasing order, so none below ours can open after this read.
        foreach (var last in lower)
        {
            PostgresArticleStore.Execute(connection, transaction,
                "SELECT pg_advisory_lock_shared($1, $2), pg_advisory_unlock_shared($1, $2);", storeKey, (int)last);
        }
    }

    /// <summary>
    /// Closes the range (when <paramref name="count"/> ids were reserved) and frees the texts this writer claimed, once
    /// its transaction has committed or rolled back; a lost connection freed them already.
    /// </summary>
    internal static void Release(NpgsqlConnection connection, int storeKey, long first, int count, IReadOnlyCollection<long> claims)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            PostgresArticleStore.Execute(connection, null,
                "SELECT CASE WHEN $3 > 0 THEN pg_advisory_unlock($1, ($2 + $3 - 1)::int) END, (SELECT count(*) FROM unnest($4::bigint[]) AS k WHERE pg_advisory_unlock(k));",
                storeKey, first, (long)count, claims.ToArray());
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its locks with it.
        }
    }
}
