from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, text

from shomei_devtools.dev_secrets import fernet_key
from shomei_enrollment.entrypoints import seed_demo
from shomei_enrollment.entrypoints.migrate import migrate_when_ready

COUNTS = """SELECT (SELECT count(*) FROM universities), (SELECT count(*) FROM faculties),
                   (SELECT count(*) FROM departments), (SELECT count(*) FROM calendar_periods),
                   (SELECT count(*) FROM alumni_records WHERE tenant_id = 'demo-univ')"""


def test_seed_demo_migrates_and_is_idempotent(new_database: Callable[[str], str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    url = new_database("enrollment_seed")
    monkeypatch.setenv("SHOMEI_DATABASE_URL", url)
    monkeypatch.setenv("SHOMEI_ENVIRONMENT", "test")
    monkeypatch.setenv("SHOMEI_SECRET_SEAL_KEY", fernet_key())
    seed_demo.main()
    engine = create_engine(url)
    with engine.connect() as conn:
        first = tuple(conn.execute(text(COUNTS)).one())
        name = conn.scalar(text("SELECT name_en FROM universities WHERE code = 'shomei'"))
    seed_demo.main()
    with engine.connect() as conn:
        assert tuple(conn.execute(text(COUNTS)).one()) == first == (3, 6, 8, 27, 4)
        profiles = conn.execute(text("SELECT tenant_id, name_en, accent, logo_version FROM tenant_profiles"
                                     " ORDER BY tenant_id")).all()
        changes = conn.scalar(text("SELECT count(*) FROM events WHERE type = 'TenantProfileChanged'"))
    assert name == "Shomei University"
    # Two universities, each with its look; seeding again changes (and records) nothing.
    assert [tuple(p) for p in profiles] == [("demo-univ", "Shomei University", "#0b5394", 0),
                                           ("sakura-univ", "Ohka University", "#8a1538", 1)]
    assert changes == 2
    engine.dispose()


def test_processes_migrating_at_once_take_turns(new_database: Callable[[str], str]) -> None:
    url = new_database("enrollment_race")
    failures: list[BaseException] = []

    def run() -> None:
        try:
            migrate_when_ready(url, timeout_s=30)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0005"
    engine.dispose()
