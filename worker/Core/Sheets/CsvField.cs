using System.Text;

namespace Campaigns.Core.Sheets;

/// <summary>
/// How the product writes a CSV field: names typed by offices (departments, check items, 执法证号) go into sheets that
/// people open in Excel or WPS, which run a cell starting with =, +, -, @, tab or CR as a formula (OWASP "CSV
/// Injection"). Such a field gets a leading single quote, the mark both read as "text"; importers take it off again.
/// </summary>
public static class CsvField
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>One CSV line (RFC 4180: CRLF; a field with a comma, quote or line break quoted, quotes doubled).</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Quoted));
        text.Append("\r\n");
    }

    /// <summary>The field neutralised, then quoted when RFC 4180 asks for it.</summary>
    public static string Quoted(string field)
    {
        var safe = Neutralised(field);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>A field that a spreadsheet would run as a formula, with a leading single quote; any other as it is.</summary>
    public static string Neutralised(string field) =>
        field.Length > 0 && FormulaStarts.Contains(field[0], StringComparison.Ordinal) ? "'" + field : field;

    /// <summary>The field as typed before <see cref="Neutralised"/>: a sheet the product wrote and the office filled in.</summary>
    public static string Restored(string field) =>
        field.Length > 1 && field[0] == '\'' && FormulaStarts.Contains(field[1], StringComparison.Ordinal) ? field[1..] : field;
}
