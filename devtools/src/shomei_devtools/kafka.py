"""Apache Kafka in KRaft mode (one combined broker and controller), run on the JDK.

The broker is the `org.apache.kafka:kafka_2.13` artifact and its runtime dependencies from Maven
Central, pinned in infra/kafka/pom.xml and copied once into a cache that outlives clones.

It runs as in production: clients authenticate with SASL/SCRAM-SHA-512 (over TLS when `tls` is
given), the StandardAuthorizer allows only what the ACLs say, and each service is its own user
(docs/adr/0020-kafka-authentication-and-acls.md). Passwords are generated per data directory and
kept in files beside it (`users/<name>`, mode 0600); nothing derives them from a name.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.admin import ScramMechanism, UserScramCredentialUpsertion

from shomei_devtools.paths import cache_dir, project_root, written_once
from shomei_devtools.process import port_open, stop, wait_until
from shomei_devtools.system import ensure_command
from shomei_shared.kafka_net import KafkaConnection, client_config

# The tooling's super user (topics, users, ACLs, test helpers), a SCRAM user like the services'.
SUPER_USER = "shomei-tooling"
# The broker's own principal on the controller listener (SASL/PLAIN: KRaft cannot check SCRAM
# there, the credentials live in the metadata the controller serves). Loopback only.
CONTROLLER_USER = "controller"
MECHANISM = "SCRAM-SHA-512"

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


def ensure_password(directory: Path, user: str) -> str:
    """The user's password in `directory`, made once (random) by whichever process asks first."""
    return written_once(directory / user, lambda: secrets.token_urlsafe(24)).strip()


@dataclass(frozen=True)
class BrokerTls:
    """The client listener's certificate: `keystore` holds the PEM key and chain, `ca_file` the CA."""

    keystore: Path
    ca_file: Path


@dataclass
class LocalKafka:
    data_dir: Path
    port: int
    controller_port: int
    heap: str = "512m"
    tls: BrokerTls | None = None
    # Where clients reach it, and where it listens: loopback locally; in the compose file the
    # container's name, on every interface of the container.
    host: str = "127.0.0.1"
    bind_host: str = "127.0.0.1"
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def users_dir(self) -> Path:
        return self.data_dir / "users"

    def password(self, user: str) -> str:
        return ensure_password(self.users_dir, user)

    def connection(self, user: str) -> KafkaConnection:
        """How `user` reaches this broker (its password generated on first use)."""
        return KafkaConnection(self.bootstrap, "SASL_SSL" if self.tls else "SASL_PLAINTEXT", MECHANISM, user,
                               self.password(user), str(self.tls.ca_file) if self.tls else "")

    @property
    def admin(self) -> KafkaConnection:
        """The tooling's super user."""
        return self.connection(SUPER_USER)

    def _security(self) -> list[str]:
        tooling, controller = self.password(SUPER_USER), self.password(CONTROLLER_USER)
        client_protocol = "SASL_SSL" if self.tls else "SASL_PLAINTEXT"
        lines = [
            f"listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,CLIENT:{client_protocol}",
            "sasl.mechanism.controller.protocol=PLAIN",
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
            f' required username="{CONTROLLER_USER}" password="{controller}" user_{CONTROLLER_USER}="{controller}";',
            f"sasl.mechanism.inter.broker.protocol={MECHANISM}",
            f"listener.name.client.sasl.enabled.mechanisms={MECHANISM}",
            f"listener.name.client.{MECHANISM.lower()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
            f' required username="{SUPER_USER}" password="{tooling}";',
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            f"super.users=User:{SUPER_USER};User:{CONTROLLER_USER}",
            "allow.everyone.if.no.acl.found=false",
        ]
        if self.tls:
            lines += [
                "listener.name.client.ssl.keystore.type=PEM",
                f"listener.name.client.ssl.keystore.location={self.tls.keystore}",
                "listener.name.client.ssl.truststore.type=PEM",
                f"listener.name.client.ssl.truststore.location={self.tls.ca_file}",
                # The broker reaches itself over this listener too, and checks the name as clients do.
                "listener.name.client.ssl.endpoint.identification.algorithm=https",
            ]
        return lines

    def properties(self) -> str:
        return "\n".join([
            "process.roles=broker,controller",
            "node.id=1",
            f"controller.quorum.voters=1@127.0.0.1:{self.controller_port}",
            f"listeners=CLIENT://{self.bind_host}:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            f"advertised.listeners=CLIENT://{self.host}:{self.port}",
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=CLIENT",
            *self._security(),
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
        """Write the configuration and format the storage once (KRaft needs a cluster id).

        The super user's SCRAM credential is written into the metadata at format time
        (`--add-scram`): without it nobody could log in to create the others."""
        formatted = (self.data_dir / "data" / "meta.properties").exists()
        # Written once the super user is in the metadata; a password file alone proves nothing,
        # since any process of the run may ask for (and so create) it before the broker starts.
        marker = self.data_dir / "scram-bootstrapped"
        if formatted and not marker.exists():
            # A local broker's data from before authentication: nobody could ever log in to it.
            print(f"{self.data_dir / 'data'} predates Kafka authentication; formatting it anew", flush=True)
            shutil.rmtree(self.data_dir / "data")
            formatted = False
        config = self.write_config()
        if not formatted:
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
            scram = f"{MECHANISM}=[name={SUPER_USER},password={self.password(SUPER_USER)}]"
            subprocess.run(
                # "=" form: a random id may start with "-", which would read as an option.
                self._java("kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}", "-c", str(config),
                           "--add-scram", scram),
                check=True, stdout=subprocess.DEVNULL,
            )
            marker.touch()
        return config

    def write_config(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        config = self.data_dir / "server.properties"
        config.touch()
        config.chmod(0o600)  # it holds passwords
        config.write_text(self.properties())
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
        admin = KafkaAdminClient(**client_config(self.admin), request_timeout_ms=3000)
        try:
            admin.describe_cluster()
            return True
        finally:
            admin.close()

    def provision_users(self, users: list[str]) -> None:
        """Give each user its SCRAM credential (again: a changed password file takes effect)."""
        admin = KafkaAdminClient(**client_config(self.admin), request_timeout_ms=15000)
        try:
            errors = admin.alter_user_scram_credentials([
                UserScramCredentialUpsertion(user, ScramMechanism.SCRAM_SHA_512, self.password(user))
                for user in users
            ])
        finally:
            admin.close()
        failed = {user: error for user, error in errors.items() if error}
        if failed:
            raise RuntimeError(f"Kafka refused SCRAM users: {failed}")

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
