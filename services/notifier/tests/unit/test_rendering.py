from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from jinja2 import UndefinedError

from shomei_notifier.adapters.smtp_sender import SmtpConfig, build_message
from shomei_notifier.domain.mail import Language, message_id_for
from shomei_notifier.domain.routing import SECRET_OPTIONAL, SECRET_VARIABLES, TEMPLATE_KEYS
from shomei_notifier.service_layer.rendering import MailRenderer, SiteLinks, format_deadline, format_jst, format_yen

EXPIRES = "2026-11-24T05:30:00+00:00"
URL = "https://shomei.example/register/verify?token=TOKEN-ABC"
RESUBMIT = "https://shomei.example/tokyo-univ/register/resubmit?token=RESUBMIT-TOKEN"
PASSWORD = "Init1alPassW0rd"

DEADLINE = "2026-04-07T14:59:59+00:00"  # the last moment to pay: 23:59:59 on Tuesday 7 April in Tokyo
SITE = "https://shomei.example/tokyo-univ/"
S = "【東都大学 証明書発行サービス】"  # every subject names the university
# template key: (variables, secrets, ja subject, facts in the ja body, en subject, facts in the en body)
CASES: dict[str, tuple[dict[str, object], dict[str, str], str, list[str], str, list[str]]] = {
    "registration_confirmation": (
        {"expires_at": EXPIRES}, {"one_time_url": URL}, S + "メールアドレスの確認",
        [URL, "2026年11月24日 14:30", "期限"], "Confirm your e-mail address", [URL, "24 November 2026, 14:30 (JST)"]),
    "account_exists": (
        {}, {}, S + "新規登録についてのお知らせ",
        ["アカウントは既にあります", "ログインしてください。\nhttps://shomei.example/tokyo-univ/login",
         "パスワードを忘れた場合", "https://shomei.example/tokyo-univ/password/forgot"],
        "About your registration",
        ["already has an account", "https://shomei.example/tokyo-univ/login", "Forgot your password"]),
    "application_received": (
        {"kind": "registration"}, {}, S + "申請受付のお知らせ", ["利用申請を受け付けました"],
        "Application received", ["application to use the certificate issuance service"]),
    "application_approved": (
        {"expires_at": EXPIRES, "login_url": "https://shomei.example/login"}, {"initial_password": PASSWORD},
        S + "利用申請結果のお知らせ",
        ["受諾されました", f"初回パスワード： {PASSWORD}", "ログインはこちらから\nhttps://shomei.example/login",
         "パスワードの再設定", "有効期限は2026年11月24日 14:30"],
        "Result of your application",
        ["approved", f"Initial password: {PASSWORD}", "https://shomei.example/login", "must set a new password",
         "expires at 24 November 2026, 14:30 (JST)"]),
    "application_rejected": (
        {"kind": "registration", "reason": "画像が不鮮明"}, {}, S + "利用申請結果のお知らせ",
        ["否認されました", "理由：画像が不鮮明"], "Result of your application", ["rejected", "Reason: 画像が不鮮明"]),
    "application_returned": (
        {"kind": "registration", "reason": "卒業年月が未入力", "expires_at": EXPIRES}, {"resubmit_url": RESUBMIT},
        S + "利用申請結果のお知らせ",
        ["再申請", "理由：卒業年月が未入力", RESUBMIT, "一度だけ", "2026年11月24日 14:30"],
        "Result of your application",
        ["returned for re-application", RESUBMIT, "works once", "24 November 2026, 14:30 (JST)"]),
    "student_number_addition": (
        {"expires_at": EXPIRES}, {"one_time_url": URL}, S + "学籍番号追加",
        ["学籍番号の追加を行います", URL, "2026年11月24日 14:30"], "Add a student number", [URL]),
    "student_number_added": (
        {"student_number": "B1234567"}, {}, S + "利用申請結果のお知らせ",
        ["学籍番号の追加登録が完了しました", "学籍番号：B1234567"], "Result of your application",
        ["Student number: B1234567"]),
    "email_change_confirmation": (
        {"expires_at": EXPIRES}, {"one_time_url": URL}, S + "メールアドレス変更の確認",
        [URL, "変更を完了"], "Confirm your new e-mail address", [URL]),
    "email_changed": ({}, {}, S + "メールアドレス変更のお知らせ", ["変更されました"],
                      "Your e-mail address was changed", ["has been changed"]),
    "password_reset": (
        {"expires_at": EXPIRES}, {"one_time_url": URL}, S + "パスワードの再設定",
        [URL, "第2パスワード"], "Reset your password", [URL, "second password"]),
    "password_changed": ({}, {}, S + "パスワード変更のお知らせ", ["パスワードが変更されました"],
                         "Your password was changed", ["password has been changed"]),
    "second_password_changed": ({}, {}, S + "第2パスワード変更のお知らせ",
                                ["第2パスワードが変更されました"], "Your second password was changed",
                                ["second password has been changed"]),
    "password_reset_completed": ({}, {}, S + "パスワード再設定完了のお知らせ", ["再設定されました"],
                                 "Your password was reset", ["have been reset"]),
    "login_locked_out": (
        {"until": EXPIRES}, {}, S + "ログイン制限のお知らせ", ["2026年11月24日 14:30", "制限"],
        "Login temporarily locked", ["after 24 November 2026, 14:30 (JST)"]),
    **{key: (
        variables, {}, S + ja_subject, ja_facts, en_subject, en_facts)
        for key, (variables, ja_subject, ja_facts, en_subject, en_facts) in {
        "order_received": (
            {"lines": [{"type": "transcript", "name_ja": "成績証明書", "name_en": "Academic transcript", "copies": 3,
                        "fee": 500, "pages": 2},
                       {"type": "graduation", "name_ja": "卒業証明書", "name_en": "Certificate of graduation",
                        "copies": 1, "fee": 1000, "pages": 1}],
             "total": 2750, "usage_fee": 250, "print_estimate": 140, "deadline": DEADLINE,
             "payment_method": "smartpit", "print_channel": "netprint", "student_number": "B1234567"},
            "証明書のお申し込みを受け付けました",
            ["成績証明書　500円 × 3通 ＝ 1,500円", "卒業証明書　1,000円 × 1通 ＝ 1,000円", "利用料　250円",
             "合計　2,750円", "お支払い期限：2026年4月7日（火）23:59", "印刷期限：2026年4月7日（火）23:59",
             "コンビニ払い（スマートピット", "セブン-イレブン（ネットプリント）", "スマートピット番号は、別のメール",
             "学籍番号：B1234567"],
            "Your certificate order was received",
            ["Academic transcript: ¥500 x 3 = ¥1,500", "Certificate of graduation: ¥1,000 x 1 = ¥1,000",
             "Usage fee: ¥250", "Total: ¥2,750", "Payment deadline: Tuesday, 7 April 2026, 23:59 (Japan time)",
             "Print deadline: Tuesday, 7 April 2026, 23:59 (Japan time)", "Smart Pit number follows",
             "7-Eleven (netprint)"]),
        "smartpit_number": (
            {"smartpit_number": "1234567890123", "due": DEADLINE, "amount": 2750},
            "コンビニ払い（スマートピット番号）のお知らせ",
            ["スマートピット番号：1234567890123\nお支払い金額：2,750円", "お支払い期限：2026年4月7日（火）23:59",
             "Famiポート・Loppi",
             "13桁のスマートピット番号を入力", "申込券を30分以内にレジ"],
            "Your Smart Pit number",
            ["Smart Pit number: 1234567890123\nAmount: ¥2,750",
             "Payment deadline: Tuesday, 7 April 2026, 23:59 (Japan time)",
             "Famiport or Loppi", "Enter the 13-digit Smart Pit number", "register within 30 minutes"]),
        "payment_completed": (
            {"amount": 2750, "paid_at": "2026-04-02T03:05:00+00:00"}, "お支払い完了のお知らせ",
            ["お支払い金額：2,750円", "お支払い日時：2026年4月2日（木）12:05", "印刷期限までに"],
            "Your payment was received",
            ["Amount paid: ¥2,750", "Paid on: Thursday, 2 April 2026, 12:05 (Japan time)",
             "before the print deadline"]),
        "payment_reminder": (
            {"deadline": DEADLINE, "total": 2750, "payment_method": "paypal"}, "お支払い期限が近づいています",
            ["お支払い金額：2,750円", "お支払い期限：2026年4月7日（火）23:59", "クレジットカード（PayPal）",
             "「申請履歴」からお支払いください"],
            "Your payment deadline is near",
            ["Amount: ¥2,750", "Payment deadline: Tuesday, 7 April 2026, 23:59 (Japan time)", "Credit card (PayPal)"]),
        "order_expired": (
            {"expired_at": "2026-04-07T15:00:00+00:00"}, "お申し込みの期限切れのお知らせ",
            ["無効になりました（2026年4月8日（水）00:00）", "あらためてお申し込みください"],
            "Your order has expired",
            ["no longer valid (Wednesday, 8 April 2026, 00:00 (Japan time))", "order them again"]),
        "refund_made": (
            {"amount": 12000, "refunded_at": "2026-04-10T01:00:00+00:00"}, "返金のお知らせ",
            ["返金額：12,000円", "返金日時：2026年4月10日（金）10:00"],
            "Your payment was refunded",
            ["Amount refunded: ¥12,000", "Refunded on: Friday, 10 April 2026, 10:00 (Japan time)"]),
        "print_reservation": (
            {"print_channel": "sharp", "deadline": "2026-04-07T14:59:59+00:00", "print_estimate": 60,
             "reservations": [{"number": "0123456789", "certificate_ids": ["c-1", "c-2"], "pages": 3}]},
            "プリント予約番号のお知らせ",
            ["ファミリーマート・ローソン", "ユーザー番号（この申し込みのすべての証明書）", "0123456789",
             "印刷期限：2026年4月7日（火）23:59", "印刷料金の目安：60円（全3ページ。"],
            "Your numbers for printing",
            ["FamilyMart, Lawson", "0123456789", "Print by: Tuesday, 7 April 2026, 23:59 (Japan time)",
             "Estimated print charge: ¥60 (3 pages in all"]),
        "print_reminder": (
            {"print_channel": "netprint", "deadline": "2026-04-07T14:59:59+00:00", "order_id": "ord-1",
             "reservations": [{"number": "7KQ4M3XD", "certificate_ids": ["c-1"]}]},
            "印刷期限が近づいています", ["セブン-イレブン", "7KQ4M3XD", "印刷期限：2026年4月7日（火）23:59"],
            "Your print deadline is near", ["7-Eleven", "7KQ4M3XD", "Print by: Tuesday, 7 April 2026, 23:59"]),
        "print_failed": (
            {"failed_at": "2026-04-02T01:00:00+00:00"}, "印刷の登録についてのお知らせ",
            ["大学の担当者が対応します"],
            "About printing your certificates",
            ["The university's office is seeing to it"]),
        "print_expired": (
            {"expired_at": "2026-04-07T15:00:00+00:00"}, "印刷期限終了のお知らせ",
            ["使えなくなりました（2026年4月8日（水）00:00）"],
            "Your print deadline has passed",
            ["no longer work (Wednesday, 8 April 2026, 00:00 (Japan time))"]),
    }.items()},
}

