"""Dead-letter records: where a message goes when it cannot be handled, and how it comes back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from shomei_shared.outbox.publisher import OutgoingRecord

PREFIX = "dlq."
ORIGINAL_TOPIC = "dlq.original_topic"


def dead_letter_topic(group: str) -> str:
    """One dead-letter topic per consumer group, so a replay concerns only that group."""
    return f"dlq.{group}"


def to_dead_letter(
    group: str, topic: str, partition: int, offset: int, key: bytes | None, value: bytes,
    headers: Sequence[tuple[str, bytes]], error: BaseException,
) -> OutgoingRecord:
    reason = f"{type(error).__name__}: {error}"[:2000]
    return OutgoingRecord(
        topic=dead_letter_topic(group),
        key=key or b"",
        value=value,
        headers=[
            *[(k, v) for k, v in headers if not k.startswith(PREFIX)],
            (ORIGINAL_TOPIC, topic.encode()),
            ("dlq.original_partition", str(partition).encode()),
            ("dlq.original_offset", str(offset).encode()),
            ("dlq.group", group.encode()),
            ("dlq.error", reason.encode()),
            ("dlq.failed_at", datetime.now(UTC).isoformat().encode()),
        ],
    )


def to_replay(key: bytes | None, value: bytes, headers: Sequence[tuple[str, bytes]]) -> OutgoingRecord:
    """The original message again, on its original topic; groups that handled it already will
    recognise its message id and skip it."""
    found = dict(headers)
    original_topic = found.get(ORIGINAL_TOPIC)
    if original_topic is None:
        raise ValueError("not a dead letter: no original topic header")
    kept = [(k, v) for k, v in headers if not k.startswith(PREFIX)]
    return OutgoingRecord(topic=original_topic.decode(), key=key or b"", value=value,
                          headers=[*kept, ("replayed", b"1")])
