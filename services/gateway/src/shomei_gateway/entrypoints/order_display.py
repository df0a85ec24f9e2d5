"""How orders read on the screens: amounts in yen, times and deadlines in Japan time whatever the
browser's zone (DOMAIN rule 5), and the words for stores, payment methods, statuses and events."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shomei_gateway.entrypoints.views_common import locale

TOKYO = ZoneInfo("Asia/Tokyo")

CHANNELS = {"netprint": _l("セブン-イレブン（ネットプリント）"),
            "sharp": _l("ファミリーマート・ローソン（シャープ ネットワークプリント）")}
METHODS = {"paypal": _l("クレジットカード（PayPal）"),
           "smartpit": _l("コンビニ払い（スマートピット：ファミリーマート・ローソン・ミニストップ）")}
STATUSES = {"placed": _l("お支払い待ち"), "paid": _l("お支払い済み"), "cancelled": _l("取消済み"),
            "expired": _l("期限切れ")}
EVENTS = {"OrderPlaced": _l("申請"), "OrderPaid": _l("お支払い"), "OrderCancelled": _l("取消"),
          "OrderExpired": _l("期限切れ"), "OrderPrinted": _l("印刷"), "PaymentRefunded": _l("返金"),
          "PaymentNotApplied": _l("期限後などの入金（返金の対象）"),
          "OrderPaymentMethodChanged": _l("お支払い方法の変更"),
          "OrderPaymentReversed": _l("入金の取消（お支払い待ちに戻りました）")}


def label(words: dict[str, object], code: str) -> str:
    return str(words.get(code, code))


def yen(amount: int | None) -> str:
    if amount is None:
        return "—"
    return str(_("%(amount)s円", amount=format_decimal(amount, locale=locale())))


def _day(day: date) -> str:
    if locale() == "en":
        return format_date(day, "EEEE, d MMMM y", locale="en")
    return format_date(day, "y年M月d日（E）", locale="ja")


def deadline_text(moment: datetime) -> str:
    """「2026年4月7日（火）23:59」, "Tuesday, 7 April 2026, 23:59 (Japan time)"."""
    local = moment.astimezone(TOKYO)
    clock = local.strftime("%H:%M")
    if locale() == "en":
        return f"{_day(local.date())}, {clock} (Japan time)"
    return f"{_day(local.date())}{clock}"


def jst(moment: datetime) -> str:
    """A moment of an order's history, in Japan time."""
    if locale() == "en":
        return format_datetime(moment, "d MMM y, HH:mm", tzinfo=TOKYO, locale="en") + " JST"
    return format_datetime(moment, "y年M月d日 HH:mm", tzinfo=TOKYO, locale="ja")
