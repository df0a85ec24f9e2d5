"""The applicant forms in real Chromium against the real enrollment service (its API on a
database of its own, demo-univ seeded), through the gateway's HTTP adapter, at PC and phone
sizes, checked by axe-core. Identity is the in-memory fake: these tests are about the forms.

What they hold (issue 7): every error names its field in the summary, links to it and shows at
it (registration, 学籍番号追加登録, profile change), in Japanese and English; graduation is
checked against birth; dates are typed as 年/月/日 and read back in the user's language; the
additional student number asks only for the other enrollment; the profile's confirmation and
page say what is true."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from gateway_browser import VIEWPORTS, Walk, fill_applicant, labelled, png_file, served
from gateway_fakes import FakeIdentity, png, tenant_profiles
from playwright.sync_api import expect

from shomei_devtools.dev_secrets import fernet_key
from shomei_devtools.postgres import LocalPostgres
from shomei_devtools.trust import session_trust
from shomei_enrollment.bootstrap import bootstrap
from shomei_enrollment.entrypoints.consumer import GROUP
from shomei_enrollment.entrypoints.demo_tenants import DEMO
from shomei_enrollment.entrypoints.migrate import MIGRATIONS
from shomei_enrollment.entrypoints.seed_demo import seed
from shomei_enrollment.entrypoints.web import create_app as enrollment_app
from shomei_enrollment.settings import EnrollmentSettings
from shomei_gateway.adapters.enrollment_http import HttpEnrollment
from shomei_gateway.entrypoints.i18n import request_language
from shomei_gateway.entrypoints.web import create_app
from shomei_gateway.settings import GatewaySettings
from shomei_shared.consumer.consumer import Delivery, IdempotentConsumer
from shomei_shared.db import make_engine, migrate
from shomei_shared.messaging.envelope import Envelope
from shomei_shared.outbox.publisher import InMemoryPublisher
from shomei_shared.web.assertions import Actor
from shomei_shared.web.client import InternalClient

REQUIRED = "必須項目です。"


class Enrollment:
    """The running enrollment API, and what a test needs of it behind the gateway's back."""

    def __init__(self, url: str, consumer: IdempotentConsumer) -> None:
        self.url, self._consumer = url, consumer
        trust, staff = session_trust(), Actor("demo-univ", "staff-1", "staff", ("reviewer",))
        self._client = InternalClient(url, trust.credential("gateway"))
        self._console = InternalClient(url, trust.credential("admin"), assertion=lambda: trust.assertion(staff))
        self._offsets = iter(range(1_000_000))

    def deliver(self, type_: str, aggregate_id: str, payload: dict[str, Any]) -> None:
        envelope = Envelope(type=type_, version=1, tenant_id="demo-univ", aggregate_id=aggregate_id,
                            aggregate_version=1, payload=payload)
        self._consumer.process(Delivery("identity.test", 0, next(self._offsets), None, envelope.to_json(), []))

    def graduate(self, account_id: str, email: str) -> None:
        """A registered, approved graduate whose account is `account_id` (as identity would make it)."""
        registration_id = str(uuid.uuid4())
        self.deliver("RegistrationEmailVerified", registration_id, {"email": email, "locale": "ja"})
        image = base64.b64encode(png()[0]).decode()
        application_id = self._client.call("POST", f"/internal/registrations/{registration_id}/application", {
            "tenant_id": "demo-univ", "document_type": "drivers_license", "images": {"front": image},
            "applicant": {
                "name": {"kanji": "証明 花子", "katakana": "ショウメイ ハナコ", "romaji": "SHOMEI HANAKO"},
                "date_of_birth": "1990-05-01",
                "enrollment": {"university": "shomei", "faculty": "lit", "department": "jpn",
                               "student_number": "", "graduation_year_month": "2013-03", "status": "graduated"},
                "address": {"postal_code": "530-0001", "prefecture": "大阪府", "city": "大阪市北区",
                            "street": "梅田1-1-1", "building": ""},
                "mobile_phone": "090-1234-5678"}})["application_id"]
        self._console.call("POST", f"/internal/staff/applications/{application_id}/decision",
                           {"decision": "approve", "student_number": "L13001"})
        self.deliver("AccountActivated", account_id, {"email": email, "locale": "ja",
                                                      "application_id": application_id})


