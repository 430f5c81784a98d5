using System.CommandLine;
using System.Globalization;
using Campaigns.Core.Engine;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>
/// `publish-check-items --change N --url U --on DATE`: the office confirms it made a change of the published check-item
/// list public (004 §8: within 10 working days of the change), which clears or forestalls check-items-unpublished.
/// Without --change it lists the recorded changes.
/// </summary>
public static class PublishCheckItemsCommand
{
    public static Command Create()
    {
        var change = new Option<long?>("--change") { Description = "the change's number (without it: list the changes)" };
        var url = new Option<string?>("--url") { Description = "where the changed list was made public" };
        var on = new Option<string?>("--on") { Description = "the day it was made public, YYYY-MM-DD" };
        var command = new Command("publish-check-items", "Confirm that a change of the published check-item list was made public (004 §8), or list the changes.")
        {
            change, url, on,
        };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var store = services.GetRequiredService<CampaignStore>();
            var rows = store.CheckItemChangeRows();
            if (parse.GetValue(change) is not { } sequence)
            {
                if (rows.Count == 0)
                {
                    Console.WriteLine("没有已记录的抽查事项清单调整");
                }
                foreach (var row in rows)
                {
                    Console.WriteLine($"{row.Sequence}\t{row.PlanKey}\t{row.ChangedOn}调整\t{(row.PublishedOn is null ? "尚未公开" : $"{row.PublishedOn}公开 {row.PublishedUrl}")}");
                }
                return 0;
            }
            var problems = new List<string>();
            if (rows.FirstOrDefault(r => r.Sequence == sequence) is not { PlanKey: not null } recorded)
            {
                Console.Error.WriteLine($"--change：没有第{sequence}号抽查事项清单调整（不带 --change 运行可列出全部）");
                return 1;
            }
            var link = parse.GetValue(url);
            if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"--url：“{link}”不是 http(s) 网址");
            }
            var plan = services.Plans().FirstOrDefault(p => p.Key == recorded.PlanKey);
            var today = services.Today(plan);
            var text = parse.GetValue(on);
            var date = default(DateOnly);
            if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                problems.Add($"--on：日期“{text}”无效，应为 YYYY-MM-DD");
            }
            else if (date > today)
            {
                problems.Add($"--on：公开日期{text}晚于今天（{today:yyyy-MM-dd}），请在公开后再登记");
            }
            else if (string.CompareOrdinal(text, recorded.ChangedOn) < 0)
            {
                problems.Add($"--on：公开日期{text}早于清单调整日期{recorded.ChangedOn}");
            }
            if (problems.Count > 0)
            {
                problems.ForEach(Console.Error.WriteLine);
                return 1;
            }
            if (!store.ConfirmCheckItemChange(sequence, new Publication(link!, date), services.GetRequiredService<TimeProvider>().GetUtcNow()))
            {
                Console.Error.WriteLine($"第{sequence}号抽查事项清单调整已于{recorded.PublishedOn}登记公开（{recorded.PublishedUrl}），未作更改");
                return 1;
            }
            Console.WriteLine($"已登记：第{sequence}号抽查事项清单调整（{recorded.PlanKey}，{recorded.ChangedOn}）于{date:yyyy-MM-dd}向社会公开，网址 {link}");
            return 0;
        }));
        return command;
    }
}
