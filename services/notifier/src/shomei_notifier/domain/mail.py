"""A rendered mail, ready for the sender, and its deterministic Message-ID."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MESSAGE_ID_DOMAIN = "notifier.shomei"


class Language(StrEnum):
    JA = "ja"
    EN = "en"

    @classmethod
    def of(cls, locale: str | None) -> Language:
        """The mail language for an event's locale ("en-US" → en); anything unknown → ja."""
        prefix = (locale or "").strip().lower()[:2]
        return cls.EN if prefix == cls.EN else cls.JA


def message_id_for(event_message_id: str, template_key: str, domain: str = MESSAGE_ID_DOMAIN) -> str:
    """The same event and template always give the same Message-ID, so a second send after a
    crash (ADR 0011) is recognisable as a duplicate by the recipient's mail client or support."""
    return f"<{event_message_id}.{template_key}@{domain}>"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    language: Language
    template_key: str
    message_id: str
    sender_name: str = ""  # the From display name: the university's service; "" keeps the configured one

    def __repr__(self) -> str:
        # The body may hold a one-time URL or an initial password: keep it out of any repr/log.
        return f"Mail(to=<hidden>, template_key={self.template_key!r}, message_id={self.message_id!r})"
