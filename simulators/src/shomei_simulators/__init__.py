"""Local stand-ins for the external systems Shomei talks to, for dev and tests."""
