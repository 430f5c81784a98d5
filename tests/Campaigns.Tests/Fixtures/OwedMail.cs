using Campaigns.Core.Engine;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaigns.Tests.Fixtures;

/// <summary>A message a running host's store owes, as a tick would have queued it.</summary>
public static class OwedMail
{
    /// <summary>Queues one reminder under <paramref name="key"/>, due from <paramref name="now"/>; returns its outbox row id.</summary>
    public static long Add(IHost host, DateTimeOffset now, string key, params string[] attachments)
    {
        var store = host.Services.GetRequiredService<CampaignStore>();
        store.Apply(TestPlans.Plan(), new TickOutcome([], [], [], []), [],
            [new OutboxMessage(key, "reminder", null, "李四", "market@qinghe.example", $"【提醒】{key}", key, null, attachments)],
            DateOnly.FromDateTime(now.Date), now, "test");
        return store.Deliveries().Single(d => d.IdempotencyKey == key).Id;
    }
}
