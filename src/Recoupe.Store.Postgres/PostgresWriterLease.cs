using Npgsql;
using Recoupe.Core.Storage;

namespace Recoupe.Store.Postgres;

/// <summary>
/// A writer lease on a PostgreSQL session advisory lock, on a connection of its own: PostgreSQL releases it when that
/// session ends (the process killed, the connection lost), and a standby's next <see cref="TryAcquire"/> then takes it.
/// </summary>
public sealed class PostgresWriterLease(PostgresDatabase database, string name) : IWriterLease
{
    private NpgsqlConnection? _connection;
    private bool _held;

    // One 64-bit key per lease name and store (advisory locks are database-wide; a schema is a store), stable across processes.
    private long Key => BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"recoupe:{name}:{database.Display}")), 0);

    public bool TryAcquire()
    {
        try
        {
            if (_held && _connection is { State: System.Data.ConnectionState.Open })
            {
                using var alive = new NpgsqlCommand("SELECT 1;", _connection);
                alive.ExecuteScalar();
                return true;
            }
            _held = false;
            _connection?.Dispose();
            // A connection of its own, outside the pool: closing it must end the session, which releases the lock.
            _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            _connection.Open();
            using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1);", _connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Key });
            _held = (bool)command.ExecuteScalar()!;
            return _held;
        }
        catch (NpgsqlException)
        {
            _held = false;
            _connection?.Dispose();
            _connection = null;
            return false;
        }
    }

    public void Dispose() => _connection?.Dispose();
}
