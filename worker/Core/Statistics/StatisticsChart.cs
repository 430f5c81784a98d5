using System.Globalization;
using System.Xml.Linq;
using Campaigns.Core.Documents;
using Campaigns.Core.Results;

namespace Campaigns.Core.Statistics;

/// <summary>
/// Inline SVG charts for the printed summary report: no script, so they print and archive as they are. Built as XML
/// elements, so department names are escaped and the markup is always well formed. Each bar carries its figure in
/// data- attributes and a title, for screen readers and for checking the drawing against the table.
/// </summary>
public static class StatisticsChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Distinguishable in colour and, printed in grey, by lightness.
    private static readonly string[] Palette = ["#1f4e79", "#c55a11", "#7f9f3f", "#8e7cc3", "#bf9000", "#5b9bd5", "#a5a5a5", "#843c0c", "#2e75b6", "#70ad47"];

    private const double Width = 640;
    private const double Left = 44;
    private const double Right = 8;

    /// <summary>Results per code (1–10), a bar per department in each code's group; heights proportional to the counts.</summary>
    public static string ResultCodes(StatisticsTable table)
    {
        const double top = 40, plotHeight = 200, bottom = 36;
        var codes = Enum.GetValues<ResultCode>();
        var departments = table.Departments;
        var max = departments.SelectMany(d => d.CodeCounts).DefaultIfEmpty(0).Max();
        var groupWidth = (Width - Left - Right) / codes.Length;
        var barWidth = groupWidth * 0.8 / Math.Max(1, departments.Count);
        var baseline = top + plotHeight;
        var svg = Root("检查结果分布（按部门）", Width, top + plotHeight + bottom);
        svg.Add(Legend(departments.Select(d => d.Department)));
        svg.Add(Line(Left, top, Left, baseline), Line(Left, baseline, Width - Right, baseline));
        svg.Add(Text(Left - 4, baseline + 4, "0", "end"), Text(Left - 4, top + 4, Number(max), "end"));
        foreach (var code in codes)
        {
            var x0 = Left + groupWidth * ((int)code - 1) + groupWidth * 0.1;
            for (var i = 0; i < departments.Count; i++)
            {
                var count = departments[i].Count(code);
                var height = max == 0 ? 0 : plotHeight * count / max;
                var x = x0 + barWidth * i;
                svg.Add(new XElement(Svg + "rect",
                    new XAttribute("x", Number(x)), new XAttribute("y", Number(baseline - height)),
                    new XAttribute("width", Number(barWidth)), new XAttribute("height", Number(height)),
                    new XAttribute("fill", Palette[i % Palette.Length]),
                    new XAttribute("data-department", departments[i].Department), new XAttribute("data-code", (int)code),
                    new XAttribute("data-count", count),
                    new XElement(Svg + "title", $"{departments[i].Department}：{(int)code} {code.ChineseName()} {count}条")));
                if (count > 0)
                {
                    svg.Add(Text(x + barWidth / 2, baseline - height - 2, Number(count), "middle", 9));
                }
            }
            svg.Add(Text(x0 + groupWidth * 0.4, baseline + 14, ((int)code).ToString(CultureInfo.InvariantCulture), "middle"));
        }
        svg.Add(Text((Left + Width - Right) / 2, baseline + 30, "检查结果代码（名称见检查结果分布表）；纵轴：条数", "middle"));
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>On-time rate per department and in total, a horizontal bar each, its length proportional to the rate.</summary>
    public static string OnTime(StatisticsTable table)
    {
        const double label = 150, rowHeight = 24, top = 8, bottom = 24;
        var lines = table.Departments.Append(table.Total).ToList();
        var plotWidth = Width - label - 60;
        var svg = Root("检查结果按期录入率（按部门）", Width, top + rowHeight * lines.Count + bottom);
        var baseline = top + rowHeight * lines.Count;
        svg.Add(Line(label, top, label, baseline), Line(label, baseline, label + plotWidth, baseline));
        svg.Add(Text(label, baseline + 14, "0", "middle"), Text(label + plotWidth, baseline + 14, "100%", "middle"));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var y = top + rowHeight * i;
            var rate = line.OnTimeRate;
            var width = (double)(rate ?? 0m) * plotWidth;
            var shown = rate is { } r ? ChineseDates.Percent(r) : "无检查结果";
            svg.Add(Text(label - 6, y + rowHeight / 2 + 4, line.Department, "end"));
            svg.Add(new XElement(Svg + "rect",
                new XAttribute("x", Number(label)), new XAttribute("y", Number(y + 4)),
                new XAttribute("width", Number(width)), new XAttribute("height", Number(rowHeight - 8)),
                new XAttribute("fill", line.DepartmentId is null ? "#404040" : Palette[i % Palette.Length]),
                new XAttribute("data-department", line.Department),
                new XAttribute("data-rate", rate is { } value ? value.ToString(CultureInfo.InvariantCulture) : ""),
                new XElement(Svg + "title", $"{line.Department}：按期录入{line.EnteredOnTime}条，共{line.Results}条，{shown}")));
            svg.Add(Text(label + width + 4, y + rowHeight / 2 + 4, shown, "start"));
        }
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Root(string title, double width, double height) => new(Svg + "svg",
        new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
        new XAttribute("width", "100%"),
        new XAttribute("role", "img"),
        new XAttribute("aria-label", title),
        new XAttribute("font-size", "11"),
        new XElement(Svg + "title", title));

    private static IEnumerable<XElement> Legend(IEnumerable<string> departments)
    {
        var x = Left;
        var i = 0;
        foreach (var name in departments)
        {
            yield return new XElement(Svg + "rect", new XAttribute("x", Number(x)), new XAttribute("y", "8"),
                new XAttribute("width", "10"), new XAttribute("height", "10"), new XAttribute("fill", Palette[i++ % Palette.Length]));
            yield return Text(x + 14, 17, name, "start");
            // About one em per Chinese character at 11 units.
            x += 14 + name.Length * 11 + 16;
        }
    }

    private static XElement Line(double x1, double y1, double x2, double y2) => new(Svg + "line",
        new XAttribute("x1", Number(x1)), new XAttribute("y1", Number(y1)), new XAttribute("x2", Number(x2)), new XAttribute("y2", Number(y2)),
        new XAttribute("stroke", "#000"), new XAttribute("stroke-width", "1"));

    private static XElement Text(double x, double y, string text, string anchor, int? size = null) => new(Svg + "text",
        new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("text-anchor", anchor),
        size is { } s ? new XAttribute("font-size", s) : null,
        text);

    private static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
