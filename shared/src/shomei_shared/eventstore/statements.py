"""The event store's SQL, and the order of the parameters and columns it works with.

Appending is one statement whatever the batch size, so the server keeps it prepared and an
append costs one round trip. Each aggregate's first new version must follow a committed
predecessor written by an *older* transaction: per aggregate, txid then never decreases with
the version, which is what lets the relay publish in (txid, id) order without reordering an
aggregate (docs/adr/0003). A refused row is simply not inserted; the store compares the row
count and raises ConcurrencyError.

The check is a scalar subquery (NULL when there is no predecessor, which refuses the row), not
`OR EXISTS`: PostgreSQL may cache a generic plan for EXISTS that scans all of `events` on every
append (`python -m bench.event_store.plan_check`). Parameters travel in binary (`%b`), so JSON
payloads are not quoted and escaped into text array literals.
"""

from __future__ import annotations

from shomei_shared.messaging.envelope import LOADED_FIELDS, STORED_FIELDS

# Per event, in parameter order, with its SQL type: STORED_FIELDS, payload as JSON text last.
_TYPES = {
    "message_id": "uuid", "type": "text", "version": "int", "tenant_id": "text", "aggregate_id": "text",
    "aggregate_version": "int", "occurred_at": "timestamptz", "correlation_id": "text",
    "causation_id": "text", "payload": "json",
}
_COLUMNS = ", ".join(STORED_FIELDS)

_CHECKED_INSERT = f"""
INSERT INTO events (topic, {_COLUMNS})
SELECT %b, {", ".join(f"v.{name}" for name in STORED_FIELDS)}
FROM {{source}} AS v({_COLUMNS}, check_predecessor)
WHERE NOT v.check_predecessor OR (
    SELECT e.txid <= pg_current_xact_id() FROM events e
    WHERE e.aggregate_id = v.aggregate_id AND e.aggregate_version = v.aggregate_version - 1)
"""

# Parameters: topic, one array per field of STORED_FIELDS, then the check flags (bool[]).
APPEND = _CHECKED_INSERT.format(
    source=f"unnest({', '.join(f'%b::{_TYPES[name]}[]' for name in STORED_FIELDS)}, %b::bool[])"
)

# The same for a single event, with scalar parameters: most unit-of-work commits append one
# event, and psycopg adapts scalars in C where it adapts each array in Python (~50 µs an append).
APPEND_ONE = _CHECKED_INSERT.format(
    source=f"(VALUES ({', '.join(f'%b::{_TYPES[name]}' for name in STORED_FIELDS)}, %b::bool))"
)

# Columns in LOADED_FIELDS order (the stored ones but the aggregate id the caller names), as
# Envelope.from_stored_rows() takes them: the payload as JSON text, parsed only if read.
_LOADED = {"message_id": "message_id::text", "payload": "payload::text"}
LOAD = f"""
SELECT {", ".join(_LOADED.get(name, name) for name in LOADED_FIELDS)}
FROM events WHERE aggregate_id = %s AND aggregate_version > %s ORDER BY aggregate_version
"""

SAVE_SNAPSHOT = """
INSERT INTO snapshots (aggregate_id, aggregate_version, state) VALUES (%s, %s, %s)
ON CONFLICT (aggregate_id) DO UPDATE SET aggregate_version = excluded.aggregate_version,
    state = excluded.state, taken_at = now()
WHERE snapshots.aggregate_version < excluded.aggregate_version
"""

LOAD_SNAPSHOT = "SELECT aggregate_version, state FROM snapshots WHERE aggregate_id = %s"
