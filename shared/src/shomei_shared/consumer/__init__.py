"""Idempotent Kafka consumption: effects and the processed-message record commit together."""
