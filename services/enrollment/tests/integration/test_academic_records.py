"""Academic records imported by a registrar from two CSV files (as the alumni import reads its
file): checked row by row and column by column, nothing half-written, re-importable as new
versions with their history; and the record print-gateway reads for a certificate."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import Engine, text

from shomei_devtools.trust import session_trust
from shomei_shared.messaging.envelope import Envelope

from .conftest import AUTH, events, staff, tenant_admin

ALUMNI = ("student_number,name_kanji,name_kana,date_of_birth,faculty,department,graduation_year_month,status\n"
          "L08001,証明 太郎,ショウメイ タロウ,1990-05-01,文学部,日本文学科,2012-03,卒業\n"
          "E10042,山田 花子,ヤマダ ハナコ,1992-11-23,工学部,情報工学科,2014-03,卒業\n"
          "G14007,山田 花子,ヤマダ ハナコ,1992-11-23,工学研究科,情報工学専攻,2016-03,卒業\n"
          "C11003,鈴木 一郎,スズキ イチロウ,1993-02-14,経済学部,経済学科,,退学\n")
RECORDS = ("student_number,name_romaji,degree,degree_ja,degree_en,admitted_on,graduated_on,withdrawn_on,"
           "expected_graduation_on\n"
           "L08001,SHOMEI TARO,学士,学士（文学）,Bachelor of Arts,2008-04-01,2012-03-20,,2012-03-31\n"
           "E10042,YAMADA HANAKO,学士,学士（工学）,Bachelor of Engineering,2010/04/01,2014/03/20,,\n"
           "X99999,NOBODY,学士,学士（文学）,Bachelor of Arts,2008-04-01,2012-03-20,,\n"
           "C11003,SUZUKI ICHIRO,学士,学士（経済学）,Bachelor of Economics,2011-04-01,,2013-09-30,\n"
           "G14007,YAMADA HANAKO,学士,学士（工学）,Bachelor of Engineering,2014-04-01,2016-03-24,,\n")
COURSES = ("student_number,term,code,title_ja,title_en,credits,grade\n"
           "L08001,2008前期,L100,日本文学概論,Introduction to Japanese Literature,2,秀\n"
           "L08001,2008後期,L107,古典文学講読,Readings in Classical Literature,2,不可\n"
           "L08001,2009前期,X001,英語I,English I,1,認定\n"
           "E10042,2010前期,E100,微分積分学I,Calculus I,2,Z\n"
           "E10042,2010後期,E107,線形代数学,Linear Algebra,2.3,A\n"
           "Q1,2010後期,E107,線形代数学,Linear Algebra,2,A\n")


def upload(client: FlaskClient, records: bytes, courses: bytes, language: str = "ja", roles: tuple[str, ...] = (
        "registrar",)) -> Any:
    return client.post("/internal/staff/academic-record-imports",
                       headers={**staff("demo-univ", "registrar-1", roles), "Accept-Language": language},
                       data={"records": (io.BytesIO(records), "records.csv"),
                             "courses": (io.BytesIO(courses), "courses.csv")},
                       content_type="multipart/form-data")


def imported(client: FlaskClient, records: str, courses: str, **kwargs: Any) -> dict[str, Any]:
    answer = upload(client, records.encode(), courses.encode(), **kwargs)
    assert answer.status_code == 200, answer.json
    return dict(answer.json)


def with_alumni(client: FlaskClient) -> None:
    answer = client.post("/internal/staff/alumni-imports", headers=staff("demo-univ"),
                         data={"file": (io.BytesIO(ALUMNI.encode()), "alumni.csv")}, content_type="multipart/form-data")
    assert answer.status_code == 200 and answer.json["created"] == 4, answer.json


def stored(engine: Engine) -> dict[str, tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT r.student_number, r.version, r.total_credits::text, r.gpa::text, count(c.position) "
            "FROM academic_records r LEFT JOIN academic_courses c ON c.record_id = r.id "
            "GROUP BY r.id ORDER BY r.student_number")).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_both_files_checked_row_by_row_and_nothing_half_written(client: FlaskClient, engine: Engine) -> None:
    with_alumni(client)
    answer = upload(client, RECORDS.encode("utf-8"), COURSES.encode("cp932"), language="en")
    assert answer.status_code == 200, answer.json
    report = answer.json
    assert report["encodings"] == {"records": "utf-8", "courses": "cp932"}
    problems = {(p["file"], p["row"], p["field"]) for p in report["problems"]}
    assert problems == {("records", 4, "student_number"),  # not in the alumni records
                        ("records", 5, "degree"),  # withdrew: no degree
                        ("records", 6, "degree"),  # a graduate school confers no bachelor's
                        ("courses", 5, "grade"), ("courses", 6, "credits"),
                        ("courses", 7, "student_number")}  # a course without a record row
    assert {"file": "courses", "row": 5, "field": "grade",
            "reason": "The grade must be one of: 秀 優 良 可 不可 S A B C D F 認定 合格 P"} in report["problems"]
    # E10042's record row is good, but two of its courses are not: none of it is written.
    assert (report["created"], report["replaced"], report["rejected_student_numbers"]) == (1, 0, 5)
    assert stored(engine) == {"L08001": (1, "3.0", "2.00", 3)}  # 秀 2 + 認定 1 earned; (4×2 + 0×2) / 4


def test_a_reimport_is_a_new_version_with_its_history_and_no_personal_data_in_events(
        client: FlaskClient, engine: Engine) -> None:
    with_alumni(client)
    good_courses = "\n".join(COURSES.splitlines()[:4]) + "\n"
    first = imported(client, RECORDS, good_courses)
    assert first["created"] == 2  # E10042 with no courses yet
    again = imported(client, RECORDS, good_courses)
    assert (again["created"], again["replaced"], again["unchanged"]) == (0, 0, 2)
    fewer = "\n".join(COURSES.splitlines()[:3]) + "\nE10042,2010後期,E107,線形代数学,Linear Algebra,2,A\n"
    changed = imported(client, RECORDS, fewer)
    assert (changed["created"], changed["replaced"], changed["unchanged"]) == (0, 2, 0)
    assert stored(engine) == {"E10042": (2, "2.0", "3.00", 1), "L08001": (2, "2.0", "2.00", 2)}

    history = client.get("/internal/staff/academic-records/L08001", headers=staff("demo-univ", roles=("registrar",)))
    assert history.status_code == 200, history.json
    assert [(v["version"], v["courses"], v["staff_id"]) for v in history.json["versions"]] == [
        (2, 2, "registrar-1"), (1, 3, "registrar-1")]
    assert (history.json["total_credits"], history.json["gpa"]) == ("2", "2.00")
    assert client.get("/internal/staff/academic-records/L08001",
                      headers=staff("sakura-univ", roles=("registrar",))).status_code == 404

    published = [e for e in events(engine) if e["topic"] == "enrollment.records"]
    assert [e["type"] for e in published] == ["AcademicRecordReplaced", "AcademicRecordReplaced",
                                              "AcademicRecordsImported", "AcademicRecordsImported",
                                              "AcademicRecordReplaced", "AcademicRecordReplaced",
                                              "AcademicRecordsImported"]
    assert published[-1]["payload"] == {"created": 0, "replaced": 2, "unchanged": 0, "rejected": 3}
    text_of_events = json.dumps([e["payload"] for e in published], ensure_ascii=False)
    for personal in ("L08001", "SHOMEI", "2012-03-20", "学士", "秀", "日本文学概論"):
        assert personal not in text_of_events


def test_only_a_registrar_imports_and_both_files_are_required(client: FlaskClient) -> None:
    assert upload(client, b"", b"", roles=("reviewer",)).status_code == 403
    missing = client.post("/internal/staff/academic-record-imports", headers=staff("demo-univ"),
                          data={"records": (io.BytesIO(RECORDS.encode()), "r.csv")},
                          content_type="multipart/form-data")
    assert missing.status_code == 400 and missing.json["errors"][0]["field"] == "courses"
    header_only = upload(client, b"student_number,name_romaji\n", COURSES.encode())
    assert header_only.status_code == 400 and header_only.json["errors"][0]["field"] == "records"


def png(size: tuple[int, int] = (64, 64)) -> str:
    output = io.BytesIO()
    Image.new("RGBA", size, (200, 16, 46, 255)).save(output, format="PNG")
    return base64.b64encode(output.getvalue()).decode()


PROFILE = {"name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394", "accent_ink": "#ffffff",
           "contact_email": "office@demo-univ.example", "president_title_ja": "学長", "president_title_en": "President",
           "president_name_ja": "証明 一郎", "president_name_en": "Ichiro Shomei"}


def test_the_issuer_details_and_a_png_seal_are_on_the_profile(client: FlaskClient) -> None:
    def put(**body: Any) -> Any:
        return client.put("/internal/staff/tenant-profile", headers=tenant_admin("demo-univ"),
                          json={"profile": PROFILE, **body})

    jpeg = io.BytesIO()
    Image.new("RGB", (64, 64)).save(jpeg, format="JPEG")
    refused = put(seal=base64.b64encode(jpeg.getvalue()).decode())
    assert refused.status_code == 400 and refused.json["errors"][0]["field"] == "seal"
    assert refused.json["errors"][0]["code"] == "seal_format_png"
    huge = put(seal=png((6000, 5000)))
    assert huge.status_code == 400 and huge.json["errors"][0]["code"] == "image_too_many_pixels"
    too_long = client.put("/internal/staff/tenant-profile", headers=tenant_admin("demo-univ"),
                          json={"profile": {**PROFILE, "president_name_en": "x" * 101}})
    assert too_long.status_code == 400 and too_long.json["errors"][0]["field"] == "president_name_en"
    saved = put(seal=png())
    assert saved.status_code == 200, saved.json
    assert {"president_name_ja", "seal_sha256"} <= set(saved.json["changed"])
    assert saved.json["profile"]["president_name_en"] == "Ichiro Shomei"
    seal = client.get("/internal/tenants/demo-univ/seal", headers=session_trust().headers("admin"))
    assert seal.status_code == 200 and seal.data.startswith(b"\x89PNG")
    assert put(seal=png()).json["changed"] == []  # the same seal again changes nothing


def approved_graduate(client: FlaskClient, deliver: Callable[[Envelope], None],
                      verified_registration: Callable[..., str], form: dict[str, Any]) -> str:
    registration_id = verified_registration()
    application_id = client.post(f"/internal/registrations/{registration_id}/application", json=form,
                                 headers=AUTH).json["application_id"]
    decided = client.post(f"/internal/staff/applications/{application_id}/decision", headers=staff("demo-univ"),
                          json={"decision": "approve", "student_number": "L08001"})
    assert decided.status_code == 200, decided.json
    deliver(Envelope(type="AccountActivated", version=1, tenant_id="demo-univ", aggregate_id="acc-1",
                     aggregate_version=1, payload={"email": "taro@example.jp", "locale": "ja",
                                                   "application_id": application_id, "secret_ref": "ref-1",
                                                   "expires_at": "2026-04-21T00:00:00+00:00",
                                                   "login_url": "https://example.jp/login"}))
    return "acc-1"


def test_print_gateway_reads_an_approved_numbers_record_and_nothing_else(
        client: FlaskClient, deliver: Callable[[Envelope], None], verified_registration: Callable[..., str],
        form: dict[str, Any]) -> None:
    with_alumni(client)
    imported(client, RECORDS, "\n".join(COURSES.splitlines()[:4]) + "\n")
    assert client.put("/internal/staff/tenant-profile", headers=tenant_admin("demo-univ"),
                      json={"profile": PROFILE, "seal": png()}).status_code == 200
    account = approved_graduate(client, deliver, verified_registration, form)
    printer = session_trust().headers("print-gateway")

    answer = client.get(f"/internal/tenants/demo-univ/accounts/{account}/records/L08001", headers=printer)
    assert answer.status_code == 200, answer.json
    record, issuer = answer.json["record"], answer.json["issuer"]
    assert {k: v for k, v in record.items() if k != "courses"} == {
        "student_number": "L08001", "name_kanji": "証明\u3000太郎", "name_romaji": "SHOMEI TARO",
        "birth_date": "1990-05-01", "status": "卒業", "programme": "学部", "faculty_ja": "文学部",
        "faculty_en": "Faculty of Letters", "department_ja": "日本文学科",
        "department_en": "Department of Japanese Literature", "degree_ja": "学士（文学）",
        "degree_en": "Bachelor of Arts", "admitted_on": "2008-04-01", "graduated_on": "2012-03-20",
        "withdrawn_on": None, "expected_graduation_on": "2012-03-31", "total_credits": "3", "gpa": "2.00"}
    assert record["courses"][0] == {"term": "2008前期", "code": "L100", "title_ja": "日本文学概論",
                                    "title_en": "Introduction to Japanese Literature", "credits": "2", "grade": "秀"}
    assert [c["grade"] for c in record["courses"]] == ["秀", "不可", "認定"]
    assert {k: v for k, v in issuer.items() if k != "seal_png_base64"} == {
        "tenant_id": "demo-univ", "university_ja": "証明大学", "university_en": "Shomei University",
        "president_title_ja": "学長", "president_title_en": "President", "president_name_ja": "証明 一郎",
        "president_name_en": "Ichiro Shomei"}
    assert base64.b64decode(issuer["seal_png_base64"]).startswith(b"\x89PNG")

    for path in (f"/internal/tenants/demo-univ/accounts/{account}/records/E10042",  # a record, not this account's
                 "/internal/tenants/demo-univ/accounts/acc-2/records/L08001",  # another account
                 f"/internal/tenants/sakura-univ/accounts/{account}/records/L08001"):  # another tenant
        refused = client.get(path, headers=printer)
        assert (refused.status_code, refused.json) == (404, {"code": "record_not_found"}), path
    for caller in ("gateway", "admin"):
        assert client.get(f"/internal/tenants/demo-univ/accounts/{account}/records/L08001",
                          headers=session_trust().headers(caller)).status_code == 403
