"""What the service layer needs of an event store; the real one and the fake both provide it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from shomei_shared.messaging.envelope import Envelope


class EventStore(Protocol):
    def append(self, topic: str, envelopes: Sequence[Envelope]) -> None:
        """Append new events (each aggregate's versions contiguous after its last stored one);
        raises ConcurrencyError when another writer got there first."""

    def load(self, aggregate_id: str, after_version: int = 0) -> list[Envelope]:
        """The aggregate's events after `after_version`, oldest first."""

    def save_snapshot(self, aggregate_id: str, aggregate_version: int, state: bytes) -> None: ...

    def load_snapshot(self, aggregate_id: str) -> tuple[int, bytes] | None: ...


def check_contiguous(envelopes: Sequence[Envelope]) -> dict[str, int]:
    """Each aggregate's first new version in this batch; refuses gaps inside the batch."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for envelope in envelopes:
        aggregate, version = envelope.aggregate_id, envelope.aggregate_version
        if aggregate in last and version != last[aggregate] + 1:
            raise ValueError(f"versions of {aggregate} are not contiguous in one append")
        first.setdefault(aggregate, version)
        last[aggregate] = version
    return first
