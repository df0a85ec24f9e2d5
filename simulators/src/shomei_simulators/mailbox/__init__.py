"""Mailbox simulator: an SMTP relay stand-in that keeps every mail and shows it."""

from shomei_simulators.mailbox.store import Mailbox, Message

__all__ = ["Mailbox", "Message"]
