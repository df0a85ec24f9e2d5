"""print-gateway's domain: aggregates, their events and rules. Standard library, shomei_shared.messages
and shomei_shared.errors only (import-linter holds it to that)."""
