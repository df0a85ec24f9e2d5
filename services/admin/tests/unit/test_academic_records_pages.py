"""Registrars import academic records from two CSV files and look up a student number's versions;
tenant admins give the university's issuer details and seal."""

from __future__ import annotations

import io

from admin_fakes import FakeReviews, FakeTenantAdmin
from flask.testing import FlaskClient
from unit.test_console import sign_in, token_from

RECORDS = "student_number,name_romaji\nL08001,SHOMEI TARO\n".encode("cp932")
COURSES = "student_number,term\nL08001,2008前期\n".encode("cp932")


def test_only_a_registrar_imports_records(client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    assert client.get("/demo-univ/records/import").status_code == 403
    assert client.get("/demo-univ/records/history?student_number=L08001").status_code == 403
    assert "成績・学位の記録" not in client.get("/demo-univ/").get_data(as_text=True)


def test_a_registrar_imports_both_files_and_sees_problems_by_file_row_and_column(
        client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "registrar@demo-univ.example")
    token = token_from(client, "/demo-univ/records/import")
    missing = client.post("/demo-univ/records/import", content_type="multipart/form-data",
                          data={"csrf_token": token, "records": (io.BytesIO(RECORDS), "records.csv")})
    assert missing.status_code == 400
    assert 'id="courses-error">ファイルを選んでください。' in missing.get_data(as_text=True)
    page = client.post("/demo-univ/records/import", content_type="multipart/form-data", data={
        "csrf_token": token, "records": (io.BytesIO(RECORDS), "records.csv"),
        "courses": (io.BytesIO(COURSES), "courses.csv")}).get_data(as_text=True)
    assert "新規 1 件、置換 1 件、変更なし 0 件、取り込まなかった学籍番号 1 件" in page
    assert "<td>科目ファイル</td><td>4</td><td>grade</td><td>評価は次のいずれかにしてください" in page
    assert reviews.record_imports == [("demo-univ", RECORDS, COURSES)]


def test_a_file_enrollment_cannot_read_is_refused_at_its_field(client: FlaskClient, reviews: FakeReviews) -> None:
    sign_in(client, "registrar@demo-univ.example")
    token = token_from(client, "/demo-univ/records/import")
    refused = client.post("/demo-univ/records/import", content_type="multipart/form-data", data={
        "csrf_token": token, "records": (io.BytesIO(b"name\nx\n"), "r.csv"), "courses": (io.BytesIO(COURSES), "c.csv")})
    assert refused.status_code == 400
    assert 'id="records-error">見出し行に次の列がありません: name_romaji' in refused.get_data(as_text=True)
    assert reviews.record_imports == []


def test_a_registrar_sees_a_student_numbers_versions(client: FlaskClient) -> None:
    sign_in(client, "registrar@demo-univ.example")
    page = client.get("/demo-univ/records/history?student_number=L08001").get_data(as_text=True)
    assert "L08001（第2版）" in page and "科目 40 件、修得単位 124、GPA 3.10" in page
    assert page.index("registrar-2") < page.index("registrar-1")  # newest first
    unknown = client.get("/demo-univ/records/history?student_number=X1")
    assert unknown.status_code == 404 and "この学籍番号の記録はありません。" in unknown.get_data(as_text=True)
    assert client.get("/demo-univ/records/history").status_code == 200


def test_a_tenant_admin_gives_the_president_and_a_png_seal(client: FlaskClient, tenant_admin: FakeTenantAdmin) -> None:
    sign_in(client, "admin@demo-univ.example")
    page = client.get("/demo-univ/settings/profile").get_data(as_text=True)
    assert "証明書の発行者: 氏名（日本語）" in page and 'alt="現在の公印"' not in page
    token = token_from(client, "/demo-univ/settings/profile")
    form = {"csrf_token": token, "name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394",
            "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example",
            "closures": "2026-08-10 2026-08-16 夏季休業", "president_title_ja": "学長",
            "president_name_ja": "証明 一郎"}
    refused = client.post("/demo-univ/settings/profile", content_type="multipart/form-data",
                          data={**form, "seal": (io.BytesIO(b"GIF89a"), "seal.gif")})
    assert refused.status_code == 400
    assert 'id="seal-error">公印画像はPNG形式にしてください。' in refused.get_data(as_text=True)
    saved = client.post("/demo-univ/settings/profile", content_type="multipart/form-data",
                        data={**form, "seal": (io.BytesIO(b"\x89PNG seal"), "seal.png")})
    assert saved.status_code == 302
    assert tenant_admin.profiles["demo-univ"]["president_name_ja"] == "証明 一郎"
    assert tenant_admin.changes[-1][2] == ("president_name_ja", "president_title_ja", "seal_sha256")
    assert 'alt="現在の公印"' in client.get("/demo-univ/settings/profile").get_data(as_text=True)
    shown = client.get("/demo-univ/settings/seal")
    assert shown.status_code == 200 and shown.data == b"\x89PNG seal" and shown.content_type == "image/png"
