"""The graduate's screens with identity and enrollment faked (the browser tests use the real ones)."""

from __future__ import annotations

import io
import re
from typing import Any

from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from gateway_forms import hidden_fields, post

APPLICANT = {"name_kanji": "山田 太郎", "name_kana": "ヤマダ タロウ", "name_romaji": "YAMADA TARO",
             "birth_date": "1990-04-01", "department": "demo/lit/jpn", "status": "graduated",
             "postal_code": "530-0001", "prefecture": "大阪府", "city": "大阪市北区", "street": "梅田1-1",
             "mobile_phone": "090-1234-5678", "id_document_type": "drivers_license"}


def register(client: FlaskClient, identity: FakeIdentity) -> None:
    response = post(client, "/demo-univ/register/", {"email": "g@example.jp", "email_again": "g@example.jp"})
    assert response.status_code == 302 and response.headers["Location"] == "/demo-univ/register/sent"
    (_, kind, token), = identity.mails
    assert kind == "registration"
    page = client.get(f"/demo-univ/register/verify?token={token}")
    assert "登録を続ける" in page.get_data(as_text=True)  # a GET alone does not use the token
    assert token in identity.registrations
    verified = post(client, f"/demo-univ/register/verify?token={token}", {"token": token})
    assert verified.headers["Location"] == "/demo-univ/register/terms"


def test_email_must_be_entered_twice_alike(client: FlaskClient, identity: FakeIdentity) -> None:
    response = post(client, "/demo-univ/register/", {"email": "g@example.jp", "email_again": "h@example.jp"})
    assert "同じメールアドレスを2回入力してください。" in response.get_data(as_text=True)
    assert identity.mails == []


def test_the_whole_registration_with_a_correction(client: FlaskClient, identity: FakeIdentity,
                                                  enrollment: FakeEnrollment) -> None:
    register(client, identity)
    refused = post(client, "/demo-univ/register/terms", {})
    assert "利用規約に同意いただく必要があります。" in refused.get_data(as_text=True)
    agreed = post(client, "/demo-univ/register/terms", {"agree": "y"})
    assert agreed.headers["Location"] == "/demo-univ/register/applicant"
    wrong = post(client, "/demo-univ/register/applicant", {**APPLICANT, "name_kana": "yamada"})
    body = wrong.get_data(as_text=True)
    assert 'id="e-name_kana">全角カタカナで入力してください。' in body
    assert 'id="e-id_front">本人確認書類の画像を添付してください。' in body
    assert 'value="山田 太郎"' in body  # what was typed is kept
    image = (io.BytesIO(b"\x89PNG fake"), "front.png")
    confirm = post(client, "/demo-univ/register/applicant",
                   {**APPLICANT, "name_romaji": "yamada taro", "id_front": image}, content_type="multipart/form-data")
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "入力内容の確認" in page
    assert "YAMADA TARO" in page and "証明大学 文学部 日本文学科" in page and "data:image/*;base64," in page
    carried = hidden_fields(page)
    assert carried["kept_id_front"] and carried["name_romaji"] == "YAMADA TARO"
    edit = client.post("/demo-univ/register/applicant", data={**carried, "edit": "1"})
    edit_page = edit.get_data(as_text=True)
    assert 'value="ヤマダ タロウ"' in edit_page and "選択済みの画像があります" in edit_page
    done = client.post("/demo-univ/register/confirm", data=carried)
    assert done.headers["Location"] == "/demo-univ/register/received"
    ((_, form, images),) = enrollment.submitted
    assert form["name_kana"] == "ヤマダ タロウ" and images == {"id_front": b"\x89PNG fake"}
    assert client.get("/demo-univ/register/terms").status_code == 403  # the flow is over


def test_a_used_or_unknown_verification_link_is_gone(client: FlaskClient) -> None:
    response = post(client, "/demo-univ/register/verify?token=nope", {"token": "nope"})
    assert response.status_code == 410


def test_first_login_forces_both_passwords_then_three_factor_login(client: FlaskClient,
                                                                  identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "Initial-Pass-1")
    assert client.get("/demo-univ/account/").headers["Location"].startswith("/demo-univ/login?next=/demo-univ/account/")
    first = post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "Initial-Pass-1"})
    assert first.headers["Location"] == "/demo-univ/login/passwords"
    same = post(client, "/demo-univ/login/passwords", {"password": "NewPass123", "password_again": "NewPass123",
                                             "second_password": "NewPass123", "second_password_again": "NewPass123"})
    assert "パスワードと第2パスワードは別のものにしてください。" in same.get_data(as_text=True)
    done = post(client, "/demo-univ/login/passwords", {"password": "NewPass123", "password_again": "NewPass123",
                                             "second_password": "Second456x", "second_password_again": "Second456x"})
    assert done.headers["Location"] == "/demo-univ/account/"
    cookie = done.headers["Set-Cookie"]
    assert "shomei_session-demo-univ=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "g@example.jp でログインしています。" in client.get("/demo-univ/account/").get_data(as_text=True)
    post(client, "/demo-univ/logout", form_page="/demo-univ/account/")
    assert client.get("/demo-univ/account/").status_code == 302
    assert identity.sessions == {}
    again = post(client, "/demo-univ/login?next=/demo-univ/account/password",
                 {"email": "g@example.jp", "password": "NewPass123", "second_password": "Second456x"})
    assert again.headers["Location"] == "/demo-univ/account/password"


