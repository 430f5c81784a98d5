using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Storage;

/// <summary>
/// Many rows with one INSERT ... VALUES (...), (...) per chunk instead of one statement per row: a province's deadline day
/// writes tens of thousands of rows. Every full chunk runs the same command, prepared once with its parameters and given
/// new values: SQLite compiles a statement per command, which for a draw day's hundreds of thousands of rows cost more
/// than inserting them. On PostgreSQL many rows go in with binary COPY instead (one stream, no SQL to parse or parameters
/// to bind); a few rows, or an insert with a tail (ON CONFLICT, RETURNING), as one INSERT ... SELECT from the columns sent
/// as arrays (see <c>Unnest</c>).
/// </summary>
internal static class BulkInsert
{
    // SQLite finds each parameter of a statement by name with a linear search (sqlite3_bind_parameter_index, called for
    // every parameter of every execution), so binding a statement costs the square of its parameters: a 20-row insert of
    // 12 columns took 11.1 µs a row, one of 4 rows 6.0 µs and one row 5.2 µs; 4 columns were quickest at 8 rows (1.6 µs
    // against 1.8 µs at 20). About 40 parameters a statement is near the best for every table (100,000 rows, one
    // transaction, measured with the worker's own path).
    private const int SqliteParameters = 40;

    // COPY is two round trips on PostgreSQL (the server's CopyInResponse, then the rows and its CommandComplete); an
    // INSERT ... SELECT FROM unnest is one. Fewer rows than this go as the statement: a dispatch pass's group of marks
    // (its audit rows, up to 32), a plan's few transitions or flags on a tick.
    private const int CopyFrom = 64;

    /// <summary>
    /// Inserts <paramref name="rows"/> (one value per column, in order) into <paramref name="table"/>; <paramref name="tail"/>
    /// follows each statement's VALUES (ON CONFLICT ..., RETURNING column). Returns what RETURNING gave, in order.
    /// </summary>
    public static List<T> Rows<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string tail = "")
    {
        if (connection is NpgsqlConnection npgsql)
        {
            var all = rows.ToList();
            if (tail.Length > 0 || all.Count < CopyFrom)
            {
                return Unnest<T>(npgsql, transaction, table, columns, all, tail);
            }
            Copy(npgsql, table, all, columns);
            return [];
        }
        var returned = new List<T>();
        var returning = tail.Contains("RETURNING", StringComparison.Ordinal);
        var chunk = Math.Max(1, SqliteParameters / columns.Count);
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
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string tail = "") =>
        Rows<object>(connection, transaction, table, columns, rows, tail);

    private static void Copy(NpgsqlConnection connection, string table, List<object?[]> rows, IReadOnlyList<string> columns)
    {
        if (rows.Count == 0)
        {
            return;
        }
        using var copy = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            foreach (var value in row)
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
                        throw Unsupported(table, value);
                }
            }
        }
        copy.Complete();
    }

    /// <summary>
    /// An insert with a tail (ON CONFLICT, RETURNING) as one statement whatever the row count: each column one array
    /// parameter, unnested in the order given. The statement's text depends on the columns alone, so PostgreSQL parses
    /// and plans a short statement, where VALUES lists of hundreds of rows were planned anew for each row count, and
    /// where the staging table COPY needed was created and dropped in every transaction.
    /// </summary>
    private static List<T> Unnest<T>(
        NpgsqlConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, List<object?[]> rows, string tail)
    {
        var returned = new List<T>();
        if (rows.Count == 0)
        {
            return returned;
        }
        using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        var values = new List<string>();
        var unnested = new List<string>();
        for (var column = 0; column < columns.Count; column++)
        {
            // A column null in every row is the literal NULL, which PostgreSQL types by the target column.
            if (rows.Select(r => r[column]).FirstOrDefault(v => v is not null) is not { } first)
            {
                values.Add("NULL");
                continue;
            }
            var name = $"c{column}";
            command.Parameters.Add(first switch
            {
                string => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Column<string>(table, rows, column) },
                long => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = Column<long?>(table, rows, column) },
                byte[] => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = Column<byte[]>(table, rows, column) },
                _ => throw Unsupported(table, first),
            });
            values.Add($"u.{name}");
            unnested.Add(name);
        }
        if (unnested.Count == 0)
        {
            throw new ArgumentException($"BulkInsert into {table}: every column is null in every row", nameof(rows));
        }
        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} " +
            $"FROM unnest({string.Join(", ", unnested.Select(n => "@" + n))}) WITH ORDINALITY AS u({string.Join(", ", unnested)}, bulk_order) " +
            $"ORDER BY u.bulk_order {tail}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            returned.Add(reader.GetFieldValue<T>(0));
        }
        return returned;
    }

    private static TValue?[] Column<TValue>(string table, List<object?[]> rows, int column)
    {
        var values = new TValue?[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            values[row] = rows[row][column] switch
            {
                null => default,
                TValue value => value,
                var other => throw Unsupported(table, other),
            };
        }
        return values;
    }

    private static ArgumentException Unsupported(string table, object value) =>
        new($"BulkInsert into {table}: a {value.GetType().Name} value where the column's other rows hold another kind; the store's columns take text, bigint and bytea", "rows");

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
