"""The contracts as the producers' registries define them today, and writing them out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from shomei_devtools.contracts.discovery import Services
from shomei_devtools.contracts.documents import (
    INDEX,
    Committed,
    Contract,
    contracts_dir,
    index,
    meaning,
    read_contracts,
    render,
)
from shomei_devtools.contracts.schemas import payload_schema


def generate(services: Services) -> dict[str, Contract]:
    """Every version each producer registers, by its path under docs/contracts/."""
    contracts = {}
    for producer in services.producers:
        for event_type in sorted(producer.registry.event_types):
            topic = producer.topic(event_type)
            for version in producer.registry.versions(event_type):
                schema = payload_schema(producer.registry.schema(event_type, version))
                contract = Contract(producer.service, event_type, version, topic, schema)
                contracts[contract.path] = contract
    return contracts


def heard_by(services: Services) -> dict[str, list[str]]:
    """Event type -> the services that hear it."""
    heard: dict[str, list[str]] = {}
    for consumer in services.consumers:
        for event_type in consumer.reader.event_types:
            heard.setdefault(event_type, []).append(consumer.service)
    return heard


def expected_index(services: Services, on_disk: dict[str, Contract]) -> dict[str, object]:
    # Older versions no longer registered keep their files, so the index covers both.
    return index({**on_disk, **generate(services)}, heard_by(services))


@dataclass
class Written:
    written: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def write(services: Services, committed: dict[str, Committed] | None, root: Path | None = None) -> Written:
    """Write each generated contract whose file is missing or differs, except a version already
    committed: that one is published and is never rewritten (its change is a new version)."""
    base = contracts_dir(root)
    outcome = Written()
    for path, contract in generate(services).items():
        target = base / path
        if target.exists() and meaning(json.loads(target.read_text())) == meaning(contract.document()):
            continue
        if committed and path in committed:
            outcome.refused.append(path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(contract.document()))
        outcome.written.append(path)
    index_path = base / INDEX
    document = render(expected_index(services, read_contracts(root)))
    if not index_path.exists() or index_path.read_text() != document:
        index_path.write_text(document)
        outcome.written.append(INDEX)
    return outcome
