using System.Globalization;
using System.Text;
using Campaigns.Core.Calendar;
using Campaigns.Core.Timeline;

namespace Campaigns.Web;

/// <summary>
/// A campaign's milestones on the working-day calendar as one SVG: a cell per day (weekend grey, statutory holiday red,
/// make-up working day 调休 green), a numbered marker per milestone (the table beside it names them), today in blue.
/// Sized by its viewBox, so it narrows to a phone and prints on A4.
/// </summary>
public static class TimelineChart
{
    private const int Cell = 6;
    private const int Top = 18;
    private const int Height = 30;

    public static string Svg(IReadOnlyList<Milestone> milestones, WorkingCalendar calendar, DateOnly today)
    {
        if (milestones.Count == 0)
        {
            return "";
        }
        var from = milestones.Min(m => m.Date).AddDays(-3);
        var to = milestones.Max(m => m.Date).AddDays(3);
        var days = to.DayNumber - from.DayNumber + 1;
        var width = days * Cell;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"timeline\" viewBox=\"0 0 {width} {Top + Height + 28}\" width=\"100%\" role=\"img\" aria-label=\"工作日日历上的时间节点\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < days; i++)
        {
            var day = from.AddDays(i);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var working = calendar.IsWorkingDay(day);
            var fill = working ? weekend ? "#b7dfb9" : "#ffffff" : weekend ? "#d9d9d9" : "#f2b8b5";
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * Cell}\" y=\"{Top}\" width=\"{Cell}\" height=\"{Height}\" fill=\"{fill}\" stroke=\"#eeeeee\" stroke-width=\"0.5\"><title>{day:yyyy-MM-dd}{(working ? weekend ? " 调休上班" : "" : weekend ? " 周末" : " 法定节假日")}</title></rect>");
            if (day.Day == 1 || i == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{i * Cell}\" y=\"12\" font-size=\"10\" fill=\"#444\">{day.Month}月{day.Day}日</text>");
            }
        }
        if (today >= from && today <= to)
        {
            var x = (today.DayNumber - from.DayNumber) * Cell + Cell / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{Top - 4}\" x2=\"{x}\" y2=\"{Top + Height + 4}\" stroke=\"#1565c0\" stroke-width=\"2\"><title>今天 {today:yyyy-MM-dd}</title></line>");
        }
        for (var n = 0; n < milestones.Count; n++)
        {
            var m = milestones[n];
            var x = (m.Date.DayNumber - from.DayNumber) * Cell + Cell / 2;
            var y = Top + Height + 12 + (n % 2) * 12;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{y - 6}\" stroke=\"#333\" stroke-width=\"1\"{(m.Provisional ? " stroke-dasharray=\"2 2\"" : "")}/>" +
                $"<circle cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"{(m.Date < today ? "#777" : "#c62828")}\"><title>{n + 1}. {m.Kind.ChineseName()} {m.Date:yyyy-MM-dd}{(m.Provisional ? "（暂定）" : "")}</title></circle>" +
                $"<text x=\"{x}\" y=\"{y + 3.5}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#fff\">{n + 1}</text>");
        }
        return svg.Append("</svg>").ToString();
    }
}
