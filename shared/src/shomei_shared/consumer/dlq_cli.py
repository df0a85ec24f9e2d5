"""`shomei-dlq`: look at a consumer group's dead letters and replay them.

    shomei-dlq list   --group GROUP   [--bootstrap HOST:PORT]
    shomei-dlq replay --group GROUP   [--bootstrap HOST:PORT]

Replay republishes each dead letter to its original topic (same key, value and message id) and
remembers how far it got under the consumer group `<GROUP>.replay`, so a message is replayed
once. Groups that handled the message before recognise its id and skip it.

The broker is reached as SHOMEI_KAFKA_USERNAME with SHOMEI_KAFKA_PASSWORD (and the other
SHOMEI_KAFKA_* settings). A service's own user may list its dead letters; replay writes to
the original topics, which belong to other services, so it runs as the operator's user
(docs/adr/0020-kafka-authentication-and-acls.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from kafka import KafkaConsumer

from shomei_shared.consumer.dead_letters import dead_letter_topic, to_replay
from shomei_shared.kafka_net import KafkaConnection, client_config
from shomei_shared.outbox.publisher import KafkaPublisher
from shomei_shared.settings import BaseSettings


def _dead_letters(connection: KafkaConnection, group: str, reader_group: str | None) -> KafkaConsumer:
    return KafkaConsumer(
        dead_letter_topic(group),
        **client_config(connection),
        group_id=reader_group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        consumer_timeout_ms=3000,  # the iteration ends once the topic is drained
    )


def list_dead_letters(connection: KafkaConnection, group: str) -> int:
    consumer = _dead_letters(connection, group, None)
    count = 0
    for record in consumer:
        headers = {k: v.decode(errors="replace") for k, v in record.headers or []}
        print(f"{record.offset}\t{headers.get('dlq.original_topic')}\t{headers.get('type', '?')}\t"
              f"{headers.get('message_id', '?')}\t{headers.get('dlq.error', '')}")
        count += 1
    consumer.close()
    return count


def replay(connection: KafkaConnection, group: str) -> int:
    consumer = _dead_letters(connection, group, f"{group}.replay")
    publisher = KafkaPublisher(connection, client_id=f"{group}-dlq-replay")
    count = 0
    try:
        for record in consumer:
            publisher.publish([to_replay(record.key, record.value, list(record.headers or []))])
            consumer.commit()  # after the republish is acknowledged: at least once, never lost
            count += 1
    finally:
        publisher.close()
        consumer.close()
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="shomei-dlq", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["list", "replay"])
    parser.add_argument("--bootstrap", help="instead of SHOMEI_KAFKA_BOOTSTRAP")
    parser.add_argument("--group", required=True)
    args = parser.parse_args(argv)
    connection = BaseSettings.from_env().kafka_connection()
    if args.bootstrap:
        connection = dataclasses.replace(connection, bootstrap=args.bootstrap)
    if args.action == "list":
        print(f"{list_dead_letters(connection, args.group)} dead letter(s)", file=sys.stderr)
    else:
        print(f"replayed {replay(connection, args.group)} dead letter(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
