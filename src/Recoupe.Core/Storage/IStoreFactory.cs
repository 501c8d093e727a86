namespace Recoupe.Core.Storage;

/// <summary>
/// The stores of one database, a SQLite file or a PostgreSQL database, opened by what needs them (the web server, the
/// watcher) without naming the kind: the CLI and the server get one from the location they are given (--db, Recoupe:Db).
/// Each store opened is the caller's to dispose of; the factory itself holds what they share (PostgreSQL's pool).
/// </summary>
public interface IStoreFactory : IDisposable
{
    /// <summary>The store as messages name it: the file, or the PostgreSQL URL without its password.</summary>
    string Name { get; }

    /// <param name="busyTimeout">How long a write waits for another process's write lock (SQLite) before failing busy.</param>
    IArticleStore OpenArticles(TimeSpan? busyTimeout = null);

    IStoryStore OpenStories();

    ISourceStore OpenSources();

    AlertTables OpenAlerts();

    /// <summary>A reader of a number that changes when any connection (this process or another) commits articles or stories.</summary>
    IStoreChanges OpenChanges();

    /// <summary>True when <paramref name="error"/> is the store being locked by another writer (retry later), not about the data.</summary>
    bool IsBusy(Exception? error);
}

/// <summary>Notices commits to the store by any connection: compare <see cref="Version"/> for equality only.</summary>
public interface IStoreChanges : IDisposable
{
    long Version();
}
