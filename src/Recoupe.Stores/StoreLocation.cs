using Recoupe.Core.Storage;
using Recoupe.Store.Postgres;
using Recoupe.Store.Sqlite;

namespace Recoupe.Stores;

/// <summary>Where a store is, as --db, RECOUPE_DB or Recoupe:Db give it: a postgres:// URL, or else a SQLite file.</summary>
public static class StoreLocation
{
    /// <summary>True when <paramref name="location"/> names a PostgreSQL store rather than a SQLite file.</summary>
    public static bool IsPostgres(string? location) => PostgresDatabase.IsLocation(location);

    /// <summary>The store as messages name it: the file, or the PostgreSQL URL without its password.</summary>
    public static string Describe(string location) => IsPostgres(location) ? PostgresDatabase.Describe(location) : location;

    /// <summary>
    /// The stores at <paramref name="location"/>; <paramref name="create"/> false refuses a missing store (a SQLite file
    /// that is not there, a PostgreSQL database without Recoupe's tables) with an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static IStoreFactory Open(string location, bool create)
    {
        if (IsPostgres(location)) return new PostgresStoreFactory(location, create);
        if (!create && !File.Exists(location)) throw new InvalidOperationException($"no database at {location}");
        return new SqliteStoreFactory(location, create);
    }
}
