using System.Text;

namespace Campaigns.Core.Draws;

/// <summary>
/// departments.csv, the third file of a draw's snapshot: the participating departments as the draw saw them (plan id and
/// name, lead first), so the names an inspector's 单位 may use are bound to the record by its directory hash like the
/// directories are. UTF-8 without BOM, "\n" line ends, header 部门代码,部门名称; a field holding a comma, quote or line
/// break is quoted (RFC 4180).
/// </summary>
public static class DrawDepartments
{
    public const string FileName = "departments.csv";

    public static readonly string[] Headers = ["部门代码", "部门名称"];

    public static byte[] Csv(IReadOnlyList<DrawDepartment> departments)
    {
        var text = new StringBuilder(string.Join(",", Headers)).Append('\n');
        foreach (var d in departments)
        {
            text.Append(Field(d.Id)).Append(',').Append(Field(d.Name)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
