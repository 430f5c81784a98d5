using System.Data.Common;
using System.Text;
using Dapper;

namespace Campaigns.Storage;

/// <summary>
/// Many rows with one INSERT ... VALUES (...), (...) per chunk instead of one statement per row: on PostgreSQL every
/// statement is a round trip, and a province's deadline day writes tens of thousands of rows. Plain SQL both stores run.
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
        var chunk = Math.Max(1, Math.Min(rowsPerInsert, MaxParameters / columns.Count));
        foreach (var batch in rows.Chunk(chunk))
        {
            var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var parameters = new DynamicParameters();
            for (var row = 0; row < batch.Length; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    var name = $"p{row}_{column}";
                    sql.Append(column == 0 ? "@" : ", @").Append(name);
                    parameters.Add(name, batch[row][column]);
                }
                sql.Append(')');
            }
            sql.Append(' ').Append(tail);
            if (tail.Contains("RETURNING", StringComparison.Ordinal))
            {
                returned.AddRange(connection.Query<T>(sql.ToString(), parameters, transaction));
            }
            else
            {
                connection.Execute(sql.ToString(), parameters, transaction);
            }
        }
        return returned;
    }

    public static void Rows(
        DbConnection connection, DbTransaction transaction, int rowsPerInsert, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows,
        string tail = "") =>
        Rows<object>(connection, transaction, rowsPerInsert, table, columns, rows, tail);
}
