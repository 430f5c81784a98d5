using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Campaigns.Core.Plans;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit.Cryptography;

namespace Campaigns.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit over kept connections: each <see cref="Send"/> takes an idle connection
/// (or opens one: connect, TLS, AUTH), sends, and keeps it for the next message, so a dispatch pass with N concurrent
/// senders holds N connections and says QUIT once each, in <see cref="EndPass"/>. Connections go over a socket with
/// NoDelay: MailKit's own connect leaves Nagle on, and the last small write of each message then waits ~40 ms for the
/// server's delayed ACK. MailKit pipelines MAIL/RCPT/DATA where the server offers PIPELINING.
/// Failures that belong to the server rather than the message become <see cref="MailServerUnavailableException"/>;
/// a refused recipient or message becomes <see cref="MailMessageException"/>, and the connection serves the next one.
/// </summary>
public sealed class SmtpTransport(SmtpSettings settings, Contact from, TimeProvider time, DkimSigner? signer = null) : IMailTransport, IDisposable
{
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public void Send(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        var message = MailMessages.Build(envelope, from, signer);
        // MailKit's Timeout bounds each read and write; this bounds the whole message, connection included.
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var reused = _idle.TryTake(out var client);
        try
        {
            try
            {
                client ??= Connect(linked.Token);
                client.Send(message, linked.Token);
            }
            catch (Exception e) when (reused && IsDropped(e) && !linked.IsCancellationRequested)
            {
                // The kept connection went away while idle (the server's idle timeout, a restart): one fresh connection, once.
                // Had the server already taken the message, this sends it twice, with the same Message-ID.
                client?.Dispose();
                client = null;
                client = Connect(linked.Token);
                client.Send(message, linked.Token);
            }
            _idle.Add(client);
            client = null;
        }
        catch (SmtpCommandException e) when (IsMessageFailure(e))
        {
            if (client is { IsConnected: true })
            {
                // MailKit has reset the transaction (RSET); the connection serves the next message.
                _idle.Add(client);
                client = null;
            }
            throw new MailMessageException($"{(int)e.StatusCode} {e.Message}", e);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new MailServerUnavailableException($"SMTP server {settings.Host}:{settings.Port} did not answer within {settings.Timeout}.", e);
        }
        catch (Exception e) when (IsServerFailure(e))
        {
            throw new MailServerUnavailableException($"SMTP server {settings.Host}:{settings.Port} unavailable: {Describe(e)}", e);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // MailKit refusing this message before the server saw it: this message's failure (retried, then dead-lettered),
            // never one that stops the others; the connection's state is unknown, so it is closed.
            throw new MailMessageException(Describe(e), e);
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>Says QUIT on every kept connection.</summary>
    public void EndPass(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var client))
        {
            try
            {
                client.Disconnect(quit: true, cancellationToken);
            }
            catch (Exception e) when (IsServerFailure(e))
            {
                // Already gone: nothing was owed on it.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    public void Dispose() => EndPass(CancellationToken.None);

    private SmtpClient Connect(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)Math.Min(settings.Timeout.TotalMilliseconds, int.MaxValue) };
        if (settings.CertificateSha256 is { } pin)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => Pinned(certificate, pin);
        }
        Socket? socket = null;
        try
        {
            socket = Open(settings.Host, settings.Port, cancellationToken);
            client.Connect(socket, settings.Host, settings.Port, settings.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            }, cancellationToken);
            if (settings.UserName is not null)
            {
                client.Authenticate(settings.UserName, settings.Password ?? "", cancellationToken);
            }
            // With SIZE offered, MailKit writes every message twice: once to measure it for MAIL FROM's SIZE=, once to
            // send it. A message too large is then refused after DATA instead (552, still that message's own failure).
            client.Capabilities &= ~SmtpCapabilities.Size;
            return client;
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A socket connected to the server, with NoDelay, for MailKit's blocking reads and writes. Connected without blocking
    /// and polled, so the token bounds the connect (a blocking connect waits for the operating system's own timeout); not
    /// with ConnectAsync: a socket connected asynchronously is watched by the runtime's event loop from then on, and every
    /// reply woke the loop's thread and a pool thread besides the sender (perf of a kept connection to smtp-sink: 44 % of
    /// the process's samples on pool threads, 7 % on the loop's; 300–340 µs of processor a message against 112–122 µs now).
    /// </summary>
    private static Socket Open(string host, int port, CancellationToken cancellationToken)
    {
        SocketException? refused = null;
        foreach (var address in Dns.GetHostAddressesAsync(host, cancellationToken).GetAwaiter().GetResult())
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
            try
            {
                try
                {
                    socket.Connect(address, port);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                {
                    // Under way: polled below.
                }
                // Writable once connected, in error once refused; checked for a stop every tenth of a second meanwhile.
                while (!socket.Poll(100_000, SelectMode.SelectWrite) && !socket.Poll(0, SelectMode.SelectError))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0)
                {
                    throw new SocketException(error);
                }
                socket.Blocking = true;
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                refused = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw refused ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>A pinned certificate stands for the server by itself: its chain and name are not asked about.</summary>
    private static bool Pinned(X509Certificate? certificate, string sha256) =>
        certificate is not null
        && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())).Equals(sha256.Replace(":", ""), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The message's own failure: a recipient refused (except 421, the server closing), the message refused for good, or
    /// the message too large for the server (552, after DATA, or to MAIL FROM where SIZE is used). Anything else would fail every message alike.
    /// </summary>
    private static bool IsMessageFailure(SmtpCommandException e) => e.ErrorCode switch
    {
        SmtpErrorCode.RecipientNotAccepted => e.StatusCode != SmtpStatusCode.ServiceNotAvailable,
        SmtpErrorCode.MessageNotAccepted => (int)e.StatusCode >= 500,
        SmtpErrorCode.SenderNotAccepted => e.StatusCode == SmtpStatusCode.ExceededStorageAllocation,
        _ => false,
    };

    private static bool IsDropped(Exception e) => e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException
        || e is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private static bool IsServerFailure(Exception e) => e is SmtpCommandException or SmtpProtocolException or IOException or SocketException
        or SslHandshakeException or AuthenticationException or SaslException or NotSupportedException or ServiceNotConnectedException
        or ServiceNotAuthenticatedException or System.Security.Authentication.AuthenticationException;

    private static string Describe(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
}
