using Campaigns.Core.Engine;
using Campaigns.Host;
using Microsoft.Extensions.Options;

namespace Campaigns.Web;

/// <summary>
/// The personal link a mail carries: the recipient's own key, as a leader for a breach report and as a contact for every
/// other mail, expiring <see cref="WorkerOptions.ConsoleLinkLifetime"/> after the mail is written. Null (no link) unless
/// both <see cref="WorkerOptions.PublicBaseUrl"/> and a console key are configured.
/// </summary>
public sealed class ConsoleLinks(IOptions<WorkerOptions> options, TimeProvider time)
{
    public const string OpenPath = "/c/";

    private readonly Lazy<LinkSigner?> _signer = new(() => ConsoleKey.Load(options.Value) is { } key ? new LinkSigner(key) : null);

    public string? For(DeliveryOrder order)
    {
        if (options.Value.PublicBaseUrl is not { } baseUrl || _signer.Value is not { } signer || order.Recipient.Email is not { } email)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var role = order.Kind == "breach-report" ? ConsoleRole.Leader : ConsoleRole.Contact;
        var token = signer.Sign(new ConsoleGrant(role, ConsoleGrant.Everything, signer.RecipientKey(email), now, now + options.Value.ConsoleLinkLifetime), LinkSigner.LinkPurpose);
        return $"{baseUrl.TrimEnd('/')}{OpenPath}{token}";
    }
}
