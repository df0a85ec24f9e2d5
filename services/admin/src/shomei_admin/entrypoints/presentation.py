"""How the console shows times (JST) and applications: the applicant form's sections in its order,
and every code an application holds (statuses, sex, document types, the catalogue's faculties and
departments) as a label in the staff member's language. The fixed label tables live here, at the
edge, so enrollment's domain keeps speaking in codes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app, has_request_context, request

from shomei_admin.service_layer.ports import CatalogueNames
from shomei_shared.web.tenancy import cookie_name

JST = ZoneInfo("Asia/Tokyo")
LANGUAGES = ("ja", "en")
LANGUAGE_COOKIE = "shomei_staff_lang"
Labels = Mapping[str, tuple[str, str]]  # code → (Japanese, English)

# The applicant form's sections and fields, in its order (the gateway's register_applicant), so
# staff read an application as the applicant filled it in; the e-mail address is the contact.
SECTIONS: tuple[tuple[tuple[str, str], tuple[str, ...]], ...] = (
    (("氏名", "Name"), ("name.kanji", "name.katakana", "name.romaji", "date_of_birth", "sex")),
    (("在学時", "While enrolled"), (
        "name_while_enrolled.kanji", "name_while_enrolled.katakana", "name_while_enrolled.romaji",
        "enrollment.university", "enrollment.faculty", "enrollment.department", "enrollment.student_number",
        "enrollment.admission_year_month", "enrollment.graduation_year_month", "enrollment.status")),
    (("住所・連絡先", "Address and contact"), (
        "address.postal_code", "address.prefecture", "address.city", "address.street", "address.building",
        "home_phone", "mobile_phone", "email")),
    (("勤務先", "Workplace"), ("workplace.name", "workplace.postal_code", "workplace.address", "workplace.phone")),
    (("本人確認書類", "Identity document"), ("document_type",)),
)

FIELD_LABELS: Labels = {
    "name.kanji": ("氏名（漢字）", "Name (kanji)"), "name.katakana": ("氏名（カタカナ）", "Name (katakana)"),
    "name.romaji": ("氏名（ローマ字）", "Name (romaji)"), "date_of_birth": ("生年月日", "Date of birth"),
    "sex": ("性別", "Sex"),
    "name_while_enrolled.kanji": ("在学時の氏名（漢字）", "Name while enrolled (kanji)"),
    "name_while_enrolled.katakana": ("在学時の氏名（カタカナ）", "Name while enrolled (katakana)"),
    "name_while_enrolled.romaji": ("在学時の氏名（ローマ字）", "Name while enrolled (romaji)"),
    "enrollment.university": ("大学", "University"), "enrollment.faculty": ("学部", "Faculty"),
    "enrollment.department": ("学科", "Department"), "enrollment.student_number": ("学籍番号", "Student number"),
    "enrollment.admission_year_month": ("入学年月", "Admission"),
    "enrollment.graduation_year_month": ("卒業（修了）年月", "Graduation (completion)"),
    "enrollment.status": ("区分", "Status"), "address.postal_code": ("郵便番号", "Postal code"),
    "address.prefecture": ("都道府県", "Prefecture"), "address.city": ("市区町村", "City"),
    "address.street": ("町名・番地", "Street"), "address.building": ("建物名・部屋番号", "Building, room"),
    "home_phone": ("自宅電話番号", "Home phone"), "mobile_phone": ("携帯電話番号", "Mobile phone"),
    "email": ("メールアドレス", "E-mail address"), "workplace.name": ("勤務先名", "Workplace"),
    "workplace.postal_code": ("勤務先郵便番号", "Workplace postal code"),
    "workplace.address": ("勤務先住所", "Workplace address"), "workplace.phone": ("勤務先電話番号", "Workplace phone"),
    "document_type": ("書類の種類", "Document type"),
}

ENROLLMENT_STATUS: Labels = {"graduated": ("卒業", "Graduated"), "withdrew": ("退学", "Withdrew"),
                             "expelled": ("除籍", "Expelled")}
SEX: Labels = {"male": ("男性", "Male"), "female": ("女性", "Female"), "unspecified": ("回答しない", "Not given")}
DOCUMENT_TYPE: Labels = {
    "drivers_license": ("運転免許証", "Driver's licence"), "my_number_card": ("マイナンバーカード", "My Number card"),
    "passport": ("パスポート", "Passport"), "health_insurance_card": ("健康保険証", "Health insurance card"),
    "residence_card": ("在留カード", "Residence card"), "other": ("その他", "Other"),
}
SIDE: Labels = {"front": ("表面", "Front"), "back": ("裏面", "Back")}
APPLICATION_STATUS: Labels = {
    "submitted": ("審査待ち", "Awaiting review"), "resubmitted": ("再申請", "Resubmitted"),
    "approved": ("承認済", "Approved"), "rejected": ("却下", "Rejected"), "returned": ("再申請依頼", "Returned"),
    "approval_failed": ("承認できず", "Approval failed"),
}
KIND: Labels = {"registration": ("新規登録", "Registration"), "student_number": ("学籍番号追加", "Student number")}
DUPLICATE_REASON: Labels = {"same_email": ("同じメールアドレス", "same e-mail address"),
                            "same_name_and_birth_date": ("同じ氏名・生年月日", "same name and date of birth")}
EVENT: Labels = {
    "ApplicationSubmitted": ("申請", "Submitted"), "ApplicationResubmitted": ("再申請", "Resubmitted"),
    "ApplicationApproved": ("承認", "Approved"), "ApplicationRejected": ("却下", "Rejected"),
    "ResubmissionRequested": ("再申請を依頼", "Returned for re-application"),
    "StudentNumberLinked": ("学籍番号を登録", "Student number linked"),
    "ApplicationApprovalFailed": ("承認できず（アカウントを作成できませんでした）",
                                  "Approval failed (no account could be made)"),
}
# Why an approval could not take effect (ApplicationApprovalFailed's reason code, docs/adr/0018).
APPROVAL_FAILURE: Labels = {"email_has_account": ("このメールアドレスのアカウントが既にあります",
                                                  "An account with this e-mail address already exists")}
ACTOR: Labels = {"applicant": ("申請者", "applicant"), "staff": ("職員", "staff"), "system": ("システム", "system")}
# Orders and payments (ordering's and payment's codes).
ORDER_STATUS: Labels = {"placed": ("お支払い待ち", "Awaiting payment"), "paid": ("支払済", "Paid"),
                        "cancelled": ("取消", "Cancelled"), "expired": ("期限切れ", "Expired")}
PAYMENT_METHOD: Labels = {"paypal": ("PayPal", "PayPal"), "smartpit": ("Smart Pit（コンビニ払い）", "Smart Pit")}
PRINT_CHANNEL: Labels = {"netprint": ("ネットプリント", "netprint"),
                         "sharp": ("シャープ（ネットワークプリント）", "Sharp")}
PAYMENT_STATUS: Labels = {
    "created": ("未払い", "Not paid"), "approved": ("PayPal承認済", "Approved at PayPal"),
    "captured": ("入金済", "Captured"), "declined": ("決済拒否", "Declined"), "pending": ("保留中", "Pending"),
    "refunded": ("返金済", "Refunded"),
}
ORDER_EVENT: Labels = {
    "OrderPlaced": ("申請（注文）", "Order placed"), "OrderPaid": ("支払済", "Paid"),
    "OrderCancelled": ("取消", "Cancelled"), "OrderExpired": ("支払期限切れ", "Expired"),
    "PaymentNotApplied": ("入金を充当できず（返金が必要）", "Payment not applied (refund needed)"),
    "PaymentOpened": ("支払いを開始", "Payment opened"),
    "PayPalOrderCreated": ("PayPal注文を作成", "PayPal order created"),
    "PaymentApproved": ("PayPalで承認", "Approved at PayPal"), "PaymentPending": ("保留", "Pending"),
    "PaymentDeclined": ("決済拒否", "Declined"), "PaymentCaptured": ("入金", "Captured"),
    "PaymentRefunded": ("返金", "Refunded"), "SmartPitBillRegistered": ("Smart Pit払込票を発行", "Smart Pit bill"),
    "PaymentQuickCancelled": ("Smart Pit速報取消", "Smart Pit quick notice cancelled"),
    "PaymentConfirmed": ("Smart Pit確報", "Smart Pit confirmed"),
    "PaymentReversed": ("入金の取消（速報取消）", "Payment reversed (quick notice cancelled)"),
    "OrderPaymentReversed": ("入金が取り消され、お支払い待ちに戻りました", "Payment reversed: awaiting payment again"),
    "UnappliedPaymentReversed": ("充当できなかった入金が取り消されました", "Unapplied payment reversed"),
    "UnappliedPaymentRefunded": ("未充当の入金を銀行振込で返金済み", "Unapplied payment refunded by bank transfer"),
    "OrderPaymentMethodChanged": ("お支払い方法の変更", "Payment method changed"),
    "PaymentMethodChanged": ("お支払い方法の変更（以前のPayPal注文は取り込みません）", "Payment method changed"),
    "PaymentNotCounted": ("充当できない入金（返金が必要）", "Payment not counted (refund needed)"),
}
UNAPPLIED_REASON: Labels = {
    "expired": ("支払期限後の入金", "Paid after the deadline"), "cancelled": ("取消後の入金", "Paid after cancelling"),
    "already_paid": ("二重の入金", "Paid twice"), "amount_mismatch": ("金額の相違", "Another amount"),
    "method_changed": ("変更前のPayPal注文への入金", "Paid to the PayPal order left behind"),
}
# print-gateway's print orders (issue 10): why one failed or alerts staff, in the staff member's
# language, with what to do; where one stands; what its history records.
PRINT_REASON: Labels = {
    "provider_unavailable": ("印刷サービス（ネットプリント／ネットワークプリント）に接続できず、登録できませんでした。"
                             "復旧を確認してから再試行してください。",
                             "The print service (netprint / network print) could not be reached, so nothing was "
                             "registered. Retry once it is back."),
    "mix_up": ("証明書の内容が注文者と一致しなかったため、登録を止めました（取り違え防止）。記録を確認してください。",
               "The certificate did not match the person who ordered it, so it was stopped (mix-up guard). "
               "Check the record."),
    "record_not_found": ("この学籍番号の成績・学位の記録が見つかりません。記録を取り込んでから再試行してください。",
                         "No academic record for this student number. Import the record, then retry."),
    "record_incomplete": ("成績・学位の記録に、証明に必要な項目の欠落または印刷できない文字があります。"
                          "記録を直してから再試行してください。",
                          "The academic record lacks a fact the certificate states, or holds a character that "
                          "cannot be printed. Correct the record, then retry."),
    "template_unknown": ("この証明書の種類に対応する様式がありません。「証明書と料金」の設定を確認してください。",
                         "No certificate template for this type. Check the catalogue settings."),
    "paid_back_after_print": ("印刷済みの部数がある注文の入金が取り消されました。未印刷の番号は取り消しました。"
                              "印刷された証明書の扱いを確認してください。",
                              "The payment was taken back after a copy was printed. The unprinted numbers were "
                              "withdrawn; decide what to do about the printed certificate."),
}
PRINT_STATE: Labels = {
    "due": ("登録待ち", "Waiting"), "failed": ("登録失敗", "Failed"), "issued": ("予約番号発行済み", "Issued"),
    "withdrawing": ("入金取消により取り下げ中", "Withdrawing (payment taken back)"),
    "withdrawn": ("入金取消により取り下げ", "Withdrawn (payment taken back)"), "expired": ("期限切れ", "Expired"),
    "placed": ("未払い", "Not paid"), "missed": ("印刷期限後の入金", "Paid after the window"),
}
PRINT_FILTER: Labels = {"failed": ("失敗・要確認", "Failed, alerts"), "waiting": ("登録待ち", "Waiting"),
                        "issued": ("発行済み", "Issued"), "expired": ("期限切れ", "Expired")}
PRINT_EVENT: Labels = {
    "PrintReservationIssued": ("予約番号を発行", "Reservation issued"),
    "PrintReservationFailed": ("登録に失敗", "Submission failed"),
    "PrintRetryRequested": ("再試行を依頼", "Retry requested"),
    "PrintWindowMissed": ("印刷期限後の入金", "Paid after the window"),
    "CertificatePrinted": ("印刷", "Printed"), "PrintOrderFulfilled": ("全部数を印刷", "Every copy printed"),
    "PrintReservationExpired": ("印刷期限切れ（番号とファイルを削除）", "Window ended (numbers and files deleted)"),
    "PrintReservationWithdrawn": ("入金取消により番号を取り消し", "Numbers withdrawn (payment taken back)"),
    "PrintWaitStopped": ("入金取消により登録待ちを中止", "Stopped waiting (payment taken back)"),
}
PROVIDER: Labels = {"netprint": ("ネットプリント（富士フイルム）", "netprint (FUJIFILM)"),
                    "sharpprint": ("ネットワークプリント（シャープ）", "Network print (Sharp)")}
# The notifier's mails of an order, and their delivery states.
MAIL_TEMPLATE: Labels = {
    "order_received": ("申請受付", "Order received"), "smartpit_number": ("スマートピット番号", "Smart Pit number"),
    "payment_completed": ("支払完了", "Payment completed"), "payment_reminder": ("支払期限の案内", "Payment reminder"),
    "order_expired": ("期限切れ", "Order expired"), "refund_made": ("返金", "Refund made"),
}
MAIL_STATUS: Labels = {
    "pending": ("送信待ち", "To be sent"), "retrying": ("再試行中", "Retrying"), "sent": ("送信済み", "Sent"),
    "given_up": ("送信中止", "Given up"),
}
# The page's own words that change with the language (headings and captions of the application).
WORDS: Labels = {
    "application": ("申請内容", "Application"), "documents": ("本人確認書類の画像", "Identity document images"),
    "open_full": ("拡大表示（新しいタブで開きます）", "Open full size (new tab)"),
    "no_documents": ("画像はありません。", "No images."),
}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    worded: bool = False  # the value is a label of ours (in the staff's language), not the applicant's text


@dataclass(frozen=True)
class Group:
    title: str
    rows: tuple[Row, ...]


def jst(moment: datetime) -> str:
    return moment.astimezone(JST).strftime("%Y-%m-%d %H:%M")


def language_cookie() -> str:
    return cookie_name(LANGUAGE_COOKIE, bool(current_app.config["SESSION_COOKIE_SECURE"]))


def staff_language() -> str:
    """The staff member's chosen language (a cookie of their console), Japanese unless English was
    chosen: the console's default is the manual's language, not the browser's."""
    if not has_request_context():
        return "ja"
    chosen = request.cookies.get(language_cookie(), "ja")
    return chosen if chosen in LANGUAGES else "ja"


