"""A graduate's first journey and a university officer's review, across every service, through
real Kafka, PostgreSQL, SMTP (the mailbox) and Chromium (DOMAIN rules 8-13)."""

from __future__ import annotations

import io
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pyotp
import pytest
from PIL import Image
from playwright.sync_api import expect

from shomei_devtools.paths import local_dir
from shomei_devtools.trust import run_kit
from shomei_shared.kafka_net import KafkaConnection, client_config

SCREENS = local_dir() / "test" / "screens" / "e2e"
GRADUATE = "hanako.yamada@example.jp"
NEW_ADDRESS = "hanako@new-provider.example.jp"


def labelled(page: Any, label: str) -> Any:
    return page.get_by_label(re.compile("^" + re.escape(label) + "(必須)?$"))


class Journey:
    """One browser tab walking the journey; every page is screenshotted and checked by axe."""

    def __init__(self, page: Any, check: Any) -> None:
        self.page, self.check = page, check
        self.problems: dict[str, Any] = {}

    def look(self, name: str) -> None:
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
        if found := self.check(self.page):
            self.problems[name] = found


def id_image(tmp_path: Any) -> str:
    path = tmp_path / "licence.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (210, 225, 240)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def log_in(page: Any, gateway: str, email: str, password: str, second_password: str) -> None:
    page.goto(gateway + "/login")
    labelled(page, "メールアドレス").fill(email)
    labelled(page, "パスワード").fill(password)
    labelled(page, "第2パスワード").fill(second_password)
    page.get_by_role("button", name="ログイン").click()


def change_one(page: Any, gateway: str, menu_item: str, current: str, new: str, which: str = "パスワード") -> None:
    page.goto(gateway + "/account/")
    page.get_by_role("link", name=menu_item, exact=True).click()
    labelled(page, f"現在の{which}").fill(current)
    labelled(page, f"新しい{which}").fill(new)
    labelled(page, f"新しい{which}（確認）").fill(new)
    page.get_by_role("button", name="変更する").click()
    expect(page.get_by_text("変更が完了しました。")).to_be_visible()


def fill_applicant(page: Any, tmp_path: Any) -> None:
    labelled(page, "氏名（漢字）").fill("山田 花子")
    labelled(page, "氏名（カタカナ）").fill("ヤマダ ハナコ")
    labelled(page, "氏名（ローマ字）").fill("yamada hanako")
    labelled(page, "生年月日（西暦）").fill("1992-05-01")
    fill_enrollment(page, tmp_path)
    labelled(page, "郵便番号").fill("5300001")
    labelled(page, "都道府県").select_option("大阪府")
    labelled(page, "市区町村").fill("大阪市北区")
    labelled(page, "町名・番地").fill("梅田1-1-1")
    labelled(page, "携帯電話番号").fill("090-1234-5678")
    # A registration proves who the applicant is (rule 8); an additional number does not ask it.
    labelled(page, "書類の種類").select_option("drivers_license")
    labelled(page, "表面の画像").set_input_files(id_image(tmp_path))


def fill_enrollment(page: Any, tmp_path: Any, student_number: str = "") -> None:
    """What belongs to one student number; 学籍番号追加登録 asks only this (manual §2.3, rule 14:
    no identity document, the graduate was proven at registration)."""
    labelled(page, "学部・学科").select_option(index=1)
    labelled(page, "学籍番号").fill(student_number)
    page.get_by_label("卒業", exact=True).check()


