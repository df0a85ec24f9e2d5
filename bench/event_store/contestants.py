"""What every contestant offers the runner. Each keeps its own database on the shared server."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from bench.event_store.workload import Batch

# The Alembic directory whose one revision creates the machinery tables, as a service's does.
MIGRATIONS = Path(__file__).resolve().parents[2] / "shared" / "tests" / "migrations"
TOPIC = "bench.orders"  # our Kafka topic column / the library's event-class topic


class Contestant(Protocol):
    name: str

    def prepare(self, batches: list[Batch]) -> list[Any]:
        """Turn neutral specs into this contestant's own input objects (not timed)."""

    def stream_key(self, aggregate_id: str) -> Any:
        """The aggregate id as this contestant's read takes it (not timed)."""

    def append(self, batch: Any) -> None:
        """Store one prepared batch in one transaction; must be safe to call from many threads."""

    def read(self, key: Any) -> int:
        """Load one stream; returns how many events came back."""

    def close(self) -> None: ...
