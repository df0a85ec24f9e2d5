"""The envelope every event travels in, in the event store and on Kafka."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any


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
