using Campaigns.Core.Documents;
using Campaigns.Core.Engine;
using Campaigns.Storage;
using Campaigns.Web;

namespace Campaigns.Documents;

/// <summary>
/// Renders an owed message into its outbox row: subject from the model's Subject, text from
/// templates/{template}.sbn-txt (nothing escaped) and HTML from {template}.sbn-html (every value escaped). With
/// <paramref name="links"/> each message carries its recipient's personal console link (ConsoleLink in the model).
/// </summary>
public sealed class MailComposer(TemplateSet templates, ConsoleLinks? links = null)
{
    public OutboxMessage Compose(DeliveryOrder order)
    {
        var subject = order.Model.GetType().GetProperty("Subject")?.GetValue(order.Model) as string
            ?? throw new TemplateException($"The model of template {order.Template} ({order.Model.GetType().Name}) has no Subject.");
        var model = links?.For(order) is { } link ? Linked(order.Model, link) : order.Model;
        var (text, html) = templates.RenderMail(order.Template, model);
        return new OutboxMessage(
            order.IdempotencyKey,
            order.Kind,
            order.CampaignId,
            order.Recipient.Name,
            order.Recipient.Email!,
            subject,
            text,
            html,
            order.Attachments,
            order.ItemKeys);
    }

    private static object Linked(object model, string link) => model switch
    {
        Reminder m => m with { ConsoleLink = link },
        ReminderDigest m => m with { ConsoleLink = link },
        BreachReport m => m with { ConsoleLink = link },
        CoverMail m => m with { ConsoleLink = link },
        PlanErrorNotice m => m with { ConsoleLink = link },
        _ => model,
    };
}
