#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: LGPL-2.0-or-later
"""A real SMTP server on loopback for the mailing tests and benchmark.

smtpsink.py OUTDIR [--count-only] [--data-delay-ms N] [--no-pipelining]
              [--cert FILE --key FILE [--tls]] [--auth USER:PASSWORD]

Listens on 127.0.0.1 at a free port and prints the port on the first line
of stdout. Each message taken is written to OUTDIR/<n>.eml (or only counted
with --count-only); it offers PIPELINING (RFC 2920) unless told not to.
OUTDIR/log.jsonl gets one line per message (recipients,
Message-ID, the user logged in as, whether the session was encrypted) and
one per connection ("connect"). With --cert/--key it offers STARTTLS (and
requires it before MAIL), with --tls it speaks TLS from the start instead;
with --auth it requires AUTH PLAIN or LOGIN with that user and password. Chosen addresses fail:
a local part starting "tempfail" gets "451 4.3.0" on its first RCPT (then
250), "permfail" gets "550 5.1.1" always.
"""
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP, Envelope, Session


class Handler:
    def __init__(self, outdir, count_only, delay, pipelining):
        self.pipelining = pipelining
        self.outdir = outdir
        self.count_only = count_only
        self.delay = delay
        self.count = 0
        self.tempfail_seen = {}
        self.log = open(os.path.join(outdir, "log.jsonl"), "a", buffering=1)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("permfail"):
            return "550 5.1.1 <%s>: no such user here" % address
        if local.startswith("tempfail"):
            n = self.tempfail_seen.get(address, 0)
            self.tempfail_seen[address] = n + 1
            if n == 0:
                return "451 4.3.0 <%s>: mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay / 1000.0)
        self.count += 1
        data = envelope.original_content or b""
        if self.count_only and self.count % 1000 != 0:
            return "250 2.0.0 OK queued as %d" % self.count  # the benchmark's server: counting is all
        msgid = ""
        for line in data.split(b"\r\n"):
            if not line:
                break
            if line.lower().startswith(b"message-id:"):
                msgid = line.split(b":", 1)[1].strip().decode("ascii", "replace")
        if not self.count_only:
            with open(os.path.join(self.outdir, "%d.eml" % self.count), "wb") as f:
                f.write(data)
        if not self.count_only or self.count % 1000 == 0:
            self.log.write(json.dumps({"n": self.count, "rcpt": envelope.rcpt_tos, "msgid": msgid,
                                       "user": getattr(session, "login_user", None),
                                       "tls": session.ssl is not None
                                       or server.transport.get_extra_info("ssl_object") is not None}) + "\n")
        return "250 2.0.0 OK queued as %d" % self.count


class CountingSMTP(SMTP):
    connections = 0

    def connection_made(self, transport):
        CountingSMTP.connections += 1
        with open(os.path.join(self.event_handler.outdir, "connections"), "w") as f:
            f.write(str(CountingSMTP.connections))
        super().connection_made(transport)


def authenticator_for(credentials):
    from aiosmtpd.smtp import AuthResult
    user, password = credentials.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        if ok:
            session.login_user = user
        return AuthResult(success=ok, handled=False)
    return authenticate


async def main():
    if os.environ.get("SMTPSINK_DEBUG"):
        import logging
        logging.basicConfig(level=logging.DEBUG)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    count_only = "--count-only" in sys.argv
    delay = 0
    if "--data-delay-ms" in sys.argv:
        delay = int(sys.argv[sys.argv.index("--data-delay-ms") + 1])
    handler = Handler(outdir, count_only, delay, "--no-pipelining" not in sys.argv)
    options = {}
    server_tls = None
    if "--cert" in sys.argv:
        import ssl
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[sys.argv.index("--cert") + 1], sys.argv[sys.argv.index("--key") + 1])
        if "--tls" in sys.argv:
            server_tls = context
        else:
            options.update(tls_context=context, require_starttls=True)
    if "--auth" in sys.argv:
        options.update(authenticator=authenticator_for(sys.argv[sys.argv.index("--auth") + 1]),
                       auth_required=True, auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CountingSMTP(handler, hostname="sink.test", enable_SMTPUTF8=False, data_size_limit=None, **options),
        host="127.0.0.1", port=0, ssl=server_tls)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
