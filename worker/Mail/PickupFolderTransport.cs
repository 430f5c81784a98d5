using Campaigns.Core.Plans;
using Campaigns.Operations;
using MimeKit;
using MimeKit.Cryptography;

namespace Campaigns.Mail;

/// <summary>
/// The embedded default: each message becomes one .eml file named after its Message-ID, so sending the same
/// message again replaces the file instead of adding a second one.
/// </summary>
public sealed class PickupFolderTransport(string folder, Contact from, DkimSigner? signer = null) : IMailTransport
{
    // CRLF as on the wire, whatever the platform's line ending.
    private static readonly FormatOptions Wire = new() { NewLineFormat = NewLineFormat.Dos };

    public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        var message = MailMessages.Build(envelope, from, signer);
        OwnerOnly.CreateFolder(folder);
        var path = Path.Combine(folder, FileName(envelope.MessageId));
        // Written beside its final name, then moved: a reader of the folder never sees half a message.
        var staging = Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            // Mail names inspectors and their contacts: owner-only from the first byte, whatever the umask.
            using (var file = OwnerOnly.CreateNew(staging))
            {
                message.WriteTo(Wire, file, cancellationToken);
            }
            File.Move(staging, path, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    public static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".eml";
}
