from __future__ import annotations

from pathlib import Path

import pytest

from shomei_devtools.config import RunConfig, database_name, service_names, topic_files
from shomei_devtools.kafka import ensure_password
from shomei_devtools.topics import TopicSpec, read_topic_file


def test_topic_file_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "topics.txt"
    path.write_text("# shared\nidentity.account 3  # accounts\n\ndlq.notifier 1\n")
    assert read_topic_file(path) == [TopicSpec("identity.account", 3), TopicSpec("dlq.notifier", 1)]


def test_topic_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "topics.txt"
    path.write_text("ok.topic 3\nbroken\n")
    with pytest.raises(ValueError, match=r"topics.txt:2"):
        read_topic_file(path)


def test_each_service_folder_gets_a_database_and_its_topics(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "topics.txt").write_text("")
    for name in ("print-gateway", "identity"):
        (tmp_path / "services" / name).mkdir(parents=True)
        (tmp_path / "services" / name / "pyproject.toml").write_text("")
    (tmp_path / "services" / "identity" / "topics.txt").write_text("identity.account 3\n")
    (tmp_path / "services" / "notes").mkdir()  # not a package: not a service
    assert service_names(tmp_path) == ["identity", "print-gateway"]
    assert database_name("print-gateway") == "print_gateway"
    assert [p.relative_to(tmp_path).as_posix() for p in topic_files(tmp_path)] == [
        "infra/topics.txt", "services/identity/topics.txt"]


def test_ports_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOMEI_PG_PORT", "5x")
    with pytest.raises(SystemExit, match="SHOMEI_PG_PORT"):
        RunConfig.from_env()
    monkeypatch.setenv("SHOMEI_PG_PORT", "61000")
    assert RunConfig.from_env().pg_port == 61000


def test_the_ready_banner_gives_each_university_its_applicant_site_and_console() -> None:
    from shomei_devtools.cli import tenant_sites

    lines = tenant_sites({"gateway": "http://127.0.0.1:58080", "admin": "http://127.0.0.1:58081"},
                         ["demo-univ", "sakura-univ"])
    assert lines[1].split() == ["sakura-univ", "applicants", "http://127.0.0.1:58080/sakura-univ/",
                                "staff", "http://127.0.0.1:58081/sakura-univ/"]


def test_kafka_passwords_are_random_private_and_made_once(tmp_path: Path) -> None:
    first = ensure_password(tmp_path / "a", "identity")
    assert ensure_password(tmp_path / "a", "identity") == first  # every process of the run reads the same
    assert ensure_password(tmp_path / "b", "identity") != first  # never derived from the name
    assert ensure_password(tmp_path / "a", "notifier") != first
    assert len(first) >= 32
    assert (tmp_path / "a" / "identity").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["identity", "notifier"]  # no drafts left
