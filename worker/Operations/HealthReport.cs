using Campaigns.Storage;

namespace Campaigns.Operations;

/// <summary>The worker's health: healthy when <see cref="Problems"/> is empty. <see cref="LastTick"/> is known only inside the running worker.</summary>
public sealed record HealthReport(IReadOnlyList<string> Problems, StoreFacts? Facts, DateTimeOffset? LastTick)
{
    public bool Healthy => Problems.Count == 0;

    /// <summary>One line for a terminal or a cron mail: Chinese for the office admin, English in brackets for whoever runs the machine.</summary>
    public string Summary => Healthy
        ? $"正常（healthy）：数据库结构版本 {Facts!.SchemaVersion}，{Facts.Campaigns} 个抽查任务，待发送邮件 {Facts.PendingDeliveries}，"
            + $"死信 {Facts.DeadLetters}，超期标记 {Facts.ActiveFlagCount}" + (LastTick is { } t ? $"，上次运行 {t:yyyy-MM-dd HH:mm:ss}Z" : "")
        : $"异常（unhealthy）：{string.Join("；", Problems)}";
}
