"""Prometheus metrics of the machinery; every service exposes them at /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

OUTBOX_BACKLOG = Gauge(
    "shomei_outbox_backlog_events", "Events stored but not yet published to Kafka", ["relay"]
)
RELAY_PUBLISHED = Counter("shomei_relay_published_events", "Events published by the relay", ["relay"])
RELAY_ERRORS = Counter("shomei_relay_errors", "Relay batches that failed and were retried", ["relay"])
CONSUMER_LAG = Gauge(
    "shomei_consumer_lag_messages", "Messages behind the end of each partition", ["group", "topic", "partition"]
)
HANDLED = Counter("shomei_consumer_handled", "Messages handled, by outcome", ["group", "outcome"])
HANDLER_ERRORS = Counter("shomei_consumer_handler_errors", "Handler attempts that raised", ["group", "type"])
REQUEST_LATENCY = Histogram(
    "shomei_http_request_seconds", "HTTP request latency", ["endpoint", "method", "status"]
)
