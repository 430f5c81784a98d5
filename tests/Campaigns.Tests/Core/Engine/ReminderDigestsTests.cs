using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Core.Plans;
using Campaigns.Core.Timeline;
using Campaigns.Tests.Fixtures;

namespace Campaigns.Tests.Core.Engine;

public class ReminderDigestsTests
{
    private static readonly DateOnly Today = new(2024, 5, 27);
    private static readonly Contact Police = new("张三", "police@qinghe.example", null);
    private static readonly Contact Market = new("李四", "market@qinghe.example", null);

    private static DeliveryOrder Reminder(string key, Contact to, string campaign, MilestoneKind kind) => new(
        key, "reminder", campaign, to, "reminder",
        DocumentModels.Reminder(TestPlans.Plan(), campaign, to, kind, Today.AddDays(3), 3, ["清河县网吧1"]), []);

    [Fact]
    public void Gather_OneMessagePerRecipient_CoveringEveryReminderKey_OthersUntouched()
    {
        var breach = new DeliveryOrder("breach", "breach-report", null, new Contact("组长", "leader@qinghe.example", null), "breach-report", new object(), []);
        IReadOnlyList<DeliveryOrder> orders =
        [
            Reminder("netcafe|result-entry-deadline|POLICE", Police, "网吧抽查", MilestoneKind.ResultEntryDeadline),
            Reminder("food|window-start", Market, "食品抽查", MilestoneKind.WindowStart),
            Reminder("food|result-entry-deadline", Police with { Email = "Police@Qinghe.example" }, "食品抽查", MilestoneKind.ResultEntryDeadline),
            breach,
        ];

        var gathered = ReminderDigests.Gather(TestPlans.Plan(), Today, orders);

        gathered.Count.ShouldBe(3);
        gathered.ShouldContain(breach);
        gathered.Single(o => o.Recipient == Market).IdempotencyKey.ShouldBe("food|window-start");
        var digest = gathered.Single(o => o.Template == "reminder-digest");
        digest.ItemKeys.ShouldBe(["food|result-entry-deadline", "netcafe|result-entry-deadline|POLICE"]);
        var model = digest.Model.ShouldBeOfType<ReminderDigest>();
        model.Items.Select(i => i.Reminder.CampaignName).ShouldBe(["网吧抽查", "食品抽查"]);
        model.Items.Select(i => i.Number).ShouldBe([1, 2]);
        model.Subject.ShouldBe("【提醒】2024年5月27日待办事项2项：检查结果录入截止");
    }

    [Fact]
    public void Gather_SameItems_SameKey_DifferentItems_DifferentKey()
    {
        DeliveryOrder[] two = [Reminder("a", Police, "甲", MilestoneKind.Draw), Reminder("b", Police, "乙", MilestoneKind.Draw)];
        var first = ReminderDigests.Gather(TestPlans.Plan(), Today, two).Single().IdempotencyKey;
        ReminderDigests.Gather(TestPlans.Plan(), Today, [.. two.Reverse()]).Single().IdempotencyKey.ShouldBe(first);
        ReminderDigests.Gather(TestPlans.Plan(), Today, [two[0], Reminder("c", Police, "丙", MilestoneKind.Draw)]).Single().IdempotencyKey.ShouldNotBe(first);
    }
}
