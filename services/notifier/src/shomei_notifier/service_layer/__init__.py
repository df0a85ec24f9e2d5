"""Use cases: recording deliveries from events, dispatching due ones, rendering mails."""