renderer = MailRenderer(SiteLinks(site_url="https://shomei.example"))


def render(key: str, language: Language, with_secrets: bool = True):  # type: ignore[no-untyped-def]
    variables, secrets = CASES[key][0], CASES[key][1]
    return renderer.render(template_key=key, language=language, to="grad@example.jp",
                           message_id=message_id_for("m-1", key), university="東都大学", variables=variables,
                           secrets=secrets if with_secrets else {}, tenant_id="tokyo-univ",
                           contact_email="office@tokyo-univ.example")


def test_an_approval_refused_for_an_existing_account_tells_the_applicant_how_to_get_in() -> None:
    renderer = MailRenderer()
    mail = renderer.render(template_key="account_exists", language=Language.JA, to="grad@example.jp",
                           message_id="m-2", university="東都大学", variables={"application_id": "app-2"},
                           tenant_id="tokyo-univ")
    assert mail.subject == S + "利用申請結果のお知らせ"
    assert "新しいアカウントは作成しませんでした" in mail.body and "/tokyo-univ/password/forgot" in mail.body


def test_every_template_key_has_a_case() -> None:
    assert set(CASES) == TEMPLATE_KEYS


@pytest.mark.parametrize("key", sorted(CASES))
def test_japanese_mail_has_its_subject_facts_university_and_send_only_footer(key: str) -> None:
    mail = render(key, Language.JA)
    assert mail.subject == CASES[key][2]
    for fact in CASES[key][3]:
        assert fact in mail.body
    assert "東都大学" in mail.body
    assert "◎このメールは送信専用メールです。" in mail.body
    assert "お問い合わせ先は各事務担当（東都大学 office@tokyo-univ.example）まで" in mail.body


