"""The outbox relay: publishes committed events to Kafka in commit order, losing none.

Why (txid, id) and not id alone: an identity column is allocated at insert time but becomes
visible at commit time, so a relay that remembered "last id published" would skip a low id that
commits after a higher one. Instead each event row records its transaction id (xid8), and the
relay only reads rows whose transaction is older than the oldest transaction still running
(`pg_snapshot_xmin`). Every such transaction has finished, so no row can appear behind the
relay's position any more; it then walks forward in (txid, id) order. The event store's append
guarantees that, per aggregate, txid never decreases with the version, so this order is also each
aggregate's order. Delivery is at least once: a crash between publishing and saving the position
republishes the last batch, and consumers drop the duplicates by message id. See docs/adr/0003.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from shomei_shared import metrics
from shomei_shared.outbox.publisher import OutgoingRecord, Publisher

log = logging.getLogger(__name__)

_BATCH = """
SELECT e.id, e.txid::text, e.topic, e.aggregate_id, e.type, e.version, e.message_id::text,
       e.correlation_id, e.causation_id,
       json_build_object(
         'message_id', e.message_id, 'type', e.type, 'version', e.version,
         'occurred_at', e.occurred_at, 'tenant_id', e.tenant_id, 'aggregate_id', e.aggregate_id,
         'aggregate_version', e.aggregate_version, 'correlation_id', e.correlation_id,
         'causation_id', e.causation_id, 'payload', e.payload)::text
FROM events e
WHERE (e.txid, e.id) > (%(txid)s::xid8, %(id)s)
  AND e.txid < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY e.txid, e.id
LIMIT %(limit)s
"""


@dataclass(frozen=True)
class Position:
    txid: str = "0"
    id: int = 0


class OutboxRelay:
    def __init__(
        self,
        engine: Engine,
        publisher_factory: Callable[[], Publisher],
        *,
        name: str = "kafka",
        batch_size: int = 1000,
        idle_sleep_s: float = 0.1,
    ) -> None:
        self._engine = engine
        self._publisher_factory = publisher_factory
        self._publisher: Publisher | None = None
        self.name = name
        self._batch_size = batch_size
        self._idle_sleep_s = idle_sleep_s
        self._position: Position | None = None

    def position(self) -> Position:
        if self._position is None:
            with self._engine.begin() as conn:
                conn.execute(
                    text("INSERT INTO relay_checkpoints (relay) VALUES (:r) ON CONFLICT DO NOTHING"),
                    {"r": self.name},
                )
                row = conn.execute(
                    text("SELECT last_txid::text, last_id FROM relay_checkpoints WHERE relay = :r"),
                    {"r": self.name},
                ).one()
            self._position = Position(row[0], int(row[1]))
        return self._position

    def run_once(self) -> int:
        """Publish the next batch of committed events; returns how many were published."""
        position = self.position()
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(
                _BATCH, {"txid": position.txid, "id": position.id, "limit": self._batch_size}
            ).all()
            conn.rollback()
        if not rows:
            return 0
        records = [
            OutgoingRecord(
                topic=row[2],
                key=row[3].encode(),
                value=row[9].encode(),
                headers=[
                    ("type", row[4].encode()),
                    ("version", str(row[5]).encode()),
                    ("message_id", row[6].encode()),
                    ("correlation_id", (row[7] or "").encode()),
                    ("causation_id", (row[8] or "").encode()),
                ],
            )
            for row in rows
        ]
        self._ensure_publisher().publish(records)
        last = Position(rows[-1][1], int(rows[-1][0]))
        with self._engine.begin() as conn:
            conn.execute(
                text("UPDATE relay_checkpoints SET last_txid = CAST(:t AS xid8), last_id = :i WHERE relay = :r"),
                {"t": last.txid, "i": last.id, "r": self.name},
            )
        self._position = last
        metrics.RELAY_PUBLISHED.labels(self.name).inc(len(records))
        return len(records)

    def backlog(self) -> int:
        """Committed events not yet published (including those still behind a running txn)."""
        position = self.position()
        with self._engine.connect() as conn:
            count = conn.exec_driver_sql(
                "SELECT count(*) FROM events WHERE (txid, id) > (%(txid)s::xid8, %(id)s)",
                {"txid": position.txid, "id": position.id},
            ).scalar_one()
        return int(count)

    def run(self, stop: threading.Event, *, backlog_every_s: float = 5.0) -> None:
        """Relay until `stop` is set; waits its turn while another relay of the same name leads,
        and waits out a database that is not (yet) reachable."""
        backoff = 0.5
        while not stop.is_set():
            try:
                with _Leadership(self._engine, self.name, stop) as leadership:
                    if not leadership.leading:
                        break
                    backoff = 0.5
                    log.info("relay %s leading from %s", self.name, self.position())
                    self._relay_while_leading(leadership, stop, backlog_every_s)
            except SQLAlchemyError as error:
                log.warning("relay %s cannot reach its database, retrying in %.1fs: %r", self.name, backoff, error)
                stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)
        self._discard_publisher()

    def _relay_while_leading(self, leadership: _Leadership, stop: threading.Event, backlog_every_s: float) -> None:
        backoff, last_backlog = 0.5, 0.0
        while not stop.is_set():
            # Losing the lock's connection loses the lock: another relay may lead now, so stop.
            leadership.confirm()
            try:
                published = self.run_once()
                backoff = 0.5
                if time.monotonic() - last_backlog > backlog_every_s:
                    metrics.OUTBOX_BACKLOG.labels(self.name).set(self.backlog())
                    last_backlog = time.monotonic()
                if published < self._batch_size:
                    stop.wait(self._idle_sleep_s)
            except Exception as error:  # noqa: BLE001 - keep relaying through outages
                metrics.RELAY_ERRORS.labels(self.name).inc()
                log.warning("relay %s failed, retrying in %.1fs: %r", self.name, backoff, error)
                self._discard_publisher()
                self._position = None  # re-read: the last save may not have committed
                stop.wait(backoff)
                backoff = min(backoff * 2, 5.0)

    def _ensure_publisher(self) -> Publisher:
        if self._publisher is None:
            self._publisher = self._publisher_factory()
        return self._publisher

    def _discard_publisher(self) -> None:
        # A producer that timed out may hold stale idempotence state; start clean.
        if self._publisher is not None:
            with contextlib.suppress(Exception):
                self._publisher.close()
            self._publisher = None


class _Leadership:
    """A session-level advisory lock: one relay per service publishes; a standby takes over
    when the leader's connection ends."""

    def __init__(self, engine: Engine, name: str, stop: threading.Event) -> None:
        self._engine, self._name, self._stop = engine, name, stop
        self.leading = False

    def __enter__(self) -> _Leadership:
        self._conn = self._engine.connect()
        while not self._stop.is_set():
            got = self._conn.exec_driver_sql(
                "SELECT pg_try_advisory_lock(hashtext(%s))", (f"shomei-relay:{self._name}",)
            ).scalar_one()
            self._conn.commit()
            if got:
                self.leading = True
                break
            self._stop.wait(1.0)
        return self

    def confirm(self) -> None:
        """Raise if the connection holding the lock is gone."""
        self._conn.exec_driver_sql("SELECT 1").scalar_one()
        self._conn.commit()

    def __exit__(self, *exc: object) -> None:
        # A pooled connection would keep the session lock alive; really close this one.
        with contextlib.suppress(Exception):
            self._conn.invalidate()
            self._conn.close()
