"""The message envelope, event schemas with versions, and their upcasters."""
