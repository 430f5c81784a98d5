"""The loopback SMTP server of the tests (run through ops/smtp-server).

Each accepted message is written as it arrived on the wire (the DATA bytes, before any parsing) to
OUT/NNNNNN.eml, numbered in arrival order and continuing after the files already there, so a server
restarted into the same folder keeps the order; OUT/NNNNNN.peer holds the client's address and port (one port per
connection, so a test can count connections). A file appears by rename, complete, before the server
answers 250, so a client whose send returned can read it at once. "ready PORT" on stdout says it listens.

With --tls-cert and --tls-key it offers STARTTLS (and requires it before MAIL), or with --implicit-tls speaks TLS
from the first byte (SMTPS). With --auth USER:PASSWORD it requires that login (PLAIN or LOGIN) before MAIL.
"""

import argparse
import asyncio
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    def __init__(self, out, reject):
        self.out = out
        self.reject = {a.lower() for a in reject}
        self.count = len([f for f in os.listdir(out) if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: recipient rejected by the test server" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, "%06d.eml" % self.count)
        with open(name[:-4] + ".peer", "w") as f:
            f.write("%s:%d\n" % session.peer[:2])
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.replace(name + ".tmp", name)
        return "250 2.0.0 queued as %06d" % self.count


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", help="USER:PASSWORD")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    handler = Handler(args.out, args.reject)
    loop = asyncio.get_running_loop()
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    options = {}
    if context is not None and not args.implicit_tls:
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login == user.encode() and auth_data.password == password.encode()
            return AuthResult(success=ok)

        # Over implicit TLS aiosmtpd does not know the connection is encrypted; it is.
        options.update(authenticator=authenticator, auth_required=True,
                       auth_require_tls=context is not None and not args.implicit_tls)
    # decode_data=False keeps the raw bytes; SMTPUTF8 and 8BITMIME are offered as a modern server would.
    server = await loop.create_server(
        lambda: SMTP(handler, decode_data=False, enable_SMTPUTF8=True, hostname="smtp.test", **options),
        host="127.0.0.1", port=args.port, reuse_address=True,
        ssl=context if args.implicit_tls else None)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready %d" % args.port, flush=True)
    await stop.wait()
    server.close()


asyncio.run(main())
