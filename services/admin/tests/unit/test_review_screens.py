"""The application as staff read it (labels, order, language), the queue's e-mail and duplicate
marks, and the decided list's filters, on the console's fakes."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from admin_fakes import FakeReviews, applicant_data
from flask.testing import FlaskClient
from unit.test_console import sign_in, token_from

from shomei_admin.entrypoints.presentation import review_sheet
from shomei_admin.service_layer.ports import CatalogueNames, PossibleDuplicate

NAMES = CatalogueNames({"shomei": ("証明大学", "Shomei University")},
                       {("shomei", "lit"): ("文学部", "Faculty of Letters")},
                       {("shomei", "lit", "jpn"): ("日本文学科", "Department of Japanese Literature")})


def test_the_sheet_follows_the_form_and_words_every_code() -> None:
    sheet = review_sheet(applicant_data("山田 太郎", "taro@example.jp"), NAMES, "ja")
    assert [group.title for group in sheet] == ["氏名", "在学時", "住所・連絡先", "勤務先", "本人確認書類"]
    assert sheet[0].rows[0].label == "氏名（漢字）"
    values = {row.label: row.value for group in sheet for row in group.rows}
    assert (values["性別"], values["区分"], values["書類の種類"]) == ("男性", "卒業", "運転免許証")
    assert (values["大学"], values["学部"], values["学科"]) == ("証明大学", "文学部", "日本文学科")
    assert values["自宅電話番号"] == "—"
    english = {row.label: row.value for group in review_sheet(applicant_data("山田 太郎", "t@x.jp"), NAMES, "en")
               for row in group.rows}
    assert (english["Sex"], english["Status"], english["Faculty"], english["Document type"]) == (
        "Male", "Graduated", "Faculty of Letters", "Driver's licence")


def test_empty_sections_are_left_out_and_unknown_codes_and_fields_still_show() -> None:
    data = {"name.kanji": "山田 太郎", "enrollment.university": "shomei", "enrollment.faculty": "gone",
            "sex": "x-new", "new_field": "値"}
    sheet = review_sheet(data, NAMES, "ja")
    assert [group.title for group in sheet] == ["氏名", "在学時", "その他"]
    values = {row.label: row.value for group in sheet for row in group.rows}
    assert (values["学部"], values["性別"], values["new_field"]) == ("gone", "x-new", "値")


def test_queue_shows_each_email_and_marks_possible_duplicates(client: FlaskClient, reviews: FakeReviews) -> None:
    reviews.add("demo-univ", "app-namesake", "山田 太郎", due_in_hours=6, email="yamada.t@example.com")
    reviews.duplicates["app-soon"] = (PossibleDuplicate("app-late", "遅延 花子", "taro@example.jp", "rejected",
                                                        ("same_email",)),)
    sign_in(client, "reviewer@demo-univ.example")
    page = client.get("/demo-univ/").get_data(as_text=True)
    assert "taro@example.jp" in page and "yamada.t@example.com" in page
    assert page.count('class="duplicates"') == 1 and "（却下・同じメールアドレス）" in page


def test_decided_list_filters_and_pages_and_names_a_bad_filter(client: FlaskClient, reviews: FakeReviews) -> None:
    reviews.per_page = 2
    for day, name in ((1, "一郎"), (2, "二郎"), (3, "三郎")):
        reviews.add_decided("demo-univ", f"d{day}", f"承認 {name}", "approved", datetime(2026, 3, day, 1, tzinfo=UTC))
    reviews.add_decided("demo-univ", "d4", "却下 四郎", "rejected", datetime(2026, 3, 4, 1, tzinfo=UTC))
    reviews.add_decided("other-univ", "d5", "他大 五郎", "approved", datetime(2026, 3, 5, 1, tzinfo=UTC))
    sign_in(client, "reviewer@demo-univ.example")
    first = client.get("/demo-univ/decided?decision=approved").get_data(as_text=True)
    assert re.findall(r"承認 .郎", first) == ["承認 三郎", "承認 二郎"] and "3件中 1〜2件" in first
    assert "他大" not in first and "却下 四郎" not in first
    assert 'href="/demo-univ/decided?page=2&amp;decision=approved" rel="next"' in first
    second = client.get("/demo-univ/decided?decision=approved&page=2").get_data(as_text=True)
    assert re.findall(r"承認 .郎", second) == ["承認 一郎"]
    assert re.findall(r"承認 .郎", client.get("/demo-univ/decided?first_day=2026-03-02&last_day=2026-03-02")
                      .get_data(as_text=True)) == ["承認 二郎"]
    bad = client.get("/demo-univ/decided?decision=maybe")
    assert bad.status_code == 400
    assert 'id="decision-error">承認済・却下・再申請依頼から選択してください。' in bad.get_data(as_text=True)
    backwards = client.get("/demo-univ/decided?first_day=2026-03-02&last_day=2026-03-01")
    assert backwards.status_code == 400 and "終了日は開始日以降にしてください。" in backwards.get_data(as_text=True)


def test_language_is_chosen_by_the_staff_member_and_stays_at_their_university(client: FlaskClient) -> None:
    sign_in(client, "reviewer@demo-univ.example")
    assert "男性" in client.get("/demo-univ/applications/app-soon").get_data(as_text=True)
    token = token_from(client, "/demo-univ/")
    chosen = client.post("/demo-univ/language", data={"csrf_token": token, "language": "en",
                                                      "next": "/demo-univ/applications/app-soon"})
    assert chosen.headers["Location"] == "/demo-univ/applications/app-soon"
    assert chosen.headers["Set-Cookie"].startswith("shomei_staff_lang-demo-univ=en;")
    page = client.get("/demo-univ/applications/app-soon").get_data(as_text=True)
    assert 'class="sheet" lang="en"' in page and "Male" in page and "Faculty of Letters" in page
    elsewhere = client.post("/demo-univ/language", data={"csrf_token": token, "language": "en",
                                                         "next": "https://evil.example/"})
    assert elsewhere.headers["Location"] == "/demo-univ/"
