using System.Globalization;
using System.Text;
using Campaigns.Core.Results;
using Campaigns.Core.Sheets;

namespace Campaigns.Core.Statistics;

/// <summary>
/// The 统计表 as one CSV: a line per department and the total, the annex columns, the on-time rate, then the results
/// per code. UTF-8 with a byte order mark, without which Excel on a Chinese Windows reads the headers as GBK; fields through
/// <see cref="CsvField"/>, so a department named like a formula stays text.
/// </summary>
public static class StatisticsCsv
{
    public static byte[] Write(StatisticsTable table)
    {
        var text = new StringBuilder();
        IEnumerable<string> headers =
        [
            StatisticsColumns.Department,
            .. StatisticsColumns.Figures.Select(c => c.Header),
            StatisticsColumns.OnTimeRate,
            .. Enum.GetValues<ResultCode>().Select(c => $"{(int)c} {c.ChineseName()}"),
        ];
        CsvField.AppendLine(text, headers);
        foreach (var line in table.Departments.Append(table.Total))
        {
            CsvField.AppendLine(text,
            [
                line.Department,
                .. StatisticsColumns.Figures.Select(c => c.Value(line).ToString(CultureInfo.InvariantCulture)),
                // A percentage Excel reads as a number; empty, not 0 %, when nothing was entered.
                line.OnTimeRate is { } rate ? (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "",
                .. line.CodeCounts.Select(n => n.ToString(CultureInfo.InvariantCulture)),
            ]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
