"""Apache Kafka in KRaft mode (one combined broker and controller), run on the JDK.

The broker is the `org.apache.kafka:kafka_2.13` artifact and its runtime dependencies from Maven
Central, pinned in infra/kafka/pom.xml and copied once into a cache that outlives clones.
"""

from __future__ import annotations

import base64
import hashlib
import re
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaAdminClient

from shomei_devtools.paths import cache_dir, project_root
from shomei_devtools.process import port_open, stop, wait_until
from shomei_devtools.system import ensure_command

POM = project_root() / "infra" / "kafka" / "pom.xml"
LOG4J_CONFIG = project_root() / "infra" / "kafka" / "log4j2.properties"


def kafka_version() -> str:
    match = re.search(r"<kafka.version>([^<]+)</kafka.version>", POM.read_text())
    if match is None:
        raise RuntimeError(f"no <kafka.version> in {POM}")
    return match.group(1)


def classpath_dir() -> Path:
    """Jars for the pinned pom, fetched with Maven the first time (keyed by the pom's content)."""
    digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:12]
    libs = cache_dir() / f"kafka-{kafka_version()}-{digest}" / "libs"
    if (libs / ".complete").exists():
        return libs
    ensure_command("java", "openjdk-17-jre-headless")
    mvn = ensure_command("mvn", "maven")
    print(f"fetching Apache Kafka {kafka_version()} from Maven Central into {libs}", flush=True)
    libs.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
         f"-DoutputDirectory={libs}", "-DincludeScope=runtime"],
        check=True,
    )
    (libs / ".complete").touch()
    return libs


@dataclass
class LocalKafka:
    data_dir: Path
    port: int
    controller_port: int
    heap: str = "512m"
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def properties(self) -> str:
        return "\n".join([
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{self.controller_port}",
            f"listeners=PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            f"advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            f"log.dirs={self.data_dir / 'data'}",
            "num.partitions=3",
            # Topics are created on purpose at start-up, never as a side effect of producing.
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=3",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "",
        ])

    def _java(self, main_class: str, *args: str) -> list[str]:
        return [
            ensure_command("java", "openjdk-17-jre-headless"),
            f"-Xmx{self.heap}", f"-Xms{self.heap}", "-XX:+UseG1GC", "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
            f"-Dkafka.logs.dir={self.data_dir / 'logs'}",
            "-cp", f"{classpath_dir()}/*",
            main_class, *args,
        ]

    def initialise(self) -> Path:
        """Write the configuration and format the storage once (KRaft needs a cluster id)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "server.properties"
        config.write_text(self.properties())
        if not (self.data_dir / "data" / "meta.properties").exists():
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
            subprocess.run(
                # "=" form: a random id may start with "-", which would read as an option.
                self._java("kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}", "-c", str(config)),
                check=True, stdout=subprocess.DEVNULL,
            )
        return config

    def command(self) -> list[str]:
        return self._java("kafka.Kafka", str(self.initialise()))

    def spawn(self, log: Path | None = None) -> subprocess.Popen[bytes]:
        """Start the broker as a child; its console goes to `log`, or to our stderr."""
        for port in (self.port, self.controller_port):
            if port_open(port):
                raise RuntimeError(f"port {port} is taken; choose others with SHOMEI_KAFKA_PORT")
        output = open(log, "ab") if log is not None else None  # noqa: SIM115 - the child owns it
        return subprocess.Popen(self.command(), stdout=output, stderr=output)

    def start(self, log: Path | None = None) -> None:
        self.process = self.spawn(log)
        wait_until(self.ready, timeout=120, what="Kafka", process=self.process, interval=0.5)

    def ready(self) -> bool:
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=3000)
        try:
            admin.describe_cluster()
            return True
        finally:
            admin.close()

    def stop(self) -> None:
        if self.process is not None:
            # SIGTERM is a controlled shutdown: logs are flushed and closed cleanly.
            stop(self.process, signal.SIGTERM, timeout=60, what="Kafka")
            self.process = None

    def kill(self) -> None:
        """Crash the broker (SIGKILL), for failure tests."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
