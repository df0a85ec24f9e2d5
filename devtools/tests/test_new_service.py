"""The new-service skeleton without infrastructure: names, the generated folder passing ruff and
its own handler tests, and the wiring outside the folder being idempotent. Its database and web
app are proven in tests/integration/test_new_service_skeleton.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from shomei_devtools.new_service.__main__ import main
from shomei_devtools.new_service.names import Names
from shomei_devtools.new_service.render import render
from shomei_devtools.new_service.wiring import wire
from shomei_devtools.paths import project_root

ROOT = project_root()
# Sorts after shomei_shared, unlike sample-skeleton, so both orders of imports are exercised.
NAME = "trial-service"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    into = tmp_path_factory.mktemp("new-service")
    assert main([NAME, "--into", str(into)]) == 0
    return into / NAME


def test_names_derive_from_the_service_name() -> None:
    names = Names.of("print-gateway")
    assert (names.package, names.database, names.cls, names.env) == (
        "shomei_print_gateway", "print_gateway", "PrintGateway", "PRINT_GATEWAY")
    for bad in ("Print", "print_gateway", "print--gateway", "-print", "9lives", ""):
        with pytest.raises(ValueError):
            Names.of(bad)


def test_the_skeleton_is_never_written_over_an_existing_folder(generated: Path) -> None:
    with pytest.raises(FileExistsError):
        render(Names.of(NAME), generated.parent)


def test_the_generated_service_has_the_conventional_files(generated: Path) -> None:
    package = generated / "src" / "shomei_trial_service"
    expected = ["bootstrap.py", "settings.py", "domain/heard.py", "adapters/event_schemas.py",
                "service_layer/handlers.py", "service_layer/ports.py", "entrypoints/web.py",
                "entrypoints/consumer.py", "entrypoints/migrate.py", "entrypoints/messages.py",
                "entrypoints/api/__init__.py"]
    assert [name for name in expected if not (package / name).is_file()] == []
    assert (generated / "migrations" / "versions" / "0001_trial_service.py").is_file()
    assert "${" not in (generated / "migrations" / "env.py").read_text()
    assert "${message}" in (generated / "migrations" / "script.py.mako").read_text()
    assert (generated / "topics.txt").read_text().split("\n")[:2] == ["trial-service.item 3", "dlq.trial-service 1"]


def test_the_generated_service_passes_ruff(generated: Path) -> None:
    checked = subprocess.run([sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"),
                              str(generated)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_generated_handler_tests_pass(generated: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(generated / "src"), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit"],
                         cwd=generated, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "3 passed" in run.stdout


def test_wiring_adds_the_service_outside_its_folder_once(tmp_path: Path) -> None:
    for name in ("Makefile", "Procfile", "pyproject.toml", "scripts/with-env"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    names = Names.of("print-gateway")

    first = wire(names, tmp_path)
    after_first = {p.name: p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
    second = wire(names, tmp_path)

    assert first.manual == [] and second.changed == [] and second.manual == []
    assert {p.name: p.read_text() for p in tmp_path.rglob("*") if p.is_file()} == after_first
    procfile = after_first["Procfile"]
    assert "\nprint-gateway: scripts/with-env print-gateway sh -c" in procfile
    # On the ready line, after the services already there (whichever the repository has by now).
    [ready] = [line for line in procfile.splitlines() if line.startswith("ready:")]
    assert ready.count("--service print-gateway=$SHOMEI_PRINT_GATEWAY_PORT --tenant") == 1
    assert "export SHOMEI_PRINT_GATEWAY_PORT ?= " in after_first["Makefile"]
    assert "|print-gateway) export SHOMEI_DATABASE_URL=" in after_first["with-env"]
    # The port's default follows the whole export statement, never inside its continuation lines.
    lines = after_first["with-env"].splitlines()
    [at] = [n for n, line in enumerate(lines) if "SHOMEI_PRINT_GATEWAY_PORT:=" in line]
    assert not lines[at - 1].endswith("\\")
    linter = tomllib.loads(after_first["pyproject.toml"])["tool"]["importlinter"]
    assert "shomei_print_gateway" in linter["root_packages"]
    contracts = {c["name"]: c for c in linter["contracts"]}
    assert "shomei_print_gateway" in contracts["Services never import each other"]["modules"]
    assert "shomei_print_gateway.domain" in contracts[
        "Service domains import only the standard library and shomei_shared's messages, errors and clock"
    ]["source_modules"]
    assert contracts["PrintGateway layers"]["layers"][-1] == "shomei_print_gateway.domain"
