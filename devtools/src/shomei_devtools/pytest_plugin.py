"""Pytest fixtures for real infrastructure: each test session starts its own PostgreSQL, Kafka
and Redis on free ports under .local/test/, and stops them at the end. Nothing starts unless a test
asks for it, so unit tests stay fast.

The broker authenticates and authorises as `make run`'s does, with passwords of this session:
`kafka_admin` is the tooling's super user (any topic, any group), `kafka_user(service)` a
service's own user with exactly the ACLs it has in production."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from shomei_devtools.config import topic_files
from shomei_devtools.fonts import FONTS, ipaex
from shomei_devtools.kafka import LocalKafka
from shomei_devtools.kafka_access import provision_broker
from shomei_devtools.paths import local_dir
from shomei_devtools.postgres import LocalPostgres
from shomei_devtools.process import free_port
from shomei_devtools.redis_server import LocalRedis
from shomei_devtools.topics import TopicSpec, ensure_topics, read_topic_file
from shomei_shared.kafka_net import KafkaConnection


@pytest.fixture(scope="session")
def infra_dir() -> Iterator[Path]:
    path = local_dir() / "test" / f"session-{os.getpid()}"
    path.mkdir(parents=True, exist_ok=True)
    yield path
    if os.environ.get("SHOMEI_KEEP_TEST_DATA") != "1":
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server(infra_dir: Path) -> Iterator[LocalPostgres]:
    server = LocalPostgres(infra_dir / "postgres", free_port(), durable=False)
    server.start(log=infra_dir / "postgres.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def kafka_server(infra_dir: Path) -> Iterator[LocalKafka]:
    broker = LocalKafka(infra_dir / "kafka", free_port(), free_port())
    broker.start(log=infra_dir / "kafka.log")
    # The services' users, ACLs and topics, as `make run` has them.
    provision_broker(broker, [spec for path in topic_files() for spec in read_topic_file(path)])
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def kafka_admin(kafka_server: LocalKafka) -> KafkaConnection:
    """The tooling's super user: for test helpers that write or read any topic."""
    return kafka_server.admin


@pytest.fixture(scope="session")
def kafka_user(kafka_server: LocalKafka) -> Callable[[str], KafkaConnection]:
    """`kafka_user("identity")`: a service's own credentials, held to its ACLs."""
    return kafka_server.connection


@pytest.fixture(scope="session")
def redis_server(infra_dir: Path) -> Iterator[LocalRedis]:
    server = LocalRedis(infra_dir / "redis", free_port())
    server.start(log=infra_dir / "redis.log")
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: LocalRedis) -> str:
    """The session's Redis, emptied: each test starts without another's counters."""
    redis_server.flush()
    return redis_server.url()


@pytest.fixture(scope="session")
def ipaex_fonts() -> dict[str, Path]:
    """IPAex Mincho and Gothic, installed from Debian on first use (seals and certificates)."""
    return {kind: ipaex(kind) for kind in FONTS}


@pytest.fixture
def new_database(postgres_server: LocalPostgres) -> Callable[[str], str]:
    """Create a fresh database; returns its SQLAlchemy URL."""

    def create(prefix: str = "test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        postgres_server.create_database(name)
        return postgres_server.url(name)

    return create


@pytest.fixture
def new_topic(kafka_server: LocalKafka) -> Callable[..., str]:
    """Create a fresh topic (3 partitions unless told); returns its name."""

    def create(prefix: str = "test", partitions: int = 3, name: str | None = None) -> str:
        topic = name or f"{prefix}.{uuid.uuid4().hex[:10]}"
        ensure_topics(kafka_server.admin, [TopicSpec(topic, partitions)])
        return topic

    return create


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (one per session)."""
    from playwright.sync_api import sync_playwright

    from shomei_devtools.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def accessibility_violations() -> Callable[[Any], list[dict[str, Any]]]:
    """`check(page)` → axe-core violations of impact serious or critical on the current page."""
    from shomei_devtools.browser import axe_script

    source = axe_script().read_text()

    def check(page: Any) -> list[dict[str, Any]]:
        # evaluate() rather than a <script> tag: the page's Content-Security-Policy rightly
        # forbids inline scripts, and the check must not weaken what it checks.
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")
        ]

    return check
