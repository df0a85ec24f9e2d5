"""The relay that publishes committed events from the event store to Kafka, in commit order."""
