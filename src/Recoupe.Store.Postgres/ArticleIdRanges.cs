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
    /// <paramref name="connection"/>'s session; the first id, or null when ids have outgrown the lock key.
    /// </summary>
    internal static long? Reserve(NpgsqlConnection connection, int storeKey, int count)
    {
        using var transaction = connection.BeginTransaction();
        PostgresArticleStore.Execute(connection, transaction, "SELECT pg_advisory_xact_lock($1);", PostgresDatabase.ArticleWriterLock);
        long first;
        using (var next = new NpgsqlCommand(
            $"SELECT greatest((SELECT coalesce(max(id), 0) FROM articles), (SELECT coalesce(max(objid), 0) FROM ({OpenRangesSql}) AS open_ranges(objid))) + 1;",
            connection, transaction))
        {
            next.Parameters.Add(new NpgsqlParameter { Value = storeKey });
            first = (long)next.ExecuteScalar()!;
        }
        var last = first + count - 1;
        if (last > MaxKeyedId) return null;
        PostgresArticleStore.Execute(connection, transaction, "SELECT pg_advisory_lock($1, $2);", storeKey, (int)last);
        transaction.Commit();
        return first;
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

    /// <summary>Closes the range once its transaction has committed or rolled back; a lost connection closed it already.</summary>
    internal static void Release(NpgsqlConnection connection, int storeKey, long first, int count)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            PostgresArticleStore.Execute(connection, null, "SELECT pg_advisory_unlock($1, $2);", storeKey, (int)(first + count - 1));
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its locks with it.
        }
    }
}
