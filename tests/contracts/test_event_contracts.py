"""Published events hold to their contracts under docs/contracts/ (docs/adr/0017).

Producers and consumers are found by convention (shomei_devtools.contracts.discovery): each
service's `adapters/event_schemas.py` with its function returning an `EventRegistry` (what it
publishes) and its `heard_events()` (what it hears), so a new service is covered without editing
this file. No database and no broker: the schemas, registries and readers are plain objects.

- A producer cannot change a published schema in place: the files must be what the registries
  generate, and a file, once committed, never changes; a change is a new version whose upcasters
  carry every older committed version forward.
- A consumer must read whatever the producer's newest contract allows, fields it does not know
  included, and may require only what the producer always sends.

`python -m shomei_devtools.contracts check` runs the same checks from the command line.
"""

from __future__ import annotations

import pytest

from shomei_devtools.contracts import checks
from shomei_devtools.contracts.discovery import Consumer, Producer, discover
from shomei_devtools.contracts.documents import first_committed, read_contracts

SERVICES = discover()
ON_DISK = read_contracts()


def _explain(problems: list[str]) -> str:
    return "\n".join(problems)


def test_the_convention_finds_every_producer_and_consumer() -> None:
    # Guards the discovery itself: a renamed module must not make every other test vacuous.
    assert {p.service for p in SERVICES.producers} >= {"identity", "enrollment"}
    assert {c.service for c in SERVICES.consumers} >= {"identity", "enrollment", "notifier"}
    assert ON_DISK, "no contract files under docs/contracts/"


def test_contract_files_are_what_the_producers_register() -> None:
    problems = checks.stale(SERVICES, ON_DISK)
    assert not problems, _explain(problems)


def test_a_published_version_never_changes() -> None:
    committed = first_committed()
    if committed is None:
        pytest.skip("not a git checkout: no published versions to compare with")
    problems = checks.rewritten(ON_DISK, committed)
    assert not problems, _explain(problems)


@pytest.mark.parametrize("producer", SERVICES.producers, ids=lambda p: p.service)
def test_every_older_published_version_upcasts_to_the_newest(producer: Producer) -> None:
    problems = checks.missing_upcasts(producer, ON_DISK)
    assert not problems, _explain(problems)


@pytest.mark.parametrize("consumer", SERVICES.consumers, ids=lambda c: c.service)
def test_a_consumer_reads_whatever_the_producer_may_send(consumer: Consumer) -> None:
    problems = checks.unreadable(consumer, ON_DISK)
    assert not problems, _explain(problems)
