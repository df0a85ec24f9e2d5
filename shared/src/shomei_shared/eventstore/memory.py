"""In-memory event store for unit tests; tests/contract prove it behaves like the real one."""

from __future__ import annotations

from collections.abc import Sequence

from shomei_shared.eventstore.errors import ConcurrencyError
from shomei_shared.eventstore.ports import check_contiguous
from shomei_shared.messaging.envelope import Envelope


class InMemoryEventStore:
    def __init__(self) -> None:
        self.streams: dict[str, list[Envelope]] = {}
        self.log: list[tuple[str, Envelope]] = []  # (topic, envelope) in append order: the outbox
        self._snapshots: dict[str, tuple[int, bytes]] = {}

    def append(self, topic: str, envelopes: Sequence[Envelope]) -> None:
        first_versions = check_contiguous(envelopes)
        seen = {e.message_id for _, e in self.log}
        for aggregate_id, first in first_versions.items():
            if len(self.streams.get(aggregate_id, [])) != first - 1:
                raise ConcurrencyError(f"another writer appended to {aggregate_id} first")
        if any(e.message_id in seen for e in envelopes):
            raise ConcurrencyError("message already stored")
        for envelope in envelopes:
            self.streams.setdefault(envelope.aggregate_id, []).append(envelope)
            self.log.append((topic, envelope))

    def load(self, aggregate_id: str, after_version: int = 0) -> list[Envelope]:
        return [e for e in self.streams.get(aggregate_id, []) if e.aggregate_version > after_version]

    def save_snapshot(self, aggregate_id: str, aggregate_version: int, state: bytes) -> None:
        current = self._snapshots.get(aggregate_id)
        if current is None or current[0] < aggregate_version:
            self._snapshots[aggregate_id] = (aggregate_version, state)

    def load_snapshot(self, aggregate_id: str) -> tuple[int, bytes] | None:
        return self._snapshots.get(aggregate_id)
