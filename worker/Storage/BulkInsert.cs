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
    // PostgreSQL allows 65,535 parameters in a statement. SQLite allows 32,766 but finds each by name with a linear
    // search, so binding grows with the square of a statement's parameters: its statements stay small (measured at 2,000
    // campaigns, 1,000-row statements made the deadline day 5.7 -> 8.5 s on SQLite; they cut it 15.9 -> 8.3 s on PostgreSQL).
    private const int MaxParameters = 30_000;

    /// <summary>
    /// Inserts <paramref name="rows"/> (one value per column, in order) into <paramref name="table"/>; <paramref name="tail"/>
    /// follows each statement's VALUES (ON CONFLICT ..., RETURNING column). Returns what RETURNING gave, in order.
    /// </summary>
    public static List<T> Rows<T>(
        DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, string tail = "")
    {
        var returned = new List<T>();
        var maxRows = connection is Microsoft.Data.Sqlite.SqliteConnection ? 20 : 1_000;
        var chunk = Math.Max(1, Math.Min(maxRows, MaxParameters / columns.Count));
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

    public static void Rows(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows, string tail = "") =>
        Rows<object>(connection, transaction, table, columns, rows, tail);
}
