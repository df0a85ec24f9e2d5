"""Processes: the internal web API, the consumer and command-line tools."""