@pytest.fixture(scope="module")
def enrollment_service(postgres_server: LocalPostgres) -> Iterator[Enrollment]:
    name = f"enrollment_{uuid.uuid4().hex[:10]}"
    postgres_server.create_database(name)
    url = postgres_server.url(name)
    migrate(url, MIGRATIONS)
    engine = make_engine(url, pool_size=4)
    settings = EnrollmentSettings(environment="test", database_url=url, secret_seal_key=fernet_key(),
                                  **session_trust().settings("enrollment"))
    seed(engine, DEMO, datetime.now(UTC).date(), settings)
    service = bootstrap(engine, settings)
    app = enrollment_app(settings, service, engine)
    with served(app) as base:
        yield Enrollment(base, IdempotentConsumer(engine, GROUP, service.consume, InMemoryPublisher()))
    engine.dispose()


@pytest.fixture
def gateway(enrollment_service: Enrollment, identity: FakeIdentity) -> Iterator[str]:
    settings = GatewaySettings(environment="test", secret_key="test-secret-key-0123456789",
                               **session_trust().settings("gateway"))
    client = InternalClient(enrollment_service.url, session_trust().credential("gateway"), language=request_language)
    app: Flask = create_app(settings, identity=identity, enrollment=HttpEnrollment(client, request_language),
                            tenants=tenant_profiles())
    with served(app) as base:
        yield base + "/demo-univ"


@pytest.fixture(params=list(VIEWPORTS))
def walk(request: pytest.FixtureRequest, browser: Any, accessibility_violations: Any) -> Iterator[Walk]:
    """A page at PC or phone size (each test runs at both), every look checked by axe."""
    context = browser.new_context(locale="ja-JP", viewport=VIEWPORTS[request.param])
    yield Walk(context.new_page(), accessibility_violations, request.param)
    context.close()


def open_registration_form(page: Any, site: str, identity: FakeIdentity, language: str = "ja") -> None:
    identity.start_registration("demo-univ", f"{uuid.uuid4().hex[:8]}@example.jp", language)
    token = identity.mails[-1][2]
    page.goto(f"{site}/register/verify?token={token}&lang={language}")
    page.locator("form button[type=submit]").click()
    page.locator("input[name=agree]").check()
    page.locator("form button[type=submit]").click()


def error_at(page: Any, name: str, label: str, message: str) -> None:
    """The reason is in the summary as 「label: message」 linking to the field, and at the field."""
    link = page.locator(f".alert a[href='#f-{name}']")
    expect(link).to_have_text(f"{label}: {message}")
    field = page.locator(f"#f-{name}")
    expect(field).to_have_count(1)
    if name == "status":  # a group of radios: each is invalid, the group is described by the reason
        for radio in page.locator("input[name=status]").all():
            expect(radio).to_have_attribute("aria-invalid", "true")
    else:
        expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby")
    assert described, f"{name} is not described by its error"
    expect(page.locator(f"#{described}")).to_have_text(message)


def confirm(page: Any) -> None:
    page.get_by_role("button", name="確認画面へ").click()