def test_register_be_approved_and_log_in(suite: Any, browser: Any, accessibility_violations: Any,
                                         tmp_path: Any) -> None:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    journey = Journey(context.new_page(), accessibility_violations)
    page, gateway = journey.page, suite.url("gateway") + "/demo-univ"
    admin = suite.url("admin") + "/demo-univ"

    # 新規登録 → 注意事項 → e-mail twice → confirmation mail with a one-time URL
    page.goto(gateway + "/")
    page.get_by_role("link", name="新規登録").first.click()
    labelled(page, "メールアドレス").fill(GRADUATE)
    labelled(page, "メールアドレス（確認）").fill(GRADUATE)
    page.get_by_role("button", name="確認メールを送信").click()
    journey.look("01-sent")
    mail = suite.wait_for_mail(GRADUATE, "メールアドレスの確認")
    assert "【証明大学 証明書発行サービス】" in mail["subject"] and "office@demo-univ.example" in mail["text_body"]
    (url,) = [u for u in mail["urls"] if "/demo-univ/register/verify" in u]
    page.goto(url)
    page.get_by_role("button", name="登録を続ける").click()
    journey.look("02-terms")
    labelled(page, "上記内容に同意する").check()
    page.get_by_role("button", name="次へ").click()
    journey.look("03-applicant")

    # The applicant form, all required items, an ID image → confirmation → 申請 → 申請受付
    fill_applicant(page, tmp_path)
    page.get_by_role("button", name="確認画面へ").click()
    journey.look("04-confirm")
    expect(page.get_by_text("YAMADA HANAKO")).to_be_visible()
    expect(page.get_by_text("530-0001")).to_be_visible()
    page.get_by_role("button", name="申請").click()
    journey.look("05-received")
    suite.wait_for_mail(GRADUATE, "申請受付")

    # The officer approves in the console, signing in with password and TOTP
    staff = dict(line.split("=", 1) for line in suite.run(
        "identity", "-m", "shomei_identity.entrypoints.seed_staff", "--tenant", "demo-univ",
        "--email", "reviewer@demo-univ.example").split())
    console = context.new_page()
    console.goto(admin + "/login")
    console.get_by_label("メールアドレス").fill(staff["email"])
    console.get_by_label("パスワード").fill(staff["password"])
    console.get_by_label("確認コード（認証アプリの6桁）").fill(pyotp.TOTP(staff["totp_secret"]).now())
    console.get_by_role("button", name="ログイン").click()

    # The registrar imports alumni records exported as Shift_JIS; the review then suggests a match
    console.get_by_role("link", name="卒業生データ取込").click()
    alumni = tmp_path / "alumni.csv"
    alumni.write_bytes(("student_number,name_kanji,name_kana,date_of_birth,faculty,department,"
                        "graduation_year_month,status\n"
                        "S2015001,山田 花子,ヤマダ ハナコ,1992-05-01,lit,jpn,2015-03,卒業\n"
                        "G2020001,山田 花子,ヤマダ ハナコ,1992-05-01,lit,jpn,2020-03,卒業\n").encode("cp932"))
    console.get_by_label("卒業生データ（CSV: UTF-8 または Shift_JIS）").set_input_files(str(alumni))
    console.get_by_role("button", name="取り込む").click()
    expect(console.get_by_role("status")).to_have_text("新規 2 件、更新 0 件、エラー 0 件")
    # ... and the degree, dates and courses the certificates of G2020001 (ordered below) print
    console.get_by_role("link", name="成績・学位の記録").click()
    records, courses = tmp_path / "records.csv", tmp_path / "courses.csv"
    records.write_bytes(("student_number,name_romaji,degree,degree_ja,degree_en,admitted_on,graduated_on,"
                         "withdrawn_on,expected_graduation_on\n"
                         "G2020001,YAMADA Hanako,学士,学士（文学）,Bachelor of Arts,2016-04-01,2020-03-25,,\n"
                         ).encode("cp932"))
    courses.write_bytes(("student_number,term,code,title_ja,title_en,credits,grade\n"
                         "G2020001,2016前期,LIT101,日本文学概論,Introduction to Japanese Literature,2,優\n"
                         "G2020001,2019後期,LIT499,卒業論文,Graduation Thesis,8,秀\n").encode("cp932"))
    console.get_by_label("成績・学位の記録（CSV: 学籍番号ごとに1行）").set_input_files(str(records))
    console.get_by_label("履修科目（CSV: 科目ごとに1行）").set_input_files(str(courses))
    console.get_by_role("button", name="取り込む").click()
    expect(console.get_by_role("status")).to_contain_text("新規 1 件")
    console.get_by_role("link", name="審査待ち").click()
    console.get_by_role("link", name="山田 花子").click()
    expect(console.get_by_role("cell", name="S2015001")).to_be_visible()  # the suggested alumni record
    console.get_by_role("radio", name="再申請を依頼").check()
    console.get_by_label("理由（却下・再申請の場合は必須。申請者へのメールに記載されます）").fill("番地を建物名まで記入してください。")
    console.get_by_role("button", name="判定する").click()
    expect(console.get_by_role("status")).to_have_text("再申請を依頼しました。")

    # 再申請: the result mail's link → the reason → the corrected form → confirmation → 申請
    returned = suite.wait_for_mail(GRADUATE, "利用申請結果のお知らせ", "番地を建物名まで記入してください。")
    (resubmit_url,) = [u for u in returned["urls"] if "/demo-univ/register/resubmit" in u]
    assert "?token=" in resubmit_url and "registration=" not in resubmit_url  # a one-time link (ADR 0023)
    page.goto(resubmit_url.replace("/demo-univ/", "/sakura-univ/"))  # another university's address
    expect(page.get_by_role("heading", name="再申請できる申請はありません")).to_be_visible()
    page.goto(resubmit_url)
    journey.look("05b-resubmit")
    expect(page.get_by_text("番地を建物名まで記入してください。", exact=False)).to_be_visible()
    labelled(page, "建物名・部屋番号").fill("梅田ビル101")
    labelled(page, "表面の画像").set_input_files(id_image(tmp_path))
    page.get_by_role("button", name="確認画面へ").click()
    page.get_by_role("button", name="申請").click()
    expect(page.get_by_role("heading", name="再申請を受け付けました")).to_be_visible()
    page.goto(resubmit_url)  # the link worked once
    expect(page.get_by_role("heading", name="再申請できる申請はありません")).to_be_visible()
    expect(page.get_by_text("既に使用されています", exact=False)).to_be_visible()

    console.goto(admin + "/")
    console.get_by_role("link", name="山田 花子").click()
    expect(console.get_by_text("梅田ビル101")).to_be_visible()
    console.get_by_role("radio", name="承認").check()
    console.get_by_label("学籍番号（承認時）").fill("S2015001")
    console.get_by_role("button", name="判定する").click()
    expect(console.get_by_role("status")).to_have_text("承認しました。")

    # 利用申請結果のお知らせ with the initial password → first login → both passwords set
    result = suite.wait_for_mail(GRADUATE, "利用申請結果のお知らせ", "初回パスワード")
    initial = re.search(r"(?:初回|初期)パスワード[：:]\s*(\S+)", result["text_body"])
    assert initial, result["text_body"]
    page.goto(gateway + "/login")
    labelled(page, "メールアドレス").fill(GRADUATE)
    labelled(page, "パスワード").fill(initial.group(1))
    page.get_by_role("button", name="ログイン").click()
    journey.look("06-first-passwords")
    labelled(page, "新しいパスワード").fill("Sakura-Spring-2026")
    labelled(page, "新しいパスワード（確認）").fill("Sakura-Spring-2026")
    labelled(page, "新しい第2パスワード").fill("Second-Hanako-77")
    labelled(page, "新しい第2パスワード（確認）").fill("Second-Hanako-77")
    page.get_by_role("button", name="設定する").click()
    journey.look("07-menu")
    expect(page.get_by_text(f"{GRADUATE} でログインしています。")).to_be_visible()

    # 新規登録 again with the address that now has an account (issue 7, ADR 0018): the browser
    # sees the same page as for a new address; the mail says how to log in or reset instead.
    stranger = browser.new_context(locale="ja-JP").new_page()
    stranger.goto(gateway + "/register/")
    labelled(stranger, "メールアドレス").fill(GRADUATE)
    labelled(stranger, "メールアドレス（確認）").fill(GRADUATE)
    stranger.get_by_role("button", name="確認メールを送信").click()
    expect(stranger.get_by_role("heading", name="確認メールを送信しました")).to_be_visible()
    stranger.context.close()
    existing = suite.wait_for_mail(GRADUATE, "新規登録についてのお知らせ", "パスワードを忘れた場合")
    assert any(u.endswith("/demo-univ/password/forgot") for u in existing["urls"]), existing["urls"]
    assert [m["subject"] for m in suite.mails(GRADUATE)].count(mail["subject"]) == 1  # no second link

    # Thereafter login needs all three
    page.get_by_role("button", name="ログアウト").click()
    labelled(page, "メールアドレス").fill(GRADUATE)
    labelled(page, "パスワード").fill("Sakura-Spring-2026")
    labelled(page, "第2パスワード").fill("Second-Hanako-77")
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="メニュー")).to_be_visible()

    # 学籍番号追加登録 (rule 14): one-time URL by mail → the other number's data → staff approval
    page.get_by_role("link", name="学籍番号追加登録").click()
    page.get_by_role("button", name="メールを送信").click()
    addition = suite.wait_for_mail(GRADUATE, "学籍番号追加")
    (addition_url,) = [u for u in addition["urls"] if "/account/student-numbers/new" in u]
    page.goto(addition_url)
    page.get_by_role("button", name="入力へ進む").click()
    expect(page.get_by_text("山田 花子")).to_be_visible()  # the person is the one registered, not asked again
    fill_enrollment(page, tmp_path, student_number="G2020001")
    page.get_by_role("button", name="確認画面へ").click()
    page.get_by_role("button", name="申請").click()
    journey.look("08-student-number-applied")
    expect(page.get_by_role("heading", name="学籍番号の追加登録を申請しました")).to_be_visible()
    console.goto(admin + "/")
    console.get_by_role("link", name=re.compile("山田")).first.click()
    console.get_by_role("radio", name="承認").check()
    console.get_by_label("学籍番号（承認時）").fill("G2020001")
    console.get_by_role("button", name="判定する").click()
    expect(console.get_by_role("status")).to_have_text("承認しました。")
    added = suite.wait_for_mail(GRADUATE, "利用申請結果のお知らせ", "学籍番号の追加登録が完了しました")
    assert "G2020001" in added["text_body"]

    # 個人情報設定・変更 (rule 16): both student numbers listed; edit → confirm → 変更 → 変更完了
    page.goto(gateway + "/account/")
    page.get_by_role("link", name="個人情報設定・変更").click()
    journey.look("09-profile")
    expect(page.get_by_text("G2020001")).to_be_visible()
    expect(page.get_by_text("S2015001")).to_be_visible()
    page.get_by_role("link", name="変更する").click()
    labelled(page, "携帯電話番号").fill("080-9876-5432")
    page.get_by_role("button", name="確認画面へ").click()
    journey.look("10-profile-confirm")
    page.get_by_role("button", name="変更", exact=True).click()
    expect(page.get_by_role("heading", name="変更完了")).to_be_visible()
    page.goto(gateway + "/account/profile/")
    expect(page.get_by_text("080-9876-5432")).to_be_visible()

    # 証明書を発行 (issue 9) on the real enrollment and ordering: the two numbers to choose from,
    # each number's status and programme from enrollment, the fees and deadline from ordering.
    page.goto(gateway + "/account/")
    page.get_by_role("link", name="証明書を発行").click()
    page.get_by_label("G2020001").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("セブン-イレブン（ネットプリント）").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("卒業証明書", exact=True).fill("2")
    page.get_by_label("成績証明書", exact=True).fill("1")
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("クレジットカード（PayPal）").check()
    page.get_by_role("button", name="次へ").click()
    journey.look("10a-order-confirm")
    expect(page.locator("dd.total")).to_have_text("1,700円")  # 500 × 3 and the usage fee of 200
    page.get_by_role("button", name="申請", exact=True).dblclick()
    expect(page.locator("dd.status")).to_have_text("お支払い待ち")
    journey.look("10b-order-placed")
    order_url = page.url
    expect(page.get_by_text(re.compile(r"お支払い期限・印刷期限：\d{4}年\d{1,2}月\d{1,2}日（.）23:59"))).to_be_visible()
    page.get_by_role("link", name="申請履歴へ").click()
    expect(page.get_by_role("cell", name="G2020001")).to_have_count(1)  # one order for the double click
    # the notifier heard OrderPlaced on ordering.order: one mail with the lines, total and deadline
    received = suite.wait_for_mail(GRADUATE, "証明書のお申し込みを受け付けました", "合計　1,700円")
    assert "卒業証明書" in received["text_body"] and "クレジットカード（PayPal）" in received["text_body"]
    assert re.search(r"お支払い期限：\d{4}年\d{1,2}月\d{1,2}日（.）23:59", received["text_body"])

    # お支払い by PayPal: the button shows once payment has heard OrderPlaced (the page refreshes
    # itself until then); PayPal's approval page (the simulator) sends the browser back to the
    # gateway, which captures; the order shows paid once ordering has heard PaymentCaptured.
    page.goto(order_url)
    page.get_by_role("button", name="お支払いへ（PayPal）").click(timeout=60_000)
    expect(page).to_have_url(re.compile(r"/checkoutnow\?token="))
    page.get_by_role("button", name=re.compile("承認して支払う")).click()  # the first card: approved
    expect(page).to_have_url(re.compile(re.escape(order_url) + r"/paypal/return\?token="))
    returned = page.url
    expect(page.get_by_text(re.compile("お支払いが完了しました"))).to_be_visible()
    expect(page.locator("dd.status")).to_have_text("お支払い済み", timeout=60_000)
    journey.look("10c-order-paid-by-paypal")
    page.goto(returned)  # the back button to PayPal's return: nothing captured again, still paid
    expect(page.locator("dd.status")).to_have_text("お支払い済み")
    expect(page.get_by_role("button", name="お支払いへ（PayPal）")).to_have_count(0)

    # 印刷 (issue 10): print-gateway hears OrderPaid, issues the three copies from enrollment's
    # record and submits them to netprint; the order page shows a number per copy (refreshing
    # itself until then), the reservation mail names every number, and the netprint simulator's
    # machine prints every copy, each under its own number.
    page.goto(order_url)
    numbers = page.locator("td.print-number")
    expect(numbers).to_have_count(3, timeout=120_000)
    journey.look("10e-order-print-numbers")
    issued = numbers.all_inner_texts()
    assert len(set(issued)) == 3 and all(re.fullmatch(r"[34679ACDEFGHJKMNPQRTUVWXY]{8}", n) for n in issued), issued
    graduation = page.get_by_role("row").filter(has_text="卒業証明書").locator("td.print-number")
    graduation_number = graduation.first.inner_text()
    # the notifier heard PrintReservationIssued: one mail with every number
    reserved = suite.wait_for_mail(GRADUATE, "プリント予約番号のお知らせ", issued[-1])
    assert all(n in reserved["text_body"] for n in issued), reserved["text_body"]
    printed_pages: dict[str, bytes] = {}
    for n, reservation_number in enumerate(issued):
        printed_pages[reservation_number] = print_at_machine(journey, suite.url("netprint"), "プリント予約番号",
                                                             reservation_number, f"10f-netprint-{n + 1}")
    reload_until_fulfilled(page, order_url)
    expect(page.get_by_role("cell", name="印刷済み", exact=True)).to_have_count(3)  # the signed callbacks reached us
    expect(page.get_by_role("cell", name="未印刷", exact=True)).to_have_count(0)
    journey.look("10g-order-fulfilled")

    # The QR code read from the printed page (the machine's image of it, as a phone would scan the
    # paper) opens the gateway's verification page: valid, with the image of the issued first page.
    (verify_url,) = qr_codes(printed_pages[graduation_number])
    assert verify_url.startswith(gateway + "/verify/"), verify_url
    checker = browser.new_context(locale="ja-JP").new_page()  # whoever received the paper: no account
    checker.goto(verify_url)
    expect(checker.get_by_role("heading", name="有効な証明書です")).to_be_visible()
    expect(checker.locator("dl.facts")).to_contain_text("卒業証明書")
    verifier = Journey(checker, journey.check)
    verifier.look("10h-verified-valid")
    code = verify_url.rsplit("/", 1)[1]

    # The registrar revokes it in the console (found by its code); the same page then says revoked.
    console.goto(admin + "/certificates")
    console.get_by_label("確認コード").fill(code)
    console.get_by_role("button", name="検索").click()
    expect(console.get_by_role("status")).to_have_text(re.compile("^1件"))
    console.locator("tbody tr").get_by_role("link").first.click()  # its certificate number
    console.get_by_label(re.compile("理由")).fill("成績の誤記のため再発行しました。")
    console.get_by_role("button", name="取り消す").click()
    expect(console.get_by_role("status")).to_have_text(re.compile("証明書を取り消しました"))
    staff_pages = Journey(console, journey.check)
    staff_pages.look("10i-console-revoked")
    checker.goto(verify_url)
    expect(checker.get_by_role("heading", name="この証明書は取り消されています")).to_be_visible()
    expect(checker.get_by_text("成績の誤記のため再発行しました。", exact=False)).to_be_visible()
    verifier.look("10j-verified-revoked")
    checker.context.close()
    journey.problems |= verifier.problems | staff_pages.problems

    # お支払い by Smart Pit: the number on the order page, paid at the simulator's store terminal
    # (申込券, then the register); its 速報 reaches payment, and ordering marks the order paid.
    page.goto(gateway + "/account/")
    page.get_by_role("link", name="証明書を発行").click()
    page.get_by_label("G2020001").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("ファミリーマート・ローソン（シャープ ネットワークプリント）").check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_label("成績証明書", exact=True).fill("1")
    page.get_by_role("button", name="次へ").click()
    page.get_by_label(re.compile("コンビニ払い（スマートピット")).check()
    page.get_by_role("button", name="次へ").click()
    page.get_by_role("button", name="申請", exact=True).click()
    number = page.locator("dd.smartpit-number")
    expect(number).to_have_text(re.compile(r"^\d{13}$"), timeout=60_000)
    journey.look("10d-order-smartpit-number")
    smartpit_order, smartpit_number = page.url, number.inner_text()
    page.goto(suite.url("smartpit") + "/terminal")
    page.get_by_label("ファミリーマート", exact=True).check()
    page.get_by_label(re.compile("スマートピット番号")).fill(smartpit_number)
    page.get_by_role("button", name=re.compile("申込券を発券")).click()
    page.get_by_role("button", name=re.compile("レジで支払う")).click()
    expect(page.get_by_role("heading", name=re.compile("お支払いが完了しました"))).to_be_visible()
    page.goto(smartpit_order)
    expect(page.locator("dd.status")).to_have_text("お支払い済み", timeout=60_000)
    # The order prints at FamilyMart: one Sharp ユーザー番号 for the order, printed at its machine.
    user_number = page.locator("td.print-number")
    expect(user_number).to_have_count(1, timeout=120_000)
    sharp_number = user_number.inner_text()
    journey.look("10k-order-sharp-number")
    suite.wait_for_mail(GRADUATE, "プリント予約番号のお知らせ", sharp_number)
    print_at_machine(journey, suite.url("sharpprint"), "ユーザー番号", sharp_number, "10l-sharp")
    reload_until_fulfilled(page, smartpit_order)
    expect(page.get_by_role("cell", name="印刷済み", exact=True)).to_have_count(1)
    journey.look("10m-sharp-order-fulfilled")
    page.get_by_role("link", name="申請履歴へ").click()

    # パスワード変更 and 第2パスワード変更 (rule 18), each noticed by mail
    change_one(page, gateway, "パスワード変更", "Sakura-Spring-2026", "Momiji-Autumn-2026")
    journey.look("11-password-changed")
    suite.wait_for_mail(GRADUATE, "パスワード変更のお知らせ")
    change_one(page, gateway, "第2パスワード変更", "Second-Hanako-77", "Second-Hanako-88", which="第2パスワード")
    suite.wait_for_mail(GRADUATE, "第2パスワード変更のお知らせ")

    # メールアドレス変更 (rule 17): the one-time URL goes to the new address
    page.goto(gateway + "/account/")
    page.get_by_role("link", name="メールアドレス変更").click()
    labelled(page, "メールアドレス").fill(NEW_ADDRESS)
    labelled(page, "メールアドレス（確認）").fill(NEW_ADDRESS)
    labelled(page, "現在のパスワード").fill("Momiji-Autumn-2026")  # the address moves only with the password
    page.get_by_role("button", name="確認メールを送信").click()
    confirmation = suite.wait_for_mail(NEW_ADDRESS, "メールアドレス変更の確認")
    (change_url,) = [u for u in confirmation["urls"] if "/account/email/confirm" in u]
    page.goto(change_url)
    page.get_by_role("button", name="変更を確定する").click()
    expect(page.get_by_role("heading", name="メールアドレスを変更しました")).to_be_visible()
    suite.wait_for_mail(GRADUATE, "メールアドレス変更のお知らせ")

    # パスワードを忘れた場合 (rule 19) from the login page, then log in with the new address
    page.goto(gateway + "/account/")
    page.get_by_role("button", name="ログアウト").click()
    page.get_by_role("link", name="パスワードを忘れた場合").click()
    labelled(page, "メールアドレス").fill(NEW_ADDRESS)
    page.get_by_role("button", name="送信").click()
    reset = suite.wait_for_mail(NEW_ADDRESS, "パスワードの再設定")
    (reset_url,) = [u for u in reset["urls"] if "/password/reset" in u]
    page.goto(reset_url)
    journey.look("12-reset")
    labelled(page, "新しいパスワード").fill("Fuji-Winter-2026x")
    labelled(page, "新しいパスワード（確認）").fill("Fuji-Winter-2026x")
    labelled(page, "新しい第2パスワード").fill("Second-Fuji-99")
    labelled(page, "新しい第2パスワード（確認）").fill("Second-Fuji-99")
    page.get_by_role("button", name="設定する").click()
    expect(page.get_by_role("heading", name="パスワードを再設定しました")).to_be_visible()
    log_in(page, gateway, NEW_ADDRESS, "Fuji-Winter-2026x", "Second-Fuji-99")
    expect(page.get_by_role("heading", name="メニュー")).to_be_visible()

    # Signed in at 証明大学 is nothing at 桜花大学: the session is not accepted there, nor the account
    page.goto(suite.url("gateway") + "/sakura-univ/account/")
    expect(page.get_by_role("heading", name="卒業生ログイン")).to_be_visible()
    log_in(page, suite.url("gateway") + "/sakura-univ", NEW_ADDRESS, "Fuji-Winter-2026x", "Second-Fuji-99")
    expect(page.get_by_role("alert")).to_be_visible()
    page.goto(gateway + "/account/")
    expect(page.get_by_role("heading", name="メニュー")).to_be_visible()  # still signed in at 証明大学
    session_ids = [c["value"] for c in context.cookies() if c["name"].startswith("shomei_session-")]
    context.close()
    assert journey.problems == {}

    # No secret of the journey in any event on any topic, nor in any process's log (ADR 0005)
    token = url.split("token=", 1)[1]
    secrets_used = {"one-time URL token": token, "initial password": initial.group(1),
                    "password": "Sakura-Spring-2026", "second password": "Second-Hanako-77",
                    "changed password": "Momiji-Autumn-2026", "reset password": "Fuji-Winter-2026x",
                    "reset token": reset_url.split("token=", 1)[1],
                    "e-mail change token": change_url.split("token=", 1)[1],
                    "staff password": staff["password"], "session id": session_ids[0],
                    "re-application token": resubmit_url.split("token=", 1)[1],
                    "forced error's value": force_an_error(suite)}
    secrets_used |= {f"Kafka password of {service}": suite.kafka(service).password
                     for service in ("identity", "enrollment", "notifier")}
    secrets_used |= payment_secrets(suite)
    events = all_events(suite.kafka())
    assert len(events) > 5  # the scan read the journey's events
    logs = "".join(suite.output)
    assert "Traceback" in logs  # the scan reads the forced error's traceback too
    for what, value in secrets_used.items():
        assert not any(value in event for event in events), f"{what} found in a Kafka event"
        assert value not in logs, f"{what} found in a log"
    assert_causes_traced(events, suite.output)