@pytest.mark.parametrize("key", sorted(CASES))
def test_english_mail_has_its_subject_facts_university_and_send_only_footer(key: str) -> None:
    mail = render(key, Language.EN)
    assert CASES[key][4] in mail.subject
    for fact in CASES[key][5]:
        assert fact in mail.body
    assert "東都大学" in mail.body
    assert "send-only address" in mail.body and "university office (東都大学, office@tokyo-univ.example)" in mail.body
    # No Japanese kana left once the facts quoted from the event (a staff-written reason) are taken out.
    prose = mail.body
    for value in CASES[key][0].values():
        prose = prose.replace(str(value), "")
    assert not any("\u3040" <= ch <= "\u30ff" for ch in prose)


@pytest.mark.parametrize("key", sorted(SECRET_VARIABLES))
def test_a_secret_is_only_in_the_rendered_mail_and_required_there(key: str) -> None:
    variables = CASES[key][0]
    secret = next(iter(CASES[key][1].values()))
    assert secret not in repr(variables)
    assert secret in render(key, Language.JA).body
    assert secret not in repr(render(key, Language.JA))
    if key in SECRET_OPTIONAL:
        assert secret not in render(key, Language.JA, with_secrets=False).body
        return
    with pytest.raises(UndefinedError):
        render(key, Language.JA, with_secrets=False)