def test_registration_errors_are_at_their_fields(walk: Walk, gateway: str, identity: FakeIdentity,
                                                 tmp_path: Any) -> None:
    page = walk.page
    open_registration_form(page, gateway, identity)

    confirm(page)  # empty: every required field says so, at itself
    walk.look("forms-registration-empty")
    expected = {
        "name_kanji": ("氏名（漢字）", REQUIRED), "name_kana": ("氏名（カタカナ）", REQUIRED),
        "name_romaji": ("氏名（ローマ字）", REQUIRED), "birth_date": ("生年月日（西暦）", REQUIRED),
        "department": ("学部・学科", REQUIRED), "status": ("区分", REQUIRED),
        "postal_code": ("郵便番号", "郵便番号は7桁の数字で入力してください（例: 100-0001）。"),
        "prefecture": ("都道府県", "都道府県を選択してください。"), "city": ("市区町村", REQUIRED),
        "street": ("町名・番地", REQUIRED),
        "mobile_phone": ("携帯電話番号", "自宅または携帯の電話番号を少なくとも1つ入力してください。"),
        "id_document_type": ("書類の種類", "本人確認書類の種類を選択してください。"),
        "id_front": ("表面の画像", "本人確認書類の画像（表面）を添付してください。"),
    }
    for name, (label, message) in expected.items():
        error_at(page, name, label, message)
    assert page.locator(".alert li").count() == len(expected)  # nothing anonymous besides

    # One bad value in every field that can take one (lists and radios offer only good ones).
    fill_applicant(page, png_file(tmp_path))
    bad = {"氏名（漢字）": "山" * 41, "氏名（カタカナ）": "やまだ たろう", "氏名（ローマ字）": "山田 太郎",
           "生年月日（西暦）": "1990/2/30", "在学時の氏名（漢字）": "佐" * 41, "在学時の氏名（カタカナ）": "さとう",
           "在学時の氏名（ローマ字）": "Satō Hanako", "学籍番号": "学籍#1", "卒業（修了）年月": "2012/13",
           "郵便番号": "53-0001", "市区町村": "千" * 101, "町名・番地": "梅" * 101, "建物名・部屋番号": "建" * 101,
           "自宅電話番号": "03-1234", "携帯電話番号": "03-1234-5678", "勤務先名": "勤" * 201,
           "勤務先郵便番号": "12", "勤務先住所": "住" * 201, "勤務先電話番号": "1"}
    for label, value in bad.items():
        labelled(page, label).fill(value)
    not_an_image = tmp_path / "scan.png"
    not_an_image.write_bytes(b"%PDF-1.4 not an image")
    labelled(page, "表面の画像").set_input_files(str(not_an_image))
    confirm(page)
    walk.look("forms-registration-bad")
    katakana = "全角カタカナで、姓と名の間にスペースを入れて入力してください（例: ヤマダ タロウ）。"
    romaji = "半角英字で、姓と名の間にスペースを入れて入力してください（例: YAMADA TARO）。"
    postal = "郵便番号は7桁の数字で入力してください（例: 100-0001）。"
    phone = "電話番号は0から始まる10〜11桁の数字で入力してください（ハイフン可）。"
    for name, label, message in [
        ("name_kanji", "氏名（漢字）", "40文字以内で入力してください。"),
        ("name_kana", "氏名（カタカナ）", katakana), ("name_romaji", "氏名（ローマ字）", romaji),
        ("birth_date", "生年月日（西暦）", "西暦の年/月/日の順に、正しい日付を入力してください（例: 1990/04/01）。"),
        ("enrolled_name_kanji", "在学時の氏名（漢字）", "40文字以内で入力してください。"),
        ("enrolled_name_kana", "在学時の氏名（カタカナ）", katakana),
        ("enrolled_name_romaji", "在学時の氏名（ローマ字）", romaji),
        ("student_number", "学籍番号", "学籍番号は半角英数字20文字以内で入力してください。"),
        ("graduation_year_month", "卒業（修了）年月", "西暦の年/月の順に入力してください（例: 2012/03）。"),
        ("postal_code", "郵便番号", postal), ("city", "市区町村", "100文字以内で入力してください。"),
        ("street", "町名・番地", "100文字以内で入力してください。"),
        ("building", "建物名・部屋番号", "100文字以内で入力してください。"), ("home_phone", "自宅電話番号", phone),
        ("mobile_phone", "携帯電話番号", "携帯電話番号は090-1234-5678の形式で入力してください。"),
        ("workplace_name", "勤務先名", "200文字以内で入力してください。"),
        ("workplace_postal_code", "勤務先郵便番号", postal),
        ("workplace_address", "勤務先住所", "200文字以内で入力してください。"),
        ("workplace_phone", "勤務先電話番号", phone),
        ("id_front", "表面の画像", "jpg・gif・png形式の画像を選択してください。"),
    ]:
        error_at(page, name, label, message)

    # A link of the summary takes the user to the field.
    page.locator(".alert a[href='#f-postal_code']").click()
    expect(labelled(page, "郵便番号")).to_be_focused()
    assert walk.problems == {}


def test_errors_are_in_english_on_english_pages(browser: Any, accessibility_violations: Any, gateway: str,
                                                identity: FakeIdentity) -> None:
    context = browser.new_context(locale="en-GB", viewport=VIEWPORTS["pc"])
    page = context.new_page()
    walk = Walk(page, accessibility_violations, "pc")
    open_registration_form(page, gateway, identity, "en")
    expect(page.locator("#h-birth_date")).to_have_text("Year/month/day. Example: 1990/04/01")
    page.locator("#f-birth_date").fill("1990/2/30")
    page.locator("form button[type=submit]").click()
    walk.look("forms-registration-en")
    error_at(page, "name_kanji", "Name (kanji)", "This field is required.")
    error_at(page, "department", "Faculty and department", "This field is required.")
    error_at(page, "birth_date", "Date of birth",
             "Enter a real date as year/month/day in the Western calendar (e.g. 1990/04/01).")
    assert walk.problems == {}


