#!/bin/sh
# The broker of the compose file, in the official apache/kafka image or the smoke test's own
# (tests/docker): KRaft, SASL/SCRAM and ACLs as `shomei-infra kafka` runs it. The `secrets` step
# wrote server.properties and the passwords into the run volume; this formats the storage once
# (with the tooling's SCRAM user in the metadata, or nobody could log in) and starts the broker.
set -eu
dir="${SHOMEI_RUN_DIR:-/run/shomei}/kafka"
libs="${KAFKA_LIBS:-/opt/kafka/libs}"
java="java"
[ -x /opt/java/openjdk/bin/java ] && java=/opt/java/openjdk/bin/java
if [ ! -f "$dir/data/meta.properties" ]; then
  cluster_id="$("$java" -cp "$libs/*" kafka.tools.StorageTool random-uuid)"
  "$java" -cp "$libs/*" kafka.tools.StorageTool format "--cluster-id=$cluster_id" -c "$dir/server.properties" \
    --add-scram "SCRAM-SHA-512=[name=shomei-tooling,password=$(cat "$dir/users/shomei-tooling")]" >/dev/null
fi
exec "$java" "-Xmx${KAFKA_HEAP:-512m}" "-Xms${KAFKA_HEAP:-512m}" -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile=/shomei/log4j2.properties "-Dkafka.logs.dir=$dir/logs" \
  -cp "$libs/*" kafka.Kafka "$dir/server.properties"
