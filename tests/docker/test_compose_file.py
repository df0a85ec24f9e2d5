"""docker-compose.yml and the images' entrypoint keep up with the Procfile and the services
(no engine needed; test_compose_smoke.py runs them)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from shomei_devtools.config import database_name, service_names
from shomei_devtools.paths import project_root

ROOT = project_root()


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"])


def procfile_processes() -> list[str]:
    return re.findall(r"^([\w-]+):", (ROOT / "Procfile").read_text(), flags=re.MULTILINE)


def test_every_process_of_make_run_has_a_container_of_the_same_name() -> None:
    # `ready` is make run's banner and staff seeds: compose's seed-staff steps do its work.
    missing = [name for name in procfile_processes() if name != "ready" and name not in compose()]
    assert missing == []


def test_every_service_has_its_image_and_web_process_and_a_database_at_first_start() -> None:
    services = compose()
    init = (ROOT / "infra" / "docker" / "postgres-init.sh").read_text()
    for name in service_names():
        assert services[name]["image"] == f"shomei/{name}"
        assert services[name]["build"]["args"]["SERVICE"] == name
        assert services[name]["command"] == ["web"]
        assert re.search(rf"\b{database_name(name)}\b", init), f"no database for {name} in postgres-init.sh"


def test_every_shomei_container_is_hardened() -> None:
    for name, service in compose().items():
        if str(service.get("image", "")).startswith("shomei/"):
            assert service["read_only"] is True, name
            assert service["tmpfs"] == ["/tmp"], name
            assert service["cap_drop"] == ["ALL"], name
            assert "no-new-privileges:true" in service["security_opt"], name


def test_the_entrypoint_knows_every_process_the_compose_file_asks_for() -> None:
    script = (ROOT / "infra" / "docker" / "shomei-process").read_text()
    for name, service in compose().items():
        if str(service.get("image", "")).startswith("shomei/"):
            assert re.search(rf"(^|[\s|]){re.escape(service['command'][0])}[|)]", script, re.MULTILINE), name
