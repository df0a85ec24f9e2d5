"""Who is submitting an order right now: a PostgreSQL advisory lock per order, held in a
transaction of its own connection for as long as the jobs process works on the order (ADR 0039).

The claim in `print_orders` (its lease) only says which round took an order up; it cannot say the
round is still at it, and a round slower than the lease (a provider timing out on every copy)
would otherwise share its order with the next process to claim it. The lock ends with its
transaction, so a process that dies lets go at once, and it is no row lock: the order's own
transactions (which lock the row) never wait on it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import Engine, text

# Both halves through hashtext: print-gateway's orders, apart from any other advisory lock
# (migrations take hashtext('shomei-migrate') as a single key, a different key space).
_TRY = text("SELECT pg_try_advisory_xact_lock(hashtext('shomei-print-order'), hashtext(:order_id))")


class PgOrderLocks:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextlib.contextmanager
    def hold(self, order_id: str) -> Iterator[bool]:
        """True while this process holds the order's lock; False (at once) when another does."""
        with self._engine.connect() as connection, connection.begin():
            yield bool(connection.execute(_TRY, {"order_id": order_id}).scalar_one())
