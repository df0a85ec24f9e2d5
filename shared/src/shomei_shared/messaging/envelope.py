"""The envelope every event travels in, in the event store and on Kafka."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

# The fields as the event store keeps them, in its column order; payload last.
STORED_FIELDS = ("message_id", "type", "version", "tenant_id", "aggregate_id", "aggregate_version",
                 "occurred_at", "correlation_id", "causation_id", "payload")
# Where a stored envelope keeps its payload's JSON text until the payload is first read.
_PAYLOAD_JSON = "_payload_json"
_STORED_NAMES = (*STORED_FIELDS[:-1], _PAYLOAD_JSON)
# A stream is loaded by its aggregate id, so the rows leave it out: the server sends one column
# fewer per event (~10% of a stream read, docs/benchmarks.md).
LOADED_FIELDS = tuple(name for name in STORED_FIELDS if name != "aggregate_id")
_LOADED_NAMES = tuple(name for name in _STORED_NAMES if name != "aggregate_id")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Envelope:
    type: str
    version: int
    tenant_id: str
    aggregate_id: str
    aggregate_version: int
    payload: dict[str, Any]
    message_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: datetime = field(default_factory=_now)
    correlation_id: str | None = None
    causation_id: str | None = None

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware (UTC)")
        if self.aggregate_version < 1:
            raise ValueError("aggregate_version starts at 1")

    @classmethod
    def from_stored_rows(cls, aggregate_id: str, rows: Iterable[Sequence[Any]]) -> list[Envelope]:
        """One aggregate's envelopes read back from the event store: rows of LOADED_FIELDS (the
        stored fields but the aggregate id, which the caller gave), payload as JSON text.

        The payload is parsed on first access (see `__getattr__`): a load that only counts,
        filters by type or replays part of a stream does not pay ~5 µs per event for documents
        it never reads, which was most of the cost of reading a stream. `__init__` is bypassed
        because its checks already held when the events were written.
        """
        new, names = object.__new__, _LOADED_NAMES
        envelopes = []
        for row in rows:
            envelope = new(cls)
            # A frozen dataclass refuses setattr, not updates of its instance dictionary.
            # (strict=False: the rows come from the store's own SELECT; the check cost ~20%.)
            attributes = envelope.__dict__
            attributes.update(zip(names, row, strict=False))
            attributes["aggregate_id"] = aggregate_id
            envelopes.append(envelope)
        return envelopes

    if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute name

        def __getattr__(self, name: str) -> Any:
            # Only reached when normal lookup fails: `payload` of a stored envelope before its
            # first read. Equality, repr, asdict and replace all read it through here.
            if name == "payload":
                raw = self.__dict__.get(_PAYLOAD_JSON)
                if raw is not None:
                    payload = json.loads(raw)
                    object.__setattr__(self, "payload", payload)
                    return payload
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def caused(self, **changes: Any) -> Envelope:
        """A follow-up message in the same conversation: same correlation, caused by this one."""
        changes.setdefault("message_id", str(uuid.uuid4()))
        changes.setdefault("occurred_at", _now())
        changes.setdefault("correlation_id", self.correlation_id or self.message_id)
        changes.setdefault("causation_id", self.message_id)
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["occurred_at"] = self.occurred_at.astimezone(UTC).isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Envelope:
        occurred_at = datetime.fromisoformat(data["occurred_at"]).astimezone(UTC)
        return cls(**{**data, "occurred_at": occurred_at})

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, raw: bytes | str) -> Envelope:
        return cls.from_dict(json.loads(raw))
