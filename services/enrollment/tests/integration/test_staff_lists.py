"""The console's lists on real PostgreSQL: the review queue names the applicant's e-mail and marks
possible duplicates; decided applications are filtered, searched and paged; every list is the
asking tenant's only."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine

from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.entrypoints.demo_tenants import SAKURA
from shomei_shared.clock import FakeClock

from .conftest import AUTH, staff

QUEUE = "/internal/staff/review-queue"
DECIDED = "/internal/staff/decided-applications"


@pytest.fixture
def submit(client: FlaskClient, verified_registration: Callable[..., str],
           form: dict[str, Any]) -> Callable[..., str]:
    def apply(email: str, kanji: str = "証明 太郎", kana: str = "ショウメイ タロウ", born: str = "1990-05-01",
              tenant: str = "demo-univ", student_number: str = "L08001", romaji: str = "Shomei Taro") -> str:
        body = copy.deepcopy(form)
        body["tenant_id"] = tenant
        body["applicant"]["name"] |= {"kanji": kanji, "katakana": kana, "romaji": romaji}
        body["applicant"]["date_of_birth"] = born
        body["applicant"]["enrollment"]["student_number"] = student_number
        if tenant == SAKURA.tenant_id:
            body["applicant"]["enrollment"] |= {"university": "ohka", "faculty": "edu", "department": "elem"}
        registration_id = verified_registration(email=email, tenant_id=tenant)
        answer = client.post(f"/internal/registrations/{registration_id}/application", json=body, headers=AUTH)
        assert answer.status_code == 201, answer.json
        return str(answer.json["application_id"])

    return apply


@pytest.fixture
def sakura(engine: Engine) -> None:
    with engine.begin() as conn:
        catalogues = SqlCatalogueRepository(conn)
        catalogues.save_catalogue(SAKURA.catalogue)
        for kind, first, last, label in SAKURA.calendar(datetime(2026, 4, 1).date()):
            catalogues.add_calendar_period(SAKURA.tenant_id, kind, first, last, label)


def decide(client: FlaskClient, application_id: str, decision: str, tenant: str = "demo-univ") -> None:
    answer = client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff(tenant, "staff-1"),
                         json={"decision": decision, "reason": "" if decision == "approve"
                               else "確認できません", "student_number": "L08001"})
    assert answer.status_code == 200, answer.json


def test_queue_shows_the_email_and_marks_possible_duplicates_of_the_tenant_only(
        client: FlaskClient, submit: Callable[..., str], sakura: None) -> None:
    first = submit("taro@example.jp")
    same_email = submit("TARO@example.jp", kanji="別人 次郎", kana="ベツジン ジロウ", born="1985-01-01")
    same_person = submit("taro.new@example.jp", kanji="證明 太郎")  # an old form of 証, the same kana
    stranger = submit("hanako@example.jp", kanji="証明 花子", kana="ショウメイ ハナコ", born="1992-02-02")
    submit("taro@example.jp", tenant=SAKURA.tenant_id)  # the same person at another university: not ours

    queue = {row["id"]: row for row in client.get(QUEUE, headers=staff("demo-univ")).json["applications"]}
    assert queue[first]["email"] == "taro@example.jp"
    assert {(d["id"], tuple(d["reasons"])) for d in queue[first]["possible_duplicates"]} == {
        (same_email, ("same_email",)), (same_person, ("same_name_and_birth_date",))}
    assert [d["email"] for d in queue[same_email]["possible_duplicates"]] == ["taro@example.jp"]
    assert queue[stranger]["possible_duplicates"] == []
    detail = client.get(f"/internal/staff/applications/{same_person}", headers=staff("demo-univ")).json
    assert [(d["id"], d["reasons"]) for d in detail["possible_duplicates"]] == [
        (first, ["same_name_and_birth_date"])]
    [theirs] = client.get(QUEUE, headers=staff(SAKURA.tenant_id)).json["applications"]
    assert theirs["possible_duplicates"] == []


def test_a_recently_decided_application_is_a_possible_duplicate_and_an_old_one_is_not(
        client: FlaskClient, clock: FakeClock, submit: Callable[..., str]) -> None:
    rejected = submit("taro@example.jp")
    decide(client, rejected, "reject")
    again = submit("taro@example.jp")
    [row] = client.get(QUEUE, headers=staff("demo-univ")).json["applications"]
    assert row["id"] == again
    assert [(d["id"], d["status"]) for d in row["possible_duplicates"]] == [(rejected, "rejected")]
    clock.set(datetime(2026, 8, 1, 0, 30, tzinfo=UTC))  # more than 90 days after the rejection
    assert client.get(QUEUE, headers=staff("demo-univ")).json["applications"][0]["possible_duplicates"] == []
    # The rejected one, opened from the decided list, still names the open application of its person.
    detail = client.get(f"/internal/staff/applications/{rejected}", headers=staff("demo-univ")).json
    assert [(d["id"], d["status"]) for d in detail["possible_duplicates"]] == [(again, "submitted")]


def test_decided_applications_are_filtered_searched_and_paged(
        client: FlaskClient, clock: FakeClock, submit: Callable[..., str]) -> None:
    approved = submit("taro@example.jp")
    returned = submit("hanako@example.jp", kanji="山田 花子", kana="ヤマダ ハナコ", student_number="E09002",
                      romaji="Yamada Hanako")
    waiting = submit("jiro@example.jp", kanji="山田 次郎", kana="ヤマダ ジロウ", romaji="Yamada Jiro")
    decide(client, approved, "approve")  # 2026-04-14 09:30 JST
    clock.set(datetime(2026, 4, 16, 1, 0, tzinfo=UTC))  # 2026-04-16 10:00 JST
    decide(client, returned, "return")

    def ids(query: str = "") -> list[str]:
        answer = client.get(DECIDED + query, headers=staff("demo-univ"))
        assert answer.status_code == 200, answer.json
        return [row["id"] for row in answer.json["applications"]]

    assert ids() == [returned, approved]  # newest decision first; the waiting one is in the queue
    assert waiting not in ids()
    assert ids("?decision=approved") == [approved]
    assert ids("?decision=returned&kind=registration") == [returned]
    assert ids("?kind=student_number") == []
    assert ids("?from=2026-04-15") == [returned]
    assert ids("?to=2026-04-14") == [approved]  # the last day is included, in JST
    assert ids("?from=2026-04-14&to=2026-04-14") == [approved]
    assert ids("?q=山田花子") == ids("?q=やまだ はなこ") == ids("?q=ﾔﾏﾀﾞ") == [returned]
    assert ids("?q=HANAKO@EXAMPLE") == ids("?q=E09002") == [returned]
    assert ids("?q=証明 太郎") == ids("?q=SHOMEI") == ids("?q=しょうめい") == ids("?q=ｼｮｳﾒｲ") == [approved]
    assert ids("?q=50%25") == []  # a wildcard typed by staff is a character, not a pattern

    page = client.get(DECIDED + "?per_page=1&page=2", headers=staff("demo-univ")).json
    assert (page["total"], page["page"], page["per_page"], [r["id"] for r in page["applications"]]) == (
        2, 2, 1, [approved])
    row = page["applications"][0]
    assert row["email"] == "taro@example.jp" and row["name_kanji"] == "証明　太郎" and "applicant" not in row
    assert row["decided_at"] == "2026-04-14T00:30:00+00:00" and row["status"] == "approved"
    # A page number beyond what an OFFSET can hold is refused at its field (schemathesis found a 500).
    huge = client.get(DECIDED + "?page=2630163511245112320", headers=staff("demo-univ"))
    assert huge.status_code == 400 and huge.json["errors"][0]["field"] == "page"


def test_decided_applications_of_another_tenant_are_never_listed_nor_found(
        client: FlaskClient, submit: Callable[..., str], sakura: None) -> None:
    ours = submit("taro@example.jp")
    theirs = submit("sakura@example.jp", tenant=SAKURA.tenant_id, kanji="桜井 さくら", kana="サクライ サクラ")
    decide(client, ours, "approve")
    decide(client, theirs, "approve", tenant=SAKURA.tenant_id)
    listed = client.get(DECIDED, headers=staff("demo-univ")).json
    assert [r["id"] for r in listed["applications"]] == [ours] and listed["total"] == 1
    for query in ("?q=桜井", "?q=sakura@example.jp", "?q=サクライ"):
        assert client.get(DECIDED + query, headers=staff("demo-univ")).json == {
            "applications": [], "total": 0, "page": 1, "per_page": 50}
    assert [r["id"] for r in client.get(DECIDED + "?q=桜井", headers=staff(SAKURA.tenant_id))
            .json["applications"]] == [theirs]


def test_bad_filters_are_named_at_their_fields(client: FlaskClient) -> None:
    answer = client.get(DECIDED + "?decision=submitted&kind=x&from=2026-13-01&page=0"
                        "&per_page=500", headers={**staff("demo-univ"), "Accept-Language": "en"})
    assert answer.status_code == 400
    assert {(e["field"], e["code"]) for e in answer.json["errors"]} == {
        ("decision", "decided_status_not_listed"), ("kind", "kind_not_listed"), ("from", "date_format"),
        ("page", "positive_number"), ("per_page", "too_large")}
    assert all(e["reason"] for e in answer.json["errors"])
