"""The events print-gateway hears from other services, as print-gateway reads them: its own copy of each
published contract (docs/contracts/), since services never import each other.

None yet. To hear one, add a frozen dataclass here (`event_type = "..."`, only the fields read;
`tenant_id`, `aggregate_id` and `occurred_at` come from the envelope), its schema to
adapters/event_schemas.py's heard_events(), its handler to EVENT_HANDLERS and its topic to
entrypoints/consumer.py's TOPICS.
"""
