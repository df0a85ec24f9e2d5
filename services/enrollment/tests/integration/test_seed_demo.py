from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, text

from shomei_devtools.dev_secrets import fernet_key
from shomei_enrollment.entrypoints import seed_demo
from shomei_enrollment.entrypoints.migrate import migrate_when_ready

COUNTS = """SELECT (SELECT count(*) FROM universities), (SELECT count(*) FROM faculties),
                   (SELECT count(*) FROM departments), (SELECT count(*) FROM calendar_periods),
                   (SELECT count(*) FROM alumni_records WHERE tenant_id = 'demo-univ')"""


def test_seed_demo_migrates_and_is_idempotent(new_database: Callable[[str], str], monkeypatch: pytest.MonkeyPatch,
                                              ipaex_fonts: dict[str, Path]) -> None:
    url = new_database("enrollment_seed")
    monkeypatch.setenv("SHOMEI_DEMO_SEAL_FONT", str(ipaex_fonts["mincho"]))
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
    with engine.connect() as conn:
        # Every demo alumnus has an academic record from the sample files, with courses.
        records = conn.execute(text("SELECT r.tenant_id, r.student_number, count(c.position) FROM academic_records r"
                                    " LEFT JOIN academic_courses c ON c.record_id = r.id GROUP BY r.id"
                                    " ORDER BY 1, 2")).all()
        seals = conn.execute(text("SELECT tenant_id, content FROM tenant_seals ORDER BY tenant_id")).all()
        presidents = conn.scalars(text("SELECT president_name_en FROM tenant_profiles ORDER BY tenant_id")).all()
        versions = conn.scalar(text("SELECT count(*) FROM events WHERE type = 'AcademicRecordReplaced'"))
    assert [(r[0], r[1]) for r in records] == [
        ("demo-univ", "C11003"), ("demo-univ", "E10042"), ("demo-univ", "G14007"), ("demo-univ", "L08001"),
        ("sakura-univ", "ED1501"), ("sakura-univ", "NS1702")]
    assert all(r[2] >= 4 for r in records) and dict((r[1], r[2]) for r in records)["L08001"] > 30
    assert versions == 6  # seeding twice made no second version
    assert [s[0] for s in seals] == ["demo-univ", "sakura-univ"]
    for _, content in seals:
        image = Image.open(io.BytesIO(content))
        red, green, _blue, alpha = image.convert("RGBA").getpixel((10, image.height // 2))
        assert image.format == "PNG" and red > 150 and green < 80 and alpha == 255  # the red border
    assert presidents == ["Ichiro Shomei", "Hanako Sakurai"]
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
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "0007"
    engine.dispose()
