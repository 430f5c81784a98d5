using System.Net.Mail;
using Campaigns.Core.Plans;

namespace Campaigns.Mail;

/// <summary>
/// The embedded default: each message becomes one .eml file named after its Message-ID, so sending the same
/// message again replaces the file instead of adding a second one.
/// </summary>
public sealed class PickupFolderTransport(string folder, Contact from) : IMailTransport
{
    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        // SmtpClient names pickup files with a random GUID; write into a private folder, then move into place.
        var staging = Path.Combine(folder, ".staging-" + envelope.MessageId);
        Directory.CreateDirectory(staging);
        try
        {
            using var message = MailMessages.Build(envelope, from);
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging };
            await client.SendMailAsync(message, cancellationToken);
            var written = Directory.GetFiles(staging, "*.eml").Single();
            File.Move(written, Path.Combine(folder, FileName(envelope.MessageId)), overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    public static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".eml";
}
