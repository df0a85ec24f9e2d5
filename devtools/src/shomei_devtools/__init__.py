"""Local infrastructure for Shomei: PostgreSQL and Apache Kafka as plain processes."""
