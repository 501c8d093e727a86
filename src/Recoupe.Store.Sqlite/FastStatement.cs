using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Recoupe.Store.Sqlite;

/// <summary>
/// A statement prepared once on a connection and run many times straight through SQLite's C API, for the rows an
/// article brings (quotations, figures, search rows). Through <see cref="SqliteCommand"/> each run costs a data
/// reader, boxed parameter values and a type lookup per parameter: measured at about 10 µs a row, more than SQLite's
/// own work. Text binds from spans, so a quotation's text goes in without a substring. Finalized when the
/// connection closes. Like the connection, not for concurrent use.
/// </summary>
internal sealed class FastStatement : IDisposable
{
    private readonly sqlite3 _db;
    private sqlite3_stmt? _statement;

    public FastStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement));
        _statement = statement;
        connection.StateChange += (_, e) =>
        {
            if (e.CurrentState == System.Data.ConnectionState.Closed) Dispose();
        };
    }

    private sqlite3_stmt Statement => _statement ?? throw new ObjectDisposedException(nameof(FastStatement));

    /// <summary>Parameters are numbered from 1, in the order of the SQL's <c>?</c>.</summary>
    public FastStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(Statement, index, value));
        return this;
    }

    public FastStatement Bind(int index, long? value) =>
        value is { } v ? Bind(index, v) : BindNull(index);

    public FastStatement Bind(int index, double? value)
    {
        if (value is not { } v) return BindNull(index);
        Check(raw.sqlite3_bind_double(Statement, index, v));
        return this;
    }

    public FastStatement Bind(int index, ReadOnlySpan<char> text)
    {
        // An empty span has no address, which SQLite would take for NULL: bind a zero-length string instead.
        Check(text.IsEmpty ? raw.sqlite3_bind_text(Statement, index, "") : raw.sqlite3_bind_text16(Statement, index, text));
        return this;
    }

    /// <summary>A null string binds SQL NULL.</summary>
    public FastStatement Bind(int index, string? text) =>
        text is null ? BindNull(index) : Bind(index, text.AsSpan());

    public FastStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(Statement, index));
        return this;
    }

    /// <summary>A column value as Microsoft.Data.Sqlite would bind it: null, text, integer or real.</summary>
    public FastStatement BindValue(int index, object? value) => value switch
    {
        null or DBNull => BindNull(index),
        string text => Bind(index, text.AsSpan()),
        long number => Bind(index, number),
        int number => Bind(index, (long)number),
        double real => Bind(index, (double?)real),
        _ => throw new ArgumentException($"no binding for a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Runs the statement (an INSERT or DELETE: no rows expected) and makes it ready for the next run.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(Statement);
        raw.sqlite3_reset(Statement);
        if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW) Throw(result);
    }

    /// <summary>Runs an INSERT, UPDATE or DELETE and answers how many rows it changed.</summary>
    public int RunChanges()
    {
        Run();
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Runs a query and answers its first row's first column as an integer, or null when it has no row.</summary>
    public long? RunScalarInt64()
    {
        var result = raw.sqlite3_step(Statement);
        long? value = result == raw.SQLITE_ROW && raw.sqlite3_column_type(Statement, 0) != raw.SQLITE_NULL
            ? raw.sqlite3_column_int64(Statement, 0)
            : null;
        raw.sqlite3_reset(Statement);
        if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW) Throw(result);
        return value;
    }

    /// <summary>The rowid of the connection's last successful INSERT.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK) Throw(result);
    }

    private void Throw(int result) =>
        throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
}
