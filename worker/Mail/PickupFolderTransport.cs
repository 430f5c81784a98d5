using System.Net.Mail;
using System.Text.RegularExpressions;
using Campaigns.Core.Plans;
using Campaigns.Operations;

namespace Campaigns.Mail;

/// <summary>
/// The embedded default: each message becomes one .eml file named after its Message-ID, so sending the same
/// message again replaces the file instead of adding a second one.
/// </summary>
public sealed partial class PickupFolderTransport(string folder, Contact from) : IMailTransport
{
    [GeneratedRegex("^Date: [^\r\n]*", RegexOptions.Multiline)]
    private static partial Regex DateHeader();

    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        OwnerOnly.CreateFolder(folder);
        // SmtpClient names pickup files with a random GUID; write into a private folder, then move into place.
        var staging = Path.Combine(folder, ".staging-" + envelope.MessageId);
        OwnerOnly.CreateFolder(staging);
        try
        {
            using var message = MailMessages.Build(envelope, from);
            using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging };
            await client.SendMailAsync(message, cancellationToken);
            var written = Directory.GetFiles(staging, "*.eml").Single();
            // SmtpClient stamps Date from the machine clock; the file must carry the injected clock's date.
            var text = await File.ReadAllTextAsync(written, cancellationToken);
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = DateHeader().Replace(text[..headerEnd], $"Date: {MailMessages.Rfc5322(envelope.Date)}", 1);
            await File.WriteAllTextAsync(written, headers + text[headerEnd..], cancellationToken);
            OwnerOnly.Restrict(written);
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