@pytest.mark.parametrize(
    ("language", "fact"), [(Language.JA, "学籍番号追加登録"), (Language.EN, "Add a student number")]
)
def test_a_returned_student_number_application_points_to_the_account_menu(language: Language, fact: str) -> None:
    mail = renderer.render(template_key="application_returned", language=language, to="grad@example.jp",
                           message_id="<m>", university="東都大学", tenant_id="tokyo-univ",
                           variables={"kind": "student_number", "reason": "r"})
    assert fact in mail.body
    assert SITE + "account/student-numbers/request" in mail.body
    assert "resubmit" not in mail.body
    assert "\n\n\n" not in mail.body


def test_deadlines_are_shown_in_tokyo_time_across_midnight() -> None:
    assert format_jst("2026-12-31T15:30:00+00:00", Language.JA) == "2027年1月1日 00:30"
    assert format_jst("2026-12-31T15:30:00Z", Language.EN) == "01 January 2027, 00:30 (JST)"


def test_the_wire_message_is_utf8_with_an_encoded_subject_and_the_deterministic_message_id() -> None:
    mail = render("application_approved", Language.JA)
    raw = build_message(mail, SmtpConfig(from_address="noreply@shomei.example")).as_bytes()
    assert b"=?utf-8?" in raw.split(b"\n\n", 1)[0].lower()  # RFC 2047 words, no raw UTF-8 in headers
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == S + "利用申請結果のお知らせ"
    assert parsed["Message-ID"] == "<m-1.application_approved@notifier.shomei>"
    assert parsed["From"].addresses[0].addr_spec == "noreply@shomei.example"
    assert parsed["From"].addresses[0].display_name == "東都大学 証明書発行サービス"
    assert parsed.get_content_charset() == "utf-8"
    assert PASSWORD in parsed.get_content()


@pytest.mark.parametrize(("language", "fact"), [(Language.JA, "お問い合わせください"), (Language.EN, "ask the office")])
def test_a_returned_registration_without_a_link_sends_the_applicant_to_the_office(language: Language,
                                                                                  fact: str) -> None:
    # A v1 event (its link was the registration id, which opens nothing any more) has no link.
    mail = renderer.render(template_key="application_returned", language=language, to="grad@example.jp",
                           message_id="<m>", university="東都大学", tenant_id="tokyo-univ",
                           variables={"kind": "registration", "reason": "r"}, contact_email="office@x.example")
    assert fact in mail.body and "office@x.example" in mail.body
    assert "resubmit" not in mail.body and "registration=" not in mail.body


def test_order_deadlines_have_their_weekday_in_tokyo_time_and_amounts_their_separators() -> None:
    assert format_deadline(DEADLINE, Language.JA) == "2026年4月7日（火）23:59"
    assert format_deadline(DEADLINE, Language.EN) == "Tuesday, 7 April 2026, 23:59 (Japan time)"
    # 15:00 UTC is already the next day in Tokyo.
    assert format_deadline("2026-12-31T15:00:00+00:00", Language.JA) == "2027年1月1日（金）00:00"
    assert format_yen(1234567, Language.JA) == "1,234,567円"
    assert format_yen(0, Language.EN) == "¥0"


@pytest.mark.parametrize("method, ja_fact, en_fact", [
    ("paypal", "「申請履歴」からお支払いください", '"Order history"'),
    ("smartpit", "スマートピット番号は、別のメール", "Smart Pit number follows"),
])
def test_the_order_mail_says_how_to_pay_by_the_chosen_method(method: str, ja_fact: str, en_fact: str) -> None:
    variables = {**CASES["order_received"][0], "payment_method": method}
    for language, fact in ((Language.JA, ja_fact), (Language.EN, en_fact)):
        mail = renderer.render(template_key="order_received", language=language, to="grad@example.jp",
                               message_id="m-3", university="東都大学", variables=variables, tenant_id="tokyo-univ")
        assert fact in mail.body


@pytest.mark.parametrize("language", [Language.JA, Language.EN])
def test_a_reservation_without_pages_states_no_estimate(language: Language) -> None:
    """A PrintReservationIssued v1 (pages not recorded) reads with print_estimate None."""
    variables = {**CASES["print_reservation"][0], "print_estimate": None,
                 "reservations": [{"number": "0123456789", "certificate_ids": ["c-1"], "pages": None}]}
    mail = renderer.render(template_key="print_reservation", language=language, to="grad@example.jp",
                           message_id="m-3", university="東都大学", variables=variables, tenant_id="tokyo-univ")
    assert "目安" not in mail.body and "Estimated" not in mail.body
    assert ("マルチコピー機でお支払いください" if language is Language.JA else "paid at the machine") in mail.body