def test_graduation_is_checked_against_birth_and_dates_read_as_typed(
        walk: Walk, gateway: str, identity: FakeIdentity, tmp_path: Any) -> None:
    page = walk.page
    open_registration_form(page, gateway, identity)
    # Typed, not picked: a text box whose hint gives the order 年/月/日.
    expect(labelled(page, "生年月日（西暦）")).to_have_attribute("type", "text")
    expect(page.locator("#h-birth_date")).to_have_text("年/月/日の順に 例: 1990/04/01")
    expect(labelled(page, "卒業（修了）年月")).to_have_attribute("type", "text")
    fill_applicant(page, png_file(tmp_path))
    labelled(page, "生年月日（西暦）").fill("1995/4/1")
    labelled(page, "卒業（修了）年月").fill("1990/3")
    confirm(page)
    error_at(page, "graduation_year_month", "卒業（修了）年月",
             "卒業（修了）年月が生年月日より前になっています。年を確認してください。")
    labelled(page, "卒業（修了）年月").fill("2008/3")  # at 12
    labelled(page, "表面の画像").set_input_files(png_file(tmp_path))
    confirm(page)
    walk.look("forms-graduation-too-young")
    error_at(page, "graduation_year_month", "卒業（修了）年月",
             "卒業（修了）年月が15歳より前になっています。年を確認してください。")

    labelled(page, "入学年月").fill("2013/4")
    labelled(page, "卒業（修了）年月").fill("2013/3")
    labelled(page, "表面の画像").set_input_files(png_file(tmp_path))
    confirm(page)
    error_at(page, "graduation_year_month", "卒業（修了）年月",
             "卒業（修了）年月が入学年月より前になっています。年を確認してください。")
    labelled(page, "入学年月").fill("1994/4")
    labelled(page, "表面の画像").set_input_files(png_file(tmp_path))
    confirm(page)
    error_at(page, "admission_year_month", "入学年月", "入学年月が生年月日より前になっています。年を確認してください。")

    # Full-width digits and either separator are read, and the confirmation says it in words.
    labelled(page, "生年月日（西暦）").fill("１９９５／４／１")
    labelled(page, "入学年月").fill("２０１３年４月")
    labelled(page, "卒業（修了）年月").fill("2017-03")
    labelled(page, "表面の画像").set_input_files(png_file(tmp_path))
    confirm(page)
    walk.look("forms-dates-confirm")
    expect(page.get_by_text("1995年4月1日")).to_be_visible()
    expect(page.get_by_text("2017年3月")).to_be_visible()
    expect(page.get_by_text("2013年4月")).to_be_visible()
    expect(page.get_by_text("530-0001")).to_be_visible()
    page.goto(page.url.split("?")[0] + "?lang=en")  # the form again, in English: a hint in its words
    expect(page.locator("#h-graduation_year_month")).to_have_text("Year/month. Example: 2012/03")
    assert walk.problems == {}


def signed_in_graduate(page: Any, gateway: str, identity: FakeIdentity, enrollment_service: Enrollment) -> str:
    email = f"{uuid.uuid4().hex[:8]}@example.jp"
    identity.activate(email, "P")
    account = identity.accounts[email]
    account.initial, account.second_password = False, "S"
    enrollment_service.graduate(account.account_id, email)
    page.goto(gateway + "/login")
    labelled(page, "メールアドレス").fill(email)
    labelled(page, "パスワード").fill("P")
    labelled(page, "第2パスワード").fill("S")
    page.get_by_role("button", name="ログイン").click()
    return account.account_id


