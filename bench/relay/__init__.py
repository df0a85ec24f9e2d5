"""Relay benchmark: OutboxRelay draining a PostgreSQL backlog to Kafka, against kafka-python's own
producer benchmark sending records of the same size to the same broker."""
