"""The SMTP side: accept every mail for any recipient and hand it to the store."""

import asyncio
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from shomei_simulators.mailbox.store import Mailbox

# aiosmtpd otherwise calls socket.getfqdn() for every connection, which can
# stall for seconds on machines with slow reverse DNS.
SERVER_HOSTNAME = "shomei-mailbox"


class MailboxHandler:
    """aiosmtpd handler that stores each mail instead of relaying it."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        # original_content is the exact bytes on the wire, whatever decode_data says.
        raw = envelope.original_content or b""
        self.mailbox.add(raw, envelope.mail_from or "", list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class _MailboxController(Controller):
    """Controller that also works with port 0.

    The stock controller pokes the server on the port it was given; with port 0
    it must first learn which port the OS actually chose.
    """

    def _trigger_server(self) -> None:
        if self.port == 0 and isinstance(self.server, asyncio.Server):
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


def start_smtp_server(mailbox: Mailbox, host: str, port: int,
                      tls_context: ssl.SSLContext | None = None) -> Controller:
    """Start listening in a background thread; ``controller.port`` is the bound port.

    With a TLS context the server offers STARTTLS and refuses mail before it, as a relay
    outside development does."""
    controller = _MailboxController(
        MailboxHandler(mailbox),
        hostname=host,
        port=port,
        server_hostname=SERVER_HOSTNAME,
        tls_context=tls_context,
        require_starttls=tls_context is not None,
    )
    controller.start()
    return controller


def stop_smtp_server(controller: Controller) -> None:
    controller.stop()