def named(found: tuple[str, str] | None, code: str, language: str) -> str:
    """A label in the language; a code nothing names is shown as it is rather than hidden."""
    return code if found is None else found[language == "en"]


def label(table: Labels, code: str, language: str) -> str:
    return named(table.get(code), code, language)


def review_sheet(data: Mapping[str, Any], names: CatalogueNames, language: str) -> list[Group]:
    """The application's data in the form's sections and order, every code as its label; empty
    sections (no workplace) are left out, empty fields inside a shown section show as —, and a
    field the console does not know yet comes last, under its key, rather than not at all."""
    university = str(data.get("enrollment.university", ""))
    faculty = str(data.get("enrollment.faculty", ""))
    words: dict[str, Callable[[str], str]] = {
        "sex": lambda v: label(SEX, v, language),
        "enrollment.status": lambda v: label(ENROLLMENT_STATUS, v, language),
        "document_type": lambda v: label(DOCUMENT_TYPE, v, language),
        "enrollment.university": lambda v: label(names.universities, v, language),
        "enrollment.faculty": lambda v: named(names.faculties.get((university, v)), v, language),
        "enrollment.department": lambda v: named(names.departments.get((university, faculty, v)), v, language),
    }
    known = {name for _, fields in SECTIONS for name in fields}
    sections = [*SECTIONS, (("その他", "Other"), tuple(sorted(name for name in data if name not in known)))]
    groups = []
    for title, fields in sections:
        if not any(data.get(name) for name in fields):
            continue
        rows = tuple(Row(label(FIELD_LABELS, name, language),
                         words.get(name, str)(str(data[name])) if data.get(name) else "—",
                         name in words or not data.get(name)) for name in fields)
        groups.append(Group(title[language == "en"], rows))
    return groups
