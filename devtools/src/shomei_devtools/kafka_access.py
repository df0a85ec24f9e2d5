"""Who may write and read which topics: derived from what the services already declare.

- A service writes the topics of its own `services/<name>/topics.txt` (its aggregates' topics
  and its consumer group's dead-letter topic), and nothing else.
- A service reads what its consumer entrypoint, `shomei_<name>.entrypoints.consumer`, names in
  `TOPICS`, as the group it names in `GROUP` (also `GROUP.*`), and its dead-letter topic.
- A service without either (gateway, admin) still has a user, with no permission at all.
Shared topics in infra/topics.txt belong to no service: only the tooling's super user uses them.

`acls()` turns this into Kafka ACLs; `sync_acls` makes the broker hold exactly those for the
services' users. See docs/adr/0020-kafka-authentication-and-acls.md.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.admin import (
    ACL,
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    ResourcePattern,
    ResourcePatternFilter,
    ResourceType,
)

from shomei_devtools.config import service_names
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.paths import project_root
from shomei_devtools.topics import TopicSpec, ensure_topics, read_topic_file
from shomei_shared.consumer.dead_letters import dead_letter_topic
from shomei_shared.kafka_net import client_config

ANY_HOST = "*"


@dataclass(frozen=True)
class ServiceAccess:
    service: str
    produces: tuple[str, ...] = ()
    group: str | None = None
    consumes: tuple[str, ...] = ()

    @property
    def principal(self) -> str:
        return f"User:{self.service}"

    @property
    def reads(self) -> tuple[str, ...]:
        """What it consumes, and its dead letters (`shomei-dlq list` as the service)."""
        if self.group is None:
            return self.consumes
        return (*self.consumes, dead_letter_topic(self.group))


def consumer_declaration(service: str) -> tuple[str | None, tuple[str, ...]]:
    """(GROUP, TOPICS) of the service's consumer entrypoint, or (None, ()) when it has none."""
    name = f"shomei_{service.replace('-', '_')}.entrypoints.consumer"
    parts = name.split(".")
    for depth in range(1, len(parts) + 1):
        if importlib.util.find_spec(".".join(parts[:depth])) is None:
            return None, ()
    module = importlib.import_module(name)
    topics = tuple(getattr(module, "TOPICS", ()))
    return (getattr(module, "GROUP", None) if topics else None), topics


def declared_access(root: Path | None = None) -> list[ServiceAccess]:
    base = root or project_root()
    found = []
    for service in service_names(base):
        topic_file = base / "services" / service / "topics.txt"
        produces = tuple(spec.name for spec in read_topic_file(topic_file)) if topic_file.exists() else ()
        group, consumes = consumer_declaration(service)
        found.append(ServiceAccess(service, produces, group, consumes))
    return found


def _allow(principal: str, operation: ACLOperation, kind: ResourceType, name: str,
           pattern: ACLResourcePatternType = ACLResourcePatternType.LITERAL) -> ACL:
    return ACL(principal, ANY_HOST, operation, ACLPermissionType.ALLOW, ResourcePattern(kind, name, pattern))


def acls(access: Iterable[ServiceAccess]) -> list[ACL]:
    """Write (which implies describe) on its topics; read on what it reads; its group only.

    Since Kafka 3.0 an idempotent producer needs no IdempotentWrite on the cluster: Write on a
    topic is enough (KIP-679), so no service holds any cluster permission."""
    found = []
    for item in access:
        found += [_allow(item.principal, ACLOperation.WRITE, ResourceType.TOPIC, t) for t in item.produces]
        found += [_allow(item.principal, ACLOperation.READ, ResourceType.TOPIC, t) for t in item.reads]
        if item.group is not None:
            # The group itself and `<group>.…` (e.g. `<group>.replay`), never another service's.
            found += [_allow(item.principal, ACLOperation.READ, ResourceType.GROUP, item.group),
                      _allow(item.principal, ACLOperation.READ, ResourceType.GROUP, f"{item.group}.",
                             ACLResourcePatternType.PREFIXED)]
    return found


def _key(acl: ACL) -> tuple[object, ...]:
    pattern = acl.resource_pattern
    return (acl.principal, acl.host, acl.operation, acl.permission_type, pattern.resource_type,
            pattern.resource_name, pattern.pattern_type)


def sync_acls(admin: KafkaAdminClient, access: list[ServiceAccess]) -> None:
    """Make the broker hold exactly the declared ACLs for these users: missing ones are added,
    ones no longer declared (a topic a service stopped consuming) are removed."""
    wanted = {_key(acl): acl for acl in acls(access)}
    for item in access:
        everything = ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY)
        held, _error = admin.describe_acls(ACLFilter(item.principal, None, ACLOperation.ANY,
                                                     ACLPermissionType.ANY, everything))
        stale = [acl for acl in held if _key(acl) not in wanted]
        if stale:
            admin.delete_acls(stale)
        for acl in held:
            wanted.pop(_key(acl), None)
    if wanted:
        result = admin.create_acls(list(wanted.values()))
        if result.get("failed"):
            raise RuntimeError(f"Kafka refused ACLs: {result['failed']}")


def provision_broker(broker: LocalKafka, specs: list[TopicSpec], root: Path | None = None) -> list[str]:
    """Users and ACLs first, then topics: a consumer that waits for its topics finds its
    permissions in place once they exist. Returns the topics created now."""
    access = declared_access(root)
    broker.provision_users([item.service for item in access])
    admin = KafkaAdminClient(**client_config(broker.admin), request_timeout_ms=15000)
    try:
        sync_acls(admin, access)
    finally:
        admin.close()
    return ensure_topics(broker.admin, specs)
