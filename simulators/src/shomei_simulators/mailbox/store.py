"""Thread-safe store of the mails the simulator has received."""

import builtins
import json
import logging
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from shomei_simulators.mailbox.urls import find_urls

logger = logging.getLogger(__name__)

MESSAGES_FILE_NAME = "messages.jsonl"


@dataclass(frozen=True)
class Message:
    """One received mail, already decoded so that nobody has to parse MIME again."""

    id: str
    received_at: str
    envelope_from: str
    envelope_to: tuple[str, ...]
    from_header: str
    to_header: str
    subject: str
    text_body: str
    html_body: str | None
    urls: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # Lists, not tuples, so the JSON shape is the same before and after a reload.
        data["envelope_to"] = list(self.envelope_to)
        data["urls"] = list(self.urls)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Message":
        return cls(
            id=data["id"],
            received_at=data["received_at"],
            envelope_from=data["envelope_from"],
            envelope_to=tuple(data["envelope_to"]),
            from_header=data["from_header"],
            to_header=data["to_header"],
            subject=data["subject"],
            text_body=data["text_body"],
            html_body=data["html_body"],
            urls=tuple(data["urls"]),
        )

    def is_addressed_to(self, address: str) -> bool:
        wanted = address.strip().casefold()
        return any(recipient.casefold() == wanted for recipient in self.envelope_to)


def _body_text(mail: EmailMessage, subtype: str) -> str | None:
    part = mail.get_body(preferencelist=(subtype,))
    if part is None:
        return None
    # get_content() honours the part's charset (iso-2022-jp included) and
    # undoes base64 / quoted-printable.
    content = part.get_content()
    if not isinstance(content, str):
        return None
    # SMTP carries CRLF; give back the line endings the sender most likely wrote.
    return content.replace("\r\n", "\n")


def parse_message(raw: bytes, envelope_from: str, envelope_to: list[str]) -> Message:
    # policy.default decodes RFC 2047 headers (=?ISO-2022-JP?B?...?=) to str.
    mail = message_from_bytes(raw, policy=policy.default)
    text_body = _body_text(mail, "plain") or ""
    return Message(
        id=uuid.uuid4().hex,
        received_at=datetime.now(UTC).isoformat(timespec="milliseconds"),
        envelope_from=envelope_from,
        envelope_to=tuple(envelope_to),
        from_header=str(mail.get("From", "")),
        to_header=str(mail.get("To", "")),
        # A long subject may be folded right after "Subject:"; the unfolded
        # value's leading whitespace is not part of it (RFC 5322 §2.2.3).
        subject=str(mail.get("Subject", "")).strip(),
        text_body=text_body,
        html_body=_body_text(mail, "html"),
        urls=tuple(find_urls(text_body)),
    )


class Mailbox:
    """Keeps messages in memory and, given a data directory, in a JSON-lines file.

    The SMTP thread adds while web request threads read, hence the lock.
    """

    def __init__(self, data_dir: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._messages: builtins.list[Message] = []
        self._file: Path | None = None
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)
            self._file = data_dir / MESSAGES_FILE_NAME
            self._messages = _load(self._file)

    def add(self, raw: bytes, mail_from: str, rcpt_tos: builtins.list[str]) -> Message:
        message = parse_message(raw, mail_from, rcpt_tos)
        with self._lock:
            self._messages.append(message)
            if self._file is not None:
                with self._file.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(message.to_dict(), ensure_ascii=False) + "\n")
        return message

    def get(self, message_id: str) -> Message | None:
        with self._lock:
            return next((m for m in self._messages if m.id == message_id), None)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            if self._file is not None:
                self._file.write_text("", encoding="utf-8")

    def list(self, to: str | None = None) -> builtins.list[Message]:
        """Messages newest first, optionally only those with ``to`` as a recipient."""
        with self._lock:
            newest_first = self._messages[::-1]
        if to is None:
            return newest_first
        return [m for m in newest_first if m.is_addressed_to(to)]


def _load(path: Path) -> list[Message]:
    if not path.exists():
        return []
    messages: list[Message] = []
    with path.open(encoding="utf-8") as lines:
        for line_number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            # A crash mid-write can leave a torn last line; losing that one
            # mail is better than refusing to start.
            try:
                messages.append(Message.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                logger.warning(
                    "skipping unreadable line %d of %s: %s", line_number, path, error
                )
    return messages
