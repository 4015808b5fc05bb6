"""A real SMTP server on loopback for putright's tests: it takes every message and writes it,
decoded, as one JSON file per message (to, subject, Message-ID, the plain text, and each
attachment's name, size and first bytes), so the tests read what a resident would receive.

A recipient whose address begins with "refuse" is refused with a permanent 550, as a server
does for an address that does not exist.

    python3 tests/smtp/sink.py PORT DIRECTORY
"""

import asyncio
import email
import json
import os
import sys
from email import policy

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory):
        self.directory = directory

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        attachments = []
        for part in message.iter_attachments():
            content = part.get_payload(decode=True) or b""
            attachments.append(
                {
                    "name": part.get_filename(),
                    "type": part.get_content_type(),
                    "size": len(content),
                    "starts": content[:5].decode("latin-1"),
                }
            )
        record = {
            "to": envelope.rcpt_tos,
            "from": envelope.mail_from,
            "subject": str(message["subject"]),
            "message_id": str(message["message-id"]),
            "text": body.get_content() if body is not None else "",
            "attachments": attachments,
        }
        name = "%d-%d.json" % (os.getpid(), len(os.listdir(self.directory)))
        temporary = os.path.join(self.directory, "." + name)
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.rename(temporary, os.path.join(self.directory, name))
        return "250 2.0.0 Message accepted for delivery"


async def main(port, directory):
    os.makedirs(directory, exist_ok=True)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Sink(directory), hostname="sink.test"), "127.0.0.1", port
    )
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
