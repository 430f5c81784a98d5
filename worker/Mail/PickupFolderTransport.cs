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

    // Each sender's message is written out here first, then to its file in one write: a message written straight to the
    // file went out in a write for every few kilobytes. Kept by the thread from message to message, unless a huge one grew it.
    [ThreadStatic]
    private static MemoryStream? _rendered;
    private const int KeptAtMost = 1 << 20;

    public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        var message = MailMessages.Build(envelope, from, signer);
        var rendered = _rendered ??= new MemoryStream();
        rendered.SetLength(0);
        message.WriteTo(Wire, rendered, cancellationToken);
        var path = Path.Combine(folder, FileName(envelope.MessageId));
        // Written beside its final name, then moved: a reader of the folder never sees half a message. Named at random, but
        // not by a Guid: its random bytes cost a system call a message.
        var staging = Path.Combine(folder, $".{Random.Shared.NextInt64():x16}{Random.Shared.NextInt64():x16}.tmp");
        var moved = false;
        try
        {
            // Mail names inspectors and their contacts: owner-only from the first byte, whatever the umask.
            void Write() => OwnerOnly.WriteNew(staging, rendered.GetBuffer().AsSpan(0, (int)rendered.Length));
            try
            {
                Write();
            }
            catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                // The first message, or the folder was removed meanwhile: made (0700) when a message finds it missing, not
                // looked for before each one. A file being created is "not found" only for want of its folder: .NET says so
                // when another sender made the folder between this open failing and .NET looking for it.
                OwnerOnly.CreateFolder(folder);
                Write();
            }
            File.Move(staging, path, overwrite: true);
            moved = true;
        }
        finally
        {
            if (!moved)
            {
                File.Delete(staging);
            }
            if (rendered.Capacity > KeptAtMost)
            {
                _rendered = null;
            }
        }
    }

    public static string FileName(string messageId) =>
        string.Concat(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".eml";
}