def print_at_machine(journey: Journey, machine: str, label: str, number: str, name: str) -> bytes:
    """At the store's machine: the number, 確認, すべてプリント; every printed page is shown as an
    image. Returns the first page's image as the machine serves it."""
    page = journey.page
    page.goto(machine + "/machine/")
    journey.look(f"{name}-enter")
    page.get_by_label(re.compile(label)).fill(number)
    page.get_by_role("button", name=re.compile("確認")).click()
    journey.look(f"{name}-documents")
    page.get_by_role("button", name=re.compile("すべてプリント")).click()
    images = page.locator("img.page")
    expect(images.first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('img.page')].every(i => i.complete && i.naturalWidth)")
    journey.look(f"{name}-printed")  # every page as it came out of the machine
    answer = page.request.get(urllib.parse.urljoin(page.url, images.first.get_attribute("src")))
    assert answer.ok and answer.headers["content-type"] == "image/png"
    return answer.body()


def reload_until_fulfilled(page: Any, order_url: str, timeout_s: float = 60) -> None:
    """The order page, loaded again until print-gateway has heard every copy printed (the
    machines' signed callbacks); an issued order's page does not refresh itself."""
    deadline = time.monotonic() + timeout_s
    while True:
        page.goto(order_url)
        if page.get_by_role("status").filter(has_text="すべての証明書を印刷しました。").count():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{order_url} never showed the order fulfilled")
        time.sleep(1)


