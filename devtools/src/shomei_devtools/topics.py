"""Creating topics with explicit partition counts."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import InvalidReplicationFactorError, TopicAlreadyExistsError

from shomei_shared.kafka_net import KafkaConnection, client_config


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int = 3


def read_topic_file(path: Path) -> list[TopicSpec]:
    """`name partitions` per line; blank lines and # comments are ignored."""
    specs = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit():
            raise ValueError(f"{path}:{number}: expected 'topic partitions', got {raw!r}")
        specs.append(TopicSpec(parts[0], int(parts[1])))
    return specs


def ensure_topics(connection: KafkaConnection, specs: list[TopicSpec], *, wait_s: float = 60.0) -> list[str]:
    """Create the topics that do not exist yet; returns the names created.

    A broker that has just started answers requests a moment before it has registered itself,
    and refuses topics meanwhile (InvalidReplicationFactor): that is retried, not fatal."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return _create_missing(connection, specs)
        except InvalidReplicationFactorError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _create_missing(connection: KafkaConnection, specs: list[TopicSpec]) -> list[str]:
    if not specs:
        return []
    admin = KafkaAdminClient(**client_config(connection), request_timeout_ms=15000)
    try:
        existing = set(admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        created = []
        for spec in missing:
            try:
                admin.create_topics([NewTopic(spec.name, spec.partitions, 1)])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass  # a concurrent start-up made it first
        return created
    finally:
        admin.close()
