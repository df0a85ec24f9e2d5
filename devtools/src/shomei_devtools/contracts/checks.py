"""The rules the contract files hold producers and consumers to. Each check returns its
problems as sentences that say what to do; an empty list means the rule holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shomei_devtools.contracts.build import expected_index, generate
from shomei_devtools.contracts.discovery import Consumer, Producer, Services
from shomei_devtools.contracts.documents import (
    COMMAND,
    INDEX,
    Committed,
    Contract,
    contracts_dir,
    latest,
    meaning,
)
from shomei_devtools.contracts.samples import UNKNOWN_FIELD, NoSample, payloads
from shomei_shared.messaging.envelope import Envelope

# What a reader or an upcaster raises on a payload it cannot take: the registry's
# UnknownEventType (a LookupError) and InvalidEvent (a ValueError), marshmallow's
# ValidationError (a ValueError), a factory's missing or unexpected argument (TypeError).
UNREADABLE = (LookupError, ValueError, TypeError)


def _new_version(contract: Contract) -> str:
    return (f"A published version never changes: register {contract.event_type} v{contract.version + 1} "
            f"with an upcaster from v{contract.version}, then regenerate with `{COMMAND}`.")


def stale(services: Services, on_disk: dict[str, Contract], root: Path | None = None) -> list[str]:
    """The files differ from what the producers' registries generate (or are missing)."""
    problems = []
    for path, contract in generate(services).items():
        current = on_disk.get(path)
        if current is None:
            problems.append(f"{path} is missing: generate it with `{COMMAND}`.")
        elif meaning(current.document()) != meaning(contract.document()):
            problems.append(f"{contract.producer}'s {contract.event_type} v{contract.version} no longer matches "
                            f"{path} ({_difference(current, contract)}). {_new_version(current)} "
                            f"(A version not yet committed is simply regenerated.)")
    registries = {p.service: p.registry for p in services.producers}
    for path, contract in on_disk.items():
        registry = registries.get(contract.producer)
        if registry is None or contract.event_type not in registry.event_types:
            problems.append(f"{path}: {contract.producer} no longer registers {contract.event_type}; events of it "
                            "are stored and in flight, so its schema stays registered.")
        elif registry.latest_version(contract.event_type) < contract.version:
            problems.append(f"{path}: {contract.producer} registers {contract.event_type} only up to "
                            f"v{registry.latest_version(contract.event_type)}.")
    index_path = contracts_dir(root) / INDEX
    written = json.loads(index_path.read_text()) if index_path.exists() else {}
    if meaning(written) != meaning(expected_index(services, on_disk)):
        problems.append(f"docs/contracts/{INDEX} is out of date: regenerate it with `{COMMAND}`.")
    return problems


def _difference(old: Contract, new: Contract) -> str:
    """What changed, briefly: topic, properties added (+) or removed (-) or changed, required."""
    before, after = old.payload.get("properties", {}), new.payload.get("properties", {})
    parts = [f"topic: {old.topic} -> {new.topic}"] if old.topic != new.topic else []
    parts += [f"+{name}" for name in after if name not in before]
    parts += [f"-{name}" for name in before if name not in after]
    parts += [f"{name}: {before[name]} -> {after[name]}" for name in before if name in after
              and before[name] != after[name]]
    old_required, new_required = sorted(old.payload.get("required", [])), sorted(new.payload.get("required", []))
    if old_required != new_required:
        parts.append(f"required: {old_required} -> {new_required}")
    return "; ".join(parts) or "changed"


def rewritten(on_disk: dict[str, Contract], committed: dict[str, Committed]) -> list[str]:
    """Contract files changed (or removed) since the commit that first added them."""
    problems = []
    for path, first in sorted(committed.items()):
        original = Contract.from_document(first.document)
        current = on_disk.get(path)
        if current is None:
            problems.append(f"{path} was removed; it was published in {first.commit[:10]}: restore it.")
        elif meaning(current.document()) != meaning(first.document):
            problems.append(f"{path} changed since it was published in {first.commit[:10]} "
                            f"({_difference(original, current)}). Restore it "
                            f"(git checkout {first.commit[:10]} -- docs/contracts/{path}). {_new_version(original)}")
    return problems


def _envelope(contract: Contract, payload: dict[str, Any]) -> Envelope:
    return Envelope(type=contract.event_type, version=contract.version, tenant_id="demo-univ",
                    aggregate_id="contract-sample", aggregate_version=1, payload=payload)


def missing_upcasts(producer: Producer, on_disk: dict[str, Contract]) -> list[str]:
    """Each older committed version of the producer's events must still read, upcast to its
    newest version: sample payloads of the old contract go through the producer's registry."""
    problems: list[str] = []
    for path, contract in sorted(on_disk.items()):
        registry = producer.registry
        if contract.producer != producer.service or contract.event_type not in registry.event_types:
            continue
        newest = registry.latest_version(contract.event_type)
        if contract.version >= newest:
            continue
        for shape, payload in _samples(contract, problems):
            try:
                registry.read(_envelope(contract, payload))
            except UNREADABLE as error:
                problems.append(f"{path} ({shape}) does not upcast to v{newest}: {error}. Register upcasters "
                                f"from v{contract.version} to v{newest} (EventRegistry.upcaster) in "
                                f"{producer.service}.")
                break
    return problems


def _samples(contract: Contract, problems: list[str]) -> list[tuple[str, dict[str, Any]]]:
    try:
        return list(payloads(contract.payload))
    except NoSample as error:
        problems.append(f"{contract.path}: {error}")
        return []


def unreadable(consumer: Consumer, on_disk: dict[str, Contract]) -> list[str]:
    """What the consumer hears must read from every payload the producer's newest contract
    allows (with a field the consumer does not know), and each field the consumer requires
    must be one the producer always sends."""
    problems: list[str] = []
    contracts = latest(on_disk)
    reader = consumer.reader
    for event_type in sorted(reader.event_types):
        contract = contracts.get(event_type)
        if contract is None:
            problems.append(f"{consumer.service} hears {event_type}, which no contract under docs/contracts/ "
                            "publishes.")
            continue
        known = reader.registry.latest_version(event_type)
        if known < contract.version:
            problems.append(f"{consumer.service} reads {event_type} up to v{known}, but {contract.producer} "
                            f"publishes v{contract.version} ({contract.path}): teach {consumer.service} "
                            f"v{contract.version} (its schema, and upcasters from v{known}) before it ships.")
            continue
        problems += _required_but_not_sent(consumer, contract, known)
        for shape, payload in _samples(contract, problems):
            try:
                event = reader.read(_envelope(contract, {**payload, UNKNOWN_FIELD: "ignored"}))
            except UNREADABLE as error:
                problems.append(f"{consumer.service} cannot read {contract.path} ({shape}): {error}")
                continue
            if event is None:
                problems.append(f"{consumer.service} read nothing from {contract.path} ({shape}).")
    return problems


def _required_but_not_sent(consumer: Consumer, contract: Contract, version: int) -> list[str]:
    schema = consumer.reader.registry.schema(contract.event_type, version)
    sent = contract.payload.get("properties", {})
    always = set(contract.payload.get("required", [])) | {name for name, prop in sent.items() if "default" in prop}
    problems = []
    for name, declared in schema.fields.items():
        key = declared.data_key or name
        if declared.required and key not in always:
            reason = "does not send it" if key not in sent else "may leave it out"
            problems.append(f"{consumer.service} requires {key} in {contract.event_type}, but "
                            f"{contract.producer} {reason} ({contract.path}): make it optional with a default "
                            "in the consumer, or have the producer send it in a new version.")
    return problems
