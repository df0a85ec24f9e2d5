"""Append-only event store on PostgreSQL, which is also the service's transactional outbox."""

from shomei_shared.eventstore.errors import ConcurrencyError

__all__ = ["ConcurrencyError"]