def qr_codes(png: bytes) -> list[str]:
    """The QR codes a scanner reads on a printed page's image."""
    import zxingcpp

    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
            if code.format == zxingcpp.BarcodeFormat.QRCode]


def force_an_error(suite: Any) -> str:
    """Make enrollment fail inside a request (an id PostgreSQL cannot store reaches a query) and
    wait for its traceback in the log; returns the value the failing statement was given."""
    forced = "forced-" + secrets.token_urlsafe(12)
    request = urllib.request.Request(f"{suite.url('enrollment')}/internal/applications/{forced}%00?applicant_key=x",
                                     headers=run_kit(Path(suite.env["SHOMEI_RUN_DIR"])).headers("gateway"))
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(request, timeout=10)
    assert failed.value.code == 500
    deadline = time.monotonic() + 30
    while not any("Traceback" in line for line in list(suite.output)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return forced


def payment_secrets(suite: Any) -> dict[str, str]:
    """What payment holds or is sent that is a secret: PayPal's client secret and the access tokens
    PayPal issued it, the signatures of PayPal's webhooks and of Smart Pit's notices, and Smart
    Pit's API and notice (HMAC) keys. The simulators say which tokens and signatures they made."""
    import json

    from shomei_payment.settings import SIMULATOR_SECRETS

    def sim(name: str, path: str) -> Any:
        with urllib.request.urlopen(suite.url(name) + path, timeout=10) as answer:
            return json.load(answer)

    found = {f"Payment's {name}": suite.env.get(f"SHOMEI_{name.upper()}", default)
             for name, default in SIMULATOR_SECRETS.items()}
    tokens = sim("paypal", "/_sim/tokens")
    assert tokens, "the journey's PayPal payment asked PayPal for an access token"
    found |= {f"PayPal access token {n}": token for n, token in enumerate(tokens)}
    for name, header in (("paypal", "PAYPAL-TRANSMISSION-SIG"), ("smartpit", "X-SmartPit-Signature")):
        signatures = [d["headers"][header] for d in sim(name, "/_sim/deliveries") if d["headers"].get(header)]
        assert signatures, f"the journey received {name}'s signed messages"
        found |= {f"{name} signature {n}": value.removeprefix("v1=") for n, value in enumerate(signatures)}
    return found


def all_events(connection: KafkaConnection) -> list[str]:
    """Every record of every topic, decoded, from the beginning (as the super user: every topic)."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(**client_config(connection), enable_auto_commit=False)
    partitions = [TopicPartition(topic, p) for topic in consumer.topics() if not topic.startswith("__")
                  for p in consumer.partitions_for_topic(topic) or []]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    ends = consumer.end_offsets(partitions)
    records: list[str] = []
    while any(consumer.position(tp) < end for tp, end in ends.items()):
        for batch in consumer.poll(timeout_ms=1000).values():
            records.extend(r.value.decode(errors="replace") for r in batch)
    consumer.close()
    return records


def assert_causes_traced(records: list[str], output: list[str]) -> None:
    """Every event names its conversation and its direct cause, with no gap in any chain; the
    submission (a gateway request) and the approval (a console request) can each be followed
    through every service to the mail it ends in, in the events and in the JSON logs."""
    import json

    events = [json.loads(r) for r in records if r.startswith("{") and '"message_id"' in r]
    events = [e for e in events if "aggregate_version" in e]  # envelopes, not dead-letter records
    assert events
    by_id = {e["message_id"]: e for e in events}
    for event in events:
        assert event["correlation_id"] and event["causation_id"], event["type"]
        caused_by_request = event["causation_id"] == event["correlation_id"]
        cause = by_id.get(event["causation_id"])
        assert caused_by_request or cause is not None, f"{event['type']}: its cause is not among the events"
        if cause is not None:
            assert cause["correlation_id"] == event["correlation_id"], f"{event['type']} left its conversation"

    def lines_of(correlation_id: str) -> list[str]:
        return [line for line in output if f'"correlation_id": "{correlation_id}"' in line]

    submitted = next(e for e in events if e["type"] == "ApplicationSubmitted")
    assert submitted["causation_id"] == submitted["correlation_id"]  # caused by the gateway's request
    assert any("notifier-dispatcher" in line and "application_received" in line
               for line in lines_of(submitted["correlation_id"])), "the received-mail was not sent in its conversation"

    approved = next(e for e in events if e["type"] == "ApplicationApproved" and e["payload"]["kind"] == "registration")
    activated = next(e for e in events if e["type"] == "AccountActivated")
    assert activated["causation_id"] == approved["message_id"]
    assert activated["correlation_id"] == approved["correlation_id"] == approved["causation_id"]
    chain = lines_of(approved["correlation_id"])
    for process, what in (("identity-consumer", "account"), ("notifier-consumer", "application_approved"),
                          ("notifier-dispatcher", "application_approved")):
        assert any(process in line and what in line for line in chain), f"no {process} line about {what}"
