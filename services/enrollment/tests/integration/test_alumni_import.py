"""Alumni CSV import through the API: encodings, row report, re-import without duplicates."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from sqlalchemy import Engine, text

from .conftest import events, staff

HEADER = "student_number,name_kanji,name_kana,date_of_birth,faculty,department,graduation_year_month,status\n"
GOOD = ("L08001,証明 太郎,ショウメイ タロウ,1990-05-01,文学部,日本文学科,2012-03,卒業\n"
        "E10042,山田 花子,ヤマダ　ハナコ,1992/11/23,eng,info,2014-03,graduated\n")
BAD = ("X1,鈴木 一郎,すずき いちろう,1993-02-30,文学部,日本文学科,2015-03,卒業\n"
       "X2,佐藤 次郎,サトウ ジロウ,1991-01-01,医学部,内科,2013-03,中退\n")


def upload(client: FlaskClient, content: bytes, language: str = "ja") -> dict[str, object]:
    response = client.post("/internal/staff/alumni-imports",
                           headers={**staff("demo-univ", "staff-1"), "Accept-Language": language},
                           data={"file": (io.BytesIO(content), "alumni.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.json
    return dict(response.json)


def alumni(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT student_number, name_kana, faculty_code FROM alumni_records ORDER BY student_number"))]


def test_utf8_with_bom_rows_checked_and_reimport_creates_no_duplicates(client: FlaskClient, engine: Engine) -> None:
    content = b"\xef\xbb\xbf" + (HEADER + GOOD + BAD).encode("utf-8")
    report = upload(client, content, "en")
    assert (report["encoding"], report["created"], report["updated"], report["rejected_rows"]) == ("utf-8-sig", 2, 0, 2)
    problems = {(p["row"], p["field"]) for p in report["problems"]}  # type: ignore[union-attr]
    assert problems == {(4, "name_kana"), (4, "date_of_birth"), (5, "faculty"), (5, "status")}
    assert {"row": 5, "field": "faculty", "reason": "The faculty is not in the catalogue."} in report["problems"]
    assert alumni(engine) == [("E10042", "ヤマダ　ハナコ", "eng"), ("L08001", "ショウメイ　タロウ", "lit")]

    again = upload(client, content)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert len(alumni(engine)) == 2
    assert "全角カタカナ" in str(again["problems"])

    changed = upload(client, (HEADER + GOOD.replace("2012-03", "2012-09")).encode("utf-8"))
    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 1)

    imported = [e for e in events(engine) if e["type"] == "AlumniRecordsImported"]
    assert [e["payload"] for e in imported] == [
        {"created": 2, "updated": 0, "unchanged": 0, "rejected": 2},
        {"created": 0, "updated": 0, "unchanged": 2, "rejected": 2},
        {"created": 0, "updated": 1, "unchanged": 1, "rejected": 0}]
    assert all(e["topic"] == "enrollment.alumni" for e in imported)


def test_shift_jis_file_is_read(client: FlaskClient, engine: Engine) -> None:
    report = upload(client, (HEADER + GOOD).encode("cp932"))
    assert report["encoding"] == "cp932" and report["created"] == 2
    assert alumni(engine)[1][1] == "ショウメイ　タロウ"


def test_missing_columns_and_duplicates_in_one_file(client: FlaskClient, engine: Engine) -> None:
    response = client.post("/internal/staff/alumni-imports", headers=staff("demo-univ", "s"),
                           data={"file": (io.BytesIO(b"student_number,name_kanji\n"), "a.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and response.json["errors"][0]["field"] == "file"
    assert "name_kana" in response.json["errors"][0]["reason"]
    report = upload(client, (HEADER + GOOD + GOOD.splitlines()[0] + "\n").encode())
    assert report["created"] == 2 and [(p["row"], p["field"]) for p in report["problems"]] == [  # type: ignore[union-attr]
        (4, "student_number")]
    assert events(engine) and all(e["type"] == "AlumniRecordsImported" for e in events(engine))


def test_the_request_itself_is_checked_before_the_file_is_read(client: FlaskClient) -> None:
    url = "/internal/staff/alumni-imports"
    no_file = client.post(url, headers=staff("demo-univ"), data={}, content_type="multipart/form-data")
    assert no_file.status_code == 400 and no_file.json["errors"] == [
        {"field": "file", "code": "csv_file_required", "reason": "CSVファイルを選択してください。"}]
    # Importing is a registrar's task: a reviewer is refused before the file is read.
    reviewer = client.post(url, headers=staff("demo-univ", roles=("reviewer",)), content_type="multipart/form-data",
                           data={"file": (io.BytesIO(HEADER.encode()), "a.csv")})
    assert reviewer.status_code == 403
