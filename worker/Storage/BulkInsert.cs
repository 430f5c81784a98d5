using System.Data.Common;
using System.Text;

namespace Campaigns.Storage;

/// <summary>
/// Many rows with one INSERT ... VALUES (...), (...) per chunk instead of one statement per row: on PostgreSQL every
/// statement is a round trip, and a province's deadline day writes tens of thousands of rows. Plain SQL both stores run.
/// Every full chunk runs the same command, prepared once with its parameters and given new values: SQLite compiles a
/// statement per command, which for a draw day's hundreds of thousands of rows cost more than inserting them.
/// </summary>
internal static class BulkInsert
{
    // PostgreSQL allows 65,535 parameters in a statement, SQLite 32,766; a chunk stays well under both. How many rows a
    // statement takes is the provider's (StoreProvider.RowsPerInsert).
    private const int MaxParameters = 30_000;

    /// <summary>
    /// Inserts <paramref name="rows"/> (one value per column, in order) into <paramref name="table"/>; <paramref name="tail"/>
    /// follows each statement's VALUES (ON CONFLICT ..., RETURNING column). Returns what RETURNING gave, in order.
    /// </summary>
    public static List<T> Rows<T>(
        DbConnection connection, DbTransaction transaction, int rowsPerInsert, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string tail = "")
    {
        var returned = new List<T>();
        var returning = tail.Contains("RETURNING", StringComparison.Ordinal);
        var chunk = Math.Max(1, Math.Min(rowsPerInsert, MaxParameters / columns.Count));
        DbCommand? full = null;
        try
        {
            foreach (var batch in rows.Chunk(chunk))
            {
                var partial = batch.Length < chunk ? Command(connection, transaction, table, columns, batch.Length, tail) : null;
                var command = partial ?? (full ??= Command(connection, transaction, table, columns, chunk, tail));
                try
                {
                    for (var row = 0; row < batch.Length; row++)
                    {
                        for (var column = 0; column < columns.Count; column++)
                        {
                            command.Parameters[row * columns.Count + column].Value = batch[row][column] ?? DBNull.Value;
                        }
                    }
                    if (returning)
                    {
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            returned.Add(reader.GetFieldValue<T>(0));
                        }
                    }
                    else
                    {
                        command.ExecuteNonQuery();
                    }
                }
                finally
                {
                    partial?.Dispose();
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
        return returned;
    }

    public static void Rows(
        DbConnection connection, DbTransaction transaction, int rowsPerInsert, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string tail = "") =>
        Rows<object>(connection, transaction, rowsPerInsert, table, columns, rows, tail);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows, string tail)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Count; column++)
            {
                var name = $"p{row}_{column}";
                sql.Append(column == 0 ? "@" : ", @").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return command;
    }
}
