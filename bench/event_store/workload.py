"""The events every contestant writes: identical ids, versions and ~200-byte JSON payloads.

Each contestant turns these neutral specs into its own input type *before* the clock starts,
so we time storing events, not building test objects.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

PAYLOAD_BYTES = 200  # target size of the JSON payload, as the issue asks
EVENT_TYPE = "OrderPlaced"
TENANT = "tenant-bench"
# Versions per aggregate: with 1 event per transaction, 19 of every 20 appends must check that
# the predecessor is stored (our store does; the others rely on the primary key alone).
DEPTH = 20
# With big batches an aggregate gets this many consecutive versions per batch.
VERSIONS_PER_BATCH = 10


@dataclass(frozen=True)
class EventSpec:
    aggregate_id: str  # a UUID in text form: our store keeps text ids, the library UUIDs
    version: int
    message_id: str
    payload: dict[str, Any]
    payload_json: str
    occurred_at: datetime


Batch = list[EventSpec]


def payload(sequence: int) -> dict[str, Any]:
    """An order-like document padded to PAYLOAD_BYTES of compact JSON."""
    body: dict[str, Any] = {
        "order_id": f"ord-{sequence:010d}",
        "customer_id": f"cus-{sequence % 9973:06d}",
        "lines": [{"sku": "SKU-4711", "qty": 2, "price_cents": 1299},
                  {"sku": "SKU-0815", "qty": 1, "price_cents": 499}],
        "currency": "EUR",
        "note": "",
    }
    missing = PAYLOAD_BYTES - len(_dumps(body))
    body["note"] = "x" * max(missing, 0)
    return body


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, separators=(",", ":"))


def batches(events: int, batch_size: int) -> list[Batch]:
    """`events` new events (rounded up to whole batches) on fresh aggregates, in append order.

    A batch holds `batch_size // per_aggregate` aggregates with `per_aggregate` consecutive
    versions each; the same aggregates continue in the next batch until they reach DEPTH.
    """
    per_aggregate = min(batch_size, VERSIONS_PER_BATCH)
    aggregates_per_batch = max(batch_size // per_aggregate, 1)
    out: list[Batch] = []
    sequence = 0
    while sequence < events:
        group = [str(uuid.uuid4()) for _ in range(aggregates_per_batch)]
        for first in range(1, DEPTH + 1, per_aggregate):
            batch: Batch = []
            for aggregate in group:
                for version in range(first, min(first + per_aggregate, DEPTH + 1)):
                    body = payload(sequence)
                    sequence += 1
                    batch.append(EventSpec(aggregate, version, str(uuid.uuid4()), body, _dumps(body),
                                           datetime.now(UTC)))
            out.append(batch)
            if sequence >= events:
                break
    return out


def split_by_aggregate(all_batches: list[Batch], writers: int) -> list[list[Batch]]:
    """Deal batches to writers so that each aggregate stays with one writer, in version order
    (concurrent writers in a service handle different aggregates; same-aggregate races are a
    correctness matter, tested elsewhere, not a throughput one)."""
    lanes: list[list[Batch]] = [[] for _ in range(writers)]
    owner: dict[str, int] = {}
    for batch in all_batches:
        key = batch[0].aggregate_id
        if key not in owner:
            owner[key] = len(owner) % writers
        lanes[owner[key]].append(batch)
    return lanes


def streams(count: int, length: int) -> Iterator[Batch]:
    """`count` aggregates of `length` events, one batch each: the streams the read case loads."""
    sequence = 0
    for _ in range(count):
        aggregate = str(uuid.uuid4())
        batch = []
        for version in range(1, length + 1):
            body = payload(sequence)
            sequence += 1
            batch.append(EventSpec(aggregate, version, str(uuid.uuid4()), body, _dumps(body), datetime.now(UTC)))
        yield batch