def test_next_after_login_never_leaves_the_site(client: FlaskClient, identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "P")
    identity.accounts["g@example.jp"].initial = False
    identity.accounts["g@example.jp"].second_password = "S"
    response = post(client, "/demo-univ/login?next=//evil.example/x", {"email": "g@example.jp", "password": "P",
                                                             "second_password": "S"})
    assert response.headers["Location"] == "/demo-univ/account/"


def test_menu_flows_change_passwords_and_request_mails(client: FlaskClient, identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    wrong = post(client, "/demo-univ/account/password",
                 {"current": "nope", "new": "NewPass123", "new_again": "NewPass123"})
    assert "現在のパスワードが正しくありません。" in wrong.get_data(as_text=True)
    post(client, "/demo-univ/account/password", {"current": "P", "new": "NewPass123", "new_again": "NewPass123"})
    second_page = client.get("/demo-univ/account/second-password").get_data(as_text=True)
    assert "現在の第2パスワード" in second_page and "新しい第2パスワード（確認）" in second_page
    post(client, "/demo-univ/account/second-password", {"current": "S", "new": "Second456x", "new_again": "Second456x"})
    assert (account.password, account.second_password) == ("NewPass123", "Second456x")
    post(client, "/demo-univ/account/email", {"email": "new@example.jp", "email_again": "new@example.jp",
                                              "current_password": "NewPass123"})
    post(client, "/demo-univ/account/student-numbers/request")
    kinds = [(to, kind) for to, kind, _ in identity.mails]
    assert kinds == [("new@example.jp", "email_change"), ("g@example.jp", "student_number")]


def at_field(page: Any, name: str) -> str:
    """The error shown at a field (the form macro writes it under the field, by the field's id)."""
    found = re.search(rf'<p class="error" id="{name}-error">([^<]*)</p>', page.get_data(as_text=True))
    return found.group(1) if found else ""


def test_the_email_change_asks_for_the_current_password_and_says_so_at_its_field(
        client: FlaskClient, identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    form = client.get("/demo-univ/account/email").get_data(as_text=True)
    assert 'name="current_password"' in form and 'autocomplete="current-password"' in form
    missing = post(client, "/demo-univ/account/email", {"email": "new@example.jp", "email_again": "new@example.jp"})
    wrong = post(client, "/demo-univ/account/email", {"email": "new@example.jp", "email_again": "new@example.jp",
                                                      "current_password": "nope"})
    assert identity.mails == []
    assert at_field(missing, "current_password") == "入力してください。"
    assert at_field(wrong, "current_password") == "現在のパスワードが正しくありません。"
    english = client.get("/demo-univ/account/email?lang=en").get_data(as_text=True)
    assert ">Current password<" in english and "and your current password" in english
    post(client, "/demo-univ/account/email", {"email": "new@example.jp", "email_again": "new@example.jp",
                                              "current_password": "P"})
    assert [(to, kind) for to, kind, _ in identity.mails] == [("new@example.jp", "email_change")]
    assert set(identity.sources) == {"127.0.0.1"}  # each attempt told identity where it came from


def test_forgotten_password_does_not_reveal_whether_an_address_exists(client: FlaskClient,
                                                                     identity: FakeIdentity) -> None:
    identity.activate("g@example.jp", "P")
    known = post(client, "/demo-univ/password/forgot", {"email": "g@example.jp"}).get_data(as_text=True)
    unknown = post(client, "/demo-univ/password/forgot", {"email": "nobody@example.jp"}).get_data(as_text=True)
    assert known == unknown
    (_, _, token), = identity.mails
    reset = post(client, f"/demo-univ/password/reset?token={token}", {"token": token, "password": "NewPass123",
                 "password_again": "NewPass123", "second_password": "Second456x",
                 "second_password_again": "Second456x"})
    assert "パスワードを再設定しました" in reset.get_data(as_text=True)


def test_an_additional_student_number_by_the_mailed_url(client: FlaskClient, identity: FakeIdentity,
                                                        enrollment: FakeEnrollment) -> None:
    from shomei_gateway.service_layer.ports import Profile

    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile(dict(APPLICANT), ["S2015001"])
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    assert client.get("/demo-univ/account/student-numbers/form").status_code == 403  # only through the mailed URL
    post(client, "/demo-univ/account/student-numbers/request")
    (_, kind, token), = identity.mails
    assert kind == "student_number"
    assert post(client, "/demo-univ/account/student-numbers/new?token=wrong", {"token": "wrong"}).status_code == 410
    verified = post(client, f"/demo-univ/account/student-numbers/new?token={token}", {"token": token})
    assert verified.headers["Location"] == "/demo-univ/account/student-numbers/form"
    form_page = client.get("/demo-univ/account/student-numbers/form").get_data(as_text=True)
    assert "山田 太郎" in form_page and 'name="name_kanji"' not in form_page  # given, not asked again
    assert 'name="id_front"' not in form_page  # no identity document: proven at registration (rule 14)
    asked = {"department": "demo/sci/phy", "status": "graduated"}
    # A forged personal field is not taken: the profile's data is.
    confirm = post(client, "/demo-univ/account/student-numbers/form", {**asked, "student_number": "G2020001",
                   "name_kanji": "偽 名前"}, content_type="multipart/form-data")
    carried = hidden_fields(confirm.get_data(as_text=True))
    assert "name_kanji" not in carried and "山田 太郎" in confirm.get_data(as_text=True)
    assert 'action="/demo-univ/account/student-numbers/confirm"' in confirm.get_data(as_text=True)
    done = client.post("/demo-univ/account/student-numbers/confirm", data=carried)
    assert "学籍番号の追加登録を申請しました" in done.get_data(as_text=True)
    again = client.post("/demo-univ/account/student-numbers/confirm", data=carried)  # 申請 sent twice
    assert again.status_code == 200 and "学籍番号の追加登録を申請しました" in again.get_data(as_text=True)
    ((key, form, _images),) = enrollment.submitted
    assert key == f"account:{account.account_id}" and form["student_number"] == "G2020001"
    assert form["name_kanji"] == "山田 太郎" and form["department"] == "demo/sci/phy"


def test_personal_data_edit_confirm_change_done(client: FlaskClient, identity: FakeIdentity,
                                               enrollment: FakeEnrollment) -> None:
    from shomei_gateway.service_layer.ports import Profile

    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile({**APPLICANT, "mobile_phone": "090-1111-2222"},
                                                      ["G2020001", "S2015001"])
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    page = client.get("/demo-univ/account/profile/").get_data(as_text=True)
    assert "G2020001" in page and "S2015001" in page and "090-1111-2222" in page
    wrong = post(client, "/demo-univ/account/profile/change", {"mobile_phone": "090-abcd"},
                 form_page="/demo-univ/account/profile/edit")
    assert "電話番号は半角数字で入力してください。" in wrong.get_data(as_text=True)
    confirm = post(client, "/demo-univ/account/profile/edit", {**APPLICANT, "mobile_phone": "080-3333-4444"})
    assert "080-3333-4444" in confirm.get_data(as_text=True)
    assert 'action="/demo-univ/account/profile/change"' in confirm.get_data(as_text=True)
    done = client.post("/demo-univ/account/profile/change", data=hidden_fields(confirm.get_data(as_text=True)))
    assert "個人情報の変更が完了しました。" in done.get_data(as_text=True)
    assert enrollment.profiles[account.account_id].data["mobile_phone"] == "080-3333-4444"


def test_reapplication_from_the_result_mail(client: FlaskClient, enrollment: FakeEnrollment) -> None:
    from shomei_gateway.service_layer.ports import SubmittedApplication

    enrollment.returned["tok-1"] = SubmittedApplication("app-1", "returned", "住所が読めません。", dict(APPLICANT),
                                                        "demo-univ")
    assert client.get("/sakura-univ/register/resubmit/?token=tok-1").status_code == 404  # not theirs
    unknown = client.get("/demo-univ/register/resubmit/?token=unknown")
    assert unknown.status_code == 404 and "この再申請のURLは無効です。" in unknown.get_data(as_text=True)
    # The old links named the registration: they open nothing now (ADR 0023).
    assert client.get("/demo-univ/register/resubmit/?registration=app-1").status_code == 404
    assert client.get("/demo-univ/register/resubmit/form").status_code == 403
    start = client.get("/demo-univ/register/resubmit/?token=tok-1")
    assert start.headers["Location"] == "/demo-univ/register/resubmit/form"
    form = client.get("/demo-univ/register/resubmit/form").get_data(as_text=True)
    assert "住所が読めません。" in form and 'value="ヤマダ タロウ"' in form
    image = (io.BytesIO(b"\x89PNG fake"), "front.png")
    confirm = post(client, "/demo-univ/register/resubmit/form", {**APPLICANT, "street": "梅田2-2", "id_front": image},
                   content_type="multipart/form-data")
    assert 'action="/demo-univ/register/resubmit/confirm"' in confirm.get_data(as_text=True)
    done = client.post("/demo-univ/register/resubmit/confirm", data=hidden_fields(confirm.get_data(as_text=True)))
    assert "再申請を受け付けました" in done.get_data(as_text=True)
    ((key, sent, _images),) = enrollment.submitted
    assert key == "resubmit:app-1" and sent["street"] == "梅田2-2"
    used = client.get("/demo-univ/register/resubmit/?token=tok-1")
    assert used.status_code == 404 and "既に使用されています" in used.get_data(as_text=True)
