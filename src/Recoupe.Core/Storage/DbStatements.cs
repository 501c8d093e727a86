using System.Data.Common;
using System.Globalization;

namespace Recoupe.Core.Storage;

/// <summary>
/// Plain ADO.NET statements with named parameters (<c>@name</c>), as both stores' drivers take them: what
/// <see cref="AlertTables"/> and <see cref="SourceTables"/> run over the connection a store gives.
/// </summary>
internal static class DbStatements
{
    public static long? Long(object? value) => value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static DbCommand Command(DbConnection c, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static int Execute(DbConnection c, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection c, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    public static List<T> Query<T>(DbConnection c, DbTransaction? transaction, string sql, Func<DbDataReader, T> read,
        params (string Name, object? Value)[] parameters)
    {
        using var command = Command(c, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
