using System.CommandLine;
using System.Text.Json;
using Campaigns.Storage;

namespace Campaigns.Cli;

/// <summary>`deliveries`: what the outbox holds (pending, sent, dead letters) and a way to put a dead letter back in line.</summary>
public static class DeliveriesCommand
{
    // Kebab-case like the simulate events: "idempotency-key", "last-error".
    private static readonly JsonSerializerOptions Json = new(TimelineCommand.Json) { PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower };

    private static readonly Dictionary<string, string> StateNames = new() { ["pending"] = "待发送", ["sent"] = "已发送", ["dead"] = "发送失败" };

    public static Command Create()
    {
        var state = new Option<string?>("--state") { Description = "pending, sent or dead (default: all)" };
        state.AcceptOnlyFromAmong("pending", "sent", "dead");
        var format = CliApp.FormatOption();
        var command = new Command("deliveries", "List the outbox: every message owed, its state, attempts and last error.") { state, format };
        command.SetAction(parse => CliServices.Run(services =>
        {
            var rows = services.GetRequiredService<CampaignStore>().Deliveries(parse.GetValue(state));
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }
            // The Hangfire job that owns a row (its retries, or its dead letter: a Failed job at /jobs) goes beside it.
            var jobs = services.GetRequiredService<CampaignStore>().DeliveryJobs().Where(j => j.JobId is not null).ToDictionary(j => j.Id, j => j.JobId);
            foreach (var row in rows)
            {
                var error = row.LastError is null ? "" : $"  最近错误：{row.LastError}";
                var job = jobs.TryGetValue(row.Id, out var jobId) ? $"  后台任务 #{jobId}" : "";
                Console.WriteLine($"{row.Id,6} {StateNames[row.State],-4} {row.Attempts}次 {row.RecipientEmail,-28} {row.Subject}{error}{job}");
            }
            Console.WriteLine($"共{rows.Count}条");
            return 0;
        }));

        var id = new Argument<long>("id") { Description = "the delivery's id (first column of `deliveries`)" };
        var retry = new Command("retry", "Put a dead (or waiting) message back in line now, with a fresh count of attempts.") { id };
        retry.SetAction(parse => CliServices.Run(services =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!services.GetRequiredService<CampaignStore>().Retry(parse.GetValue(id), now))
            {
                Console.Error.WriteLine($"没有可重发的邮件 {parse.GetValue(id)}（不存在或已发送）");
                return 1;
            }
            // The worker's next sweep requeues the message's Failed job (or, with none, its next pass sends it).
            Console.WriteLine($"邮件 {parse.GetValue(id)} 已重新排队，worker 下次清点时重新投递");
            return 0;
        }));
        command.Subcommands.Add(retry);
        return command;
    }

}
