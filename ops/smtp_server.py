"""The loopback SMTP server of the tests (run through ops/smtp-server).

Each accepted message is written as it arrived on the wire (the DATA bytes, before any parsing) to
OUT/NNNNNN.eml, numbered in arrival order and continuing after the files already there, so a server
restarted into the same folder keeps the order. A file appears by rename, complete, before the server
answers 250, so a client whose send returned can read it at once. "ready PORT" on stdout says it listens.
"""

import argparse
import asyncio
import os
import signal

from aiosmtpd.smtp import SMTP


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
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.replace(name + ".tmp", name)
        return "250 2.0.0 queued as %06d" % self.count


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    handler = Handler(args.out, args.reject)
    loop = asyncio.get_running_loop()
    # decode_data=False keeps the raw bytes; SMTPUTF8 and 8BITMIME are offered as a modern server would.
    server = await loop.create_server(
        lambda: SMTP(handler, decode_data=False, enable_SMTPUTF8=True, hostname="smtp.test"),
        host="127.0.0.1", port=args.port, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("ready %d" % args.port, flush=True)
    await stop.wait()
    server.close()


asyncio.run(main())
