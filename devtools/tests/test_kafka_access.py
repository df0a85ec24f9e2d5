"""The ACLs follow from what the services declare: topics.txt (what a service writes) and its
consumer entrypoint (GROUP, TOPICS: what it reads). Checked here without a broker; the broker
enforcing them is tests/integration/test_kafka_trust_boundaries.py."""

from __future__ import annotations

from collections import defaultdict

from kafka.admin import ACLOperation, ACLResourcePatternType, ResourceType

from shomei_devtools.kafka_access import acls, consumer_declaration, declared_access
from shomei_notifier.bootstrap import CONSUMED_TOPICS, CONSUMER_GROUP


def holders() -> dict[tuple[ACLOperation, ResourceType, str, ACLResourcePatternType], set[str]]:
    found: dict[tuple[ACLOperation, ResourceType, str, ACLResourcePatternType], set[str]] = defaultdict(set)
    for acl in acls(declared_access()):
        pattern = acl.resource_pattern
        found[(acl.operation, pattern.resource_type, pattern.resource_name, pattern.pattern_type)].add(
            acl.principal.removeprefix("User:"))
    return found


def test_only_enrollment_writes_applications_and_only_their_consumers_read_them() -> None:
    found = holders()
    literal = ACLResourcePatternType.LITERAL
    assert found[(ACLOperation.WRITE, ResourceType.TOPIC, "enrollment.application", literal)] == {"enrollment"}
    assert found[(ACLOperation.READ, ResourceType.TOPIC, "enrollment.application", literal)] == {"identity", "notifier"}
    assert found[(ACLOperation.WRITE, ResourceType.TOPIC, "identity.account", literal)] == {"identity"}
    assert found[(ACLOperation.READ, ResourceType.TOPIC, "identity.account", literal)] == {"enrollment", "notifier"}


def test_the_notifier_reads_orders_and_payments_for_their_mails_and_writes_neither() -> None:
    found = holders()
    literal = ACLResourcePatternType.LITERAL
    assert found[(ACLOperation.READ, ResourceType.TOPIC, "ordering.order", literal)] == {
        "notifier", "payment", "print-gateway"}
    # print-gateway's numbers are mailed: the notifier reads them; only print-gateway writes them.
    assert found[(ACLOperation.READ, ResourceType.TOPIC, "print-gateway.reservation", literal)] == {"notifier"}
    assert found[(ACLOperation.WRITE, ResourceType.TOPIC, "print-gateway.reservation", literal)] == {
        "print-gateway"}
    assert found[(ACLOperation.READ, ResourceType.TOPIC, "payment.payment", literal)] == {"notifier", "ordering"}
    assert found[(ACLOperation.WRITE, ResourceType.TOPIC, "ordering.order", literal)] == {"ordering"}
    assert found[(ACLOperation.WRITE, ResourceType.TOPIC, "payment.payment", literal)] == {"payment"}


def test_gateway_and_admin_hold_no_kafka_permission_at_all() -> None:
    assert not [acl for acl in acls(declared_access()) if acl.principal in {"User:gateway", "User:admin"}]


def test_each_group_is_its_own_services_and_reads_and_writes_its_dead_letters() -> None:
    found = holders()
    for access in declared_access():
        if access.group is None:
            continue
        assert found[(ACLOperation.READ, ResourceType.GROUP, access.group, ACLResourcePatternType.LITERAL)] == {
            access.service}
        assert found[(ACLOperation.READ, ResourceType.GROUP, f"{access.group}.", ACLResourcePatternType.PREFIXED)] \
            == {access.service}
        dlq = f"dlq.{access.group}"
        assert dlq in access.produces, f"{access.service} must list {dlq} in its topics.txt to dead-letter"
        assert found[(ACLOperation.READ, ResourceType.TOPIC, dlq, ACLResourcePatternType.LITERAL)] == {
            access.service}


def test_every_consumed_topic_is_written_by_exactly_one_service() -> None:
    access = declared_access()
    owners: dict[str, list[str]] = defaultdict(list)
    for item in access:
        for topic in item.produces:
            owners[topic].append(item.service)
    for item in access:
        for topic in item.consumes:
            assert len(owners[topic]) == 1, f"{item.service} consumes {topic}, written by {owners[topic] or 'nobody'}"


def test_the_declaration_is_each_consumer_entrypoints_group_and_topics() -> None:
    assert consumer_declaration("notifier") == (CONSUMER_GROUP, tuple(CONSUMED_TOPICS))
    assert consumer_declaration("identity") == ("identity", ("enrollment.application",))
    assert consumer_declaration("gateway") == (None, ())
    assert {item.service for item in declared_access()} >= {"identity", "enrollment", "notifier", "gateway", "admin"}


def test_no_service_holds_a_cluster_permission() -> None:
    assert not [acl for acl in acls(declared_access()) if acl.resource_pattern.resource_type == ResourceType.CLUSTER]
