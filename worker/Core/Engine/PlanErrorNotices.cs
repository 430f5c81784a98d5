using Campaigns.Core.Documents;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// What the office is owed when a saved plan file does not parse: one notice per office contact with an address, taken
/// from the last good plan (the admin who edits the file is the office; leaders and departments cannot fix it). The key
/// carries the bad text's SHA-256, so each bad version is told once however many ticks, restarts or instances see it,
/// and a different bad edit is told again. It starts with the running plan's key, so a dead letter joins that plan's
/// breach report like any other office message.
/// </summary>
public static class PlanErrorNotices
{
    public const string Kind = "plan-error";

    public const string Template = "plan-error";

    public static IReadOnlyList<DeliveryOrder> For(
        AnnualPlan running, string file, string badSha256, IReadOnlyList<PlanProblem> problems, string runningSha256, DateTimeOffset acceptedAt) =>
        [.. running.Office.Contacts
            .Where(c => c.Email is not null)
            .DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
            .Select(c => new DeliveryOrder(
                $"{running.Key}|{Kind}|{badSha256}|{c.Email}",
                Kind,
                null,
                c,
                Template,
                DocumentModels.PlanError(running, c, file, badSha256, problems, runningSha256, acceptedAt),
                []))];
}
