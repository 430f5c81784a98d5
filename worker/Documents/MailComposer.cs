using Campaigns.Core.Engine;
using Campaigns.Storage;

namespace Campaigns.Documents;

/// <summary>
/// Renders an owed message into its outbox row: subject from the model's Subject, text from
/// templates/{template}.sbn-txt (nothing escaped) and HTML from {template}.sbn-html (every value escaped).
/// </summary>
public sealed class MailComposer(TemplateSet templates)
{
    public OutboxMessage Compose(DeliveryOrder order)
    {
        var subject = order.Model.GetType().GetProperty("Subject")?.GetValue(order.Model) as string
            ?? throw new TemplateException($"The model of template {order.Template} ({order.Model.GetType().Name}) has no Subject.");
        return new OutboxMessage(
            order.IdempotencyKey,
            order.Kind,
            order.CampaignId,
            order.Recipient.Name,
            order.Recipient.Email!,
            subject,
            templates.Render($"{order.Template}.txt", order.Model),
            templates.Has($"{order.Template}.html") ? templates.Render($"{order.Template}.html", order.Model) : null,
            order.Attachments,
            order.ItemKeys);
    }
}
