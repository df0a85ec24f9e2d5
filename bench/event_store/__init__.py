"""Event store benchmark: our PostgresEventStore against the `eventsourcing` library's
PostgreSQL application recorder and a plain psycopg INSERT, on one PostgreSQL in one run."""
