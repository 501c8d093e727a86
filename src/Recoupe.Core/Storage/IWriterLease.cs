namespace Recoupe.Core.Storage;

/// <summary>
/// The right to be the one writer of something (the story assigner of a store), held by one process at a time and
/// given up when that process ends or loses its connection, so that a standby can take over.
/// </summary>
public interface IWriterLease : IDisposable
{
    /// <summary>Takes the lease when no one holds it; true while this process holds it.</summary>
    bool TryAcquire();
}
