"""The internal API (/internal), one module per area."""
