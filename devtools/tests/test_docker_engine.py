"""The smoke test's engine says why it cannot start, rather than letting the test skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from shomei_devtools import docker_engine
from shomei_devtools.docker_engine import EngineUnavailable, LocalDockerEngine, base_image_tag


def test_without_root_the_engine_is_unavailable_and_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docker_engine.os, "geteuid", lambda: 1000)
    with pytest.raises(EngineUnavailable, match="needs root"):
        LocalDockerEngine(tmp_path).start()


def test_an_engine_that_cannot_be_installed_is_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(command: str, package: str) -> str:
        raise RuntimeError(f"{command} is still missing after installing {package}")

    monkeypatch.setattr(docker_engine, "ensure_command", refuse)
    with pytest.raises(EngineUnavailable, match=r"docker\.io"):
        LocalDockerEngine(tmp_path).start()


def test_the_base_image_is_named_after_what_it_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    before = base_image_tag()
    monkeypatch.setattr(docker_engine, "BASE_PACKAGES", (*docker_engine.BASE_PACKAGES, "curl"))
    assert base_image_tag() != before and before.startswith("shomei-local/base:bookworm-")


def test_the_engine_lives_under_its_own_root(tmp_path: Path) -> None:
    engine = LocalDockerEngine(tmp_path)
    env = engine.env()
    assert env["DOCKER_HOST"] == f"unix://{tmp_path / 'docker.sock'}"
    assert env["TESTCONTAINERS_RYUK_DISABLED"] == "true"
    assert env["PATH"].startswith("/usr/bin:")
