"""The jobs process killed with SIGKILL between a provider's answer and our commit, then started
again (issue 10, ADR 0032): each document ends up under exactly one working number, the upload the
dead process never recorded is withdrawn at the provider, one PrintReservationIssued. The process
is the real one (`python -m shomei_print_gateway.entrypoints.jobs`), reading enrollment's record
endpoint over HTTP (served here as the endpoint is specified) and uploading to the simulator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask, jsonify
from sqlalchemy import Engine

from shomei_devtools.trust import session_trust
from shomei_print_gateway.service_layer.ports import PrintGatewayUnitOfWork
from shomei_shared.clock import FakeClock
from shomei_shared.service import Service
from shomei_simulators.testing import Served, wait_for

from .conftest import NETPRINT_KEY, Sim, events, place

RECORD = {"record": {
    "student_number": "L08001", "name_kanji": "佐藤 花子", "name_romaji": "SATO Hanako", "birth_date": "2000-05-01",
    "status": "卒業", "programme": "学部", "faculty_ja": "文学部", "faculty_en": "Faculty of Letters",
    "department_ja": "史学科", "department_en": "History", "degree_ja": "学士（文学）", "degree_en": "Bachelor of Arts",
    "admitted_on": "2018-04-01", "graduated_on": "2022-03-25", "withdrawn_on": None, "expected_graduation_on": None,
    "courses": [], "total_credits": "124", "gpa": None},
    "issuer": {"tenant_id": "demo-univ", "university_ja": "証明大学", "university_en": "Shomei University",
               "president_title_ja": "学長", "president_title_en": "President", "president_name_ja": "山田 一郎",
               "president_name_en": "Ichiro Yamada", "seal_png_base64": None}}


@pytest.fixture
def enrollment() -> Iterator[str]:
    """Enrollment's record endpoint as agreed: the record of an approved number of that account, else 404."""
    app = Flask(__name__)

    @app.get("/internal/tenants/<tenant>/accounts/<account>/records/<number>")
    def record(tenant: str, account: str, number: str) -> Any:
        if (tenant, account, number) != ("demo-univ", "account-1", "L08001"):
            return jsonify(code="record_not_found"), 404
        return jsonify(RECORD)

    served = Served(app)
    yield served.url
    served.stop()


def jobs(db_url: str, enrollment: str, sim: Sim, crash_at: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, **session_trust().env("print-gateway"), "SHOMEI_ENVIRONMENT": "test",
           "SHOMEI_DATABASE_URL": db_url, "SHOMEI_ENROLLMENT_URL": enrollment, "SHOMEI_NETPRINT_URL": sim.url,
           "SHOMEI_NETPRINT_API_KEY": NETPRINT_KEY, "SHOMEI_JOBS_INTERVAL_S": "0.1", "SHOMEI_SUBMIT_LEASE_S": "0.5",
           "SHOMEI_TEST_CRASH_POINT": crash_at}
    return subprocess.Popen([sys.executable, "-m", "shomei_print_gateway.entrypoints.jobs"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_killed_between_upload_and_commit_restarted_one_number_per_document_and_the_orphan_withdrawn(
        service: Service[PrintGatewayUnitOfWork], clock: FakeClock, engine: Engine, db_url: str, enrollment: str,
        netprint_sim: Sim) -> None:
    order_id = place(service, clock)

    dying = jobs(db_url, enrollment, netprint_sim, crash_at="after_upload")
    output, _ = dying.communicate(timeout=120)
    assert dying.returncode == -signal.SIGKILL, output
    [orphan] = netprint_sim.active()  # at the provider, unknown to our database
    assert events(engine, order_id) == []

    again = jobs(db_url, enrollment, netprint_sim)
    try:
        wait_for(lambda: events(engine, order_id), 120)
    finally:
        again.send_signal(signal.SIGTERM)
        again.communicate(timeout=60)

    [issued] = events(engine, order_id)
    assert issued["type"] == "PrintReservationIssued"
    numbers = [r["number"] for r in issued["payload"]["reservations"]]
    assert len(numbers) == 3 and len(set(numbers)) == 3
    assert sorted(u["number"] for u in netprint_sim.active()) == sorted(numbers)
    uploads = {u["number"]: u for u in netprint_sim.get("/_sim/uploads")}
    assert orphan["number"] not in numbers and uploads[orphan["number"]]["state"] == "deleted"
