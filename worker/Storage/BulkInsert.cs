using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Storage;

/// <summary>
/// Many rows with one INSERT ... VALUES (...), (...) per chunk instead of one statement per row: a province's deadline day
/// writes tens of thousands of rows. Every full chunk runs the same command, prepared once with its parameters and given
/// new values: SQLite compiles a statement per command, which for a draw day's hundreds of thousands of rows cost more
/// than inserting them. On PostgreSQL the rows go in with binary COPY instead (one stream, no SQL to parse or parameters
/// to bind): straight into the table, or, when the insert has a tail (ON CONFLICT, RETURNING) and more rows than one
/// statement takes, into a temporary table of the same columns first and from there with one INSERT ... SELECT that
/// carries the tail.
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
        if (connection is NpgsqlConnection npgsql)
        {
            var all = rows.ToList();
            // Through a temporary table, COPY costs three round trips and a table created and dropped: for what one
            // statement takes (a plan's campaigns, most plans' documents and messages) the plain INSERT is cheaper.
            if (tail.Length == 0 || all.Count > rowsPerInsert)
            {
                return Copy<T>(npgsql, transaction, table, columns, all, tail);
            }
            rows = all;
        }
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

    private static List<T> Copy<T>(
        NpgsqlConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, string tail)
    {
        var returned = new List<T>();
        using var enumerator = rows.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            return returned;
        }
        var list = string.Join(", ", columns);
        // A staging table of the same columns and a row number, so the rows reach the table in the order given (identity
        // columns, the outbox's ids, follow it); it lives until the transaction ends and is emptied before each use.
        var staging = $"bulk_{table}";
        if (tail.Length > 0)
        {
            Execute(connection, transaction,
                $"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS SELECT {list}, 0::bigint AS bulk_order FROM {table} WITH NO DATA; TRUNCATE {staging}");
        }
        var ordinal = 0L;
        using (var copy = connection.BeginBinaryImport(
            $"COPY {(tail.Length > 0 ? $"{staging} ({list}, bulk_order)" : $"{table} ({list})")} FROM STDIN (FORMAT BINARY)"))
        {
            do
            {
                copy.StartRow();
                foreach (var value in enumerator.Current)
                {
                    switch (value)
                    {
                        case null:
                            copy.WriteNull();
                            break;
                        case string text:
                            copy.Write(text, NpgsqlDbType.Text);
                            break;
                        case long number:
                            copy.Write(number, NpgsqlDbType.Bigint);
                            break;
                        case byte[] bytes:
                            copy.Write(bytes, NpgsqlDbType.Bytea);
                            break;
                        default:
                            throw new ArgumentException($"BulkInsert into {table}: a {value.GetType().Name} value; the store's columns take text, bigint and bytea", nameof(rows));
                    }
                }
                if (tail.Length > 0)
                {
                    copy.Write(ordinal++, NpgsqlDbType.Bigint);
                }
            }
            while (enumerator.MoveNext());
            copy.Complete();
        }
        if (tail.Length == 0)
        {
            return returned;
        }
        using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = $"INSERT INTO {table} ({list}) SELECT {list} FROM {staging} ORDER BY bulk_order {tail}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            returned.Add(reader.GetFieldValue<T>(0));
        }
        return returned;
    }

    private static void Execute(NpgsqlConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

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
                // Named with its prefix: Microsoft.Data.Sqlite looks a bare name up as given and then with each of @, $ and :,
                // three more searches (a sixth of a draw day's apply went there).
                var name = $"@p{row}_{column}";
                sql.Append(column == 0 ? "" : ", ").Append(name);
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