def test_an_additional_student_number_asks_only_for_the_other_enrollment(
        walk: Walk, gateway: str, identity: FakeIdentity, enrollment_service: Enrollment, tmp_path: Any) -> None:
    page = walk.page
    signed_in_graduate(page, gateway, identity, enrollment_service)
    page.get_by_role("link", name="学籍番号追加登録").click()
    page.get_by_role("button", name="メールを送信").click()
    page.goto(f"{gateway}/account/student-numbers/new?token={identity.mails[-1][2]}")
    page.get_by_role("button", name="入力へ進む").click()
    walk.look("forms-student-number")
    # What the graduate gave at registration is shown, not asked again.
    given = page.locator("section[aria-labelledby=given-heading]")
    for known in ("証明 花子", "ショウメイ ハナコ", "1990年5月1日", "530-0001", "大阪府", "090-1234-5678"):
        expect(given).to_contain_text(known)
    for asked_before in ("氏名（漢字）", "生年月日（西暦）", "郵便番号", "携帯電話番号", "書類の種類", "表面の画像"):
        expect(labelled(page, asked_before)).to_have_count(0)  # nor an identity document (rule 14)

    confirm(page)  # empty: errors at the fields there are
    walk.look("forms-student-number-empty")
    error_at(page, "department", "学部・学科", REQUIRED)
    error_at(page, "status", "区分", REQUIRED)
    expect(page.locator("#e-id_front")).to_have_count(0)

    labelled(page, "学部・学科").select_option(label="情報工学専攻")
    labelled(page, "学籍番号").fill("G2020001")
    labelled(page, "卒業（修了）年月").fill("1989/3")  # before the profile's birth date
    labelled(page, "在学時の氏名（カタカナ）").fill("さとう")
    page.get_by_label("卒業", exact=True).check()
    confirm(page)
    error_at(page, "graduation_year_month", "卒業（修了）年月",
             "卒業（修了）年月が生年月日より前になっています。年を確認してください。")
    error_at(page, "enrolled_name_kana", "在学時の氏名（カタカナ）",
             "全角カタカナで、姓と名の間にスペースを入れて入力してください（例: ヤマダ タロウ）。")
    error_at(page, "enrolled_name_kanji", "在学時の氏名（漢字）", REQUIRED)

    for label in ("在学時の氏名（漢字）", "在学時の氏名（カタカナ）", "在学時の氏名（ローマ字）"):
        labelled(page, label).fill("")
    labelled(page, "卒業（修了）年月").fill("2015/3")
    confirm(page)
    walk.look("forms-student-number-confirm")
    expect(page.get_by_text("証明 花子")).to_be_visible()
    expect(page.get_by_text("情報工学専攻")).to_be_visible()
    page.get_by_role("button", name="申請").click()
    expect(page.get_by_role("heading", name="学籍番号の追加登録を申請しました")).to_be_visible()
    assert walk.problems == {}


def test_profile_change_errors_confirmation_and_page(
        walk: Walk, gateway: str, identity: FakeIdentity, enrollment_service: Enrollment) -> None:
    page = walk.page
    signed_in_graduate(page, gateway, identity, enrollment_service)
    page.get_by_role("link", name="個人情報設定・変更").click()
    walk.look("forms-profile")
    expect(page.get_by_text("L13001")).to_be_visible()  # the registered number, listed once
    summary = page.locator("dl.summary dt")
    expect(summary.get_by_text("学籍番号", exact=True)).to_have_count(0)  # no 「—」 below it
    expect(summary.get_by_text("書類の種類", exact=True)).to_have_count(0)  # the application's, not kept here
    expect(page.locator("main")).to_contain_text("1990年5月1日")

    page.get_by_role("link", name="変更する").click()
    labelled(page, "氏名（漢字）").fill("")
    labelled(page, "氏名（カタカナ）").fill("しょうめい")
    labelled(page, "郵便番号").fill("53-0001")
    labelled(page, "携帯電話番号").fill("")
    confirm(page)
    walk.look("forms-profile-errors")
    error_at(page, "name_kanji", "氏名（漢字）", REQUIRED)
    error_at(page, "name_kana", "氏名（カタカナ）",
             "全角カタカナで、姓と名の間にスペースを入れて入力してください（例: ヤマダ タロウ）。")
    error_at(page, "postal_code", "郵便番号", "郵便番号は7桁の数字で入力してください（例: 100-0001）。")
    error_at(page, "mobile_phone", "携帯電話番号", "自宅または携帯の電話番号を少なくとも1つ入力してください。")

    labelled(page, "氏名（漢字）").fill("証明 花子")
    labelled(page, "氏名（カタカナ）").fill("ショウメイ ハナコ")
    labelled(page, "郵便番号").fill("５３０－０００２")
    labelled(page, "携帯電話番号").fill("080-9876-5432")
    confirm(page)
    walk.look("forms-profile-confirm")
    expect(page.get_by_text("「変更」を押してください")).to_be_visible()
    expect(page.get_by_text("「申請」")).to_have_count(0)
    expect(page.get_by_text("530-0002")).to_be_visible()  # as it will be stored
    expect(page.locator("dt:text-is('都道府県') + dd")).to_have_text("大阪府")
    page.get_by_role("button", name="変更", exact=True).click()
    expect(page.get_by_role("heading", name="変更完了")).to_be_visible()
    page.goto(gateway + "/account/profile/")
    expect(page.get_by_text("530-0002")).to_be_visible()
    assert walk.problems == {}
