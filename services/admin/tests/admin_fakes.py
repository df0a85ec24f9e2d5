"""In-memory staff identity and enrollment reviews for the console's tests."""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from shomei_admin.service_layer.ports import (
    AcademicRecordHistory,
    ApplicationDetail,
    CatalogueNames,
    CatalogueVersion,
    DecidedFilter,
    DecidedItem,
    DecidedPage,
    Document,
    HistoryEntry,
    ImportReport,
    Match,
    OrderDetail,
    OrderEvent,
    OrderFilter,
    OrderSummary,
    PaymentRecord,
    PossibleDuplicate,
    ProfileChange,
    QueueItem,
    RecordsImportReport,
    RecordVersion,
    RefundRequest,
    StaffLockout,
    StaffLogin,
    StaffSession,
    UnappliedPayment,
    UpstreamError,
)
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfile

NOW = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)  # 12:00 JST


def applicant_data(name: str, email: str) -> dict[str, Any]:
    """An application's data as enrollment's JSON gives it: keys sorted (so 建物名 comes first), codes."""
    data = {"address.building": "証明ビル101", "address.city": "大阪市北区", "address.postal_code": "530-0001",
            "address.prefecture": "大阪府", "address.street": "梅田1-1-1", "date_of_birth": "1990-04-01",
            "document_type": "drivers_license", "email": email, "enrollment.department": "jpn",
            "enrollment.faculty": "lit", "enrollment.graduation_year_month": "2012-03",
            "enrollment.status": "graduated", "enrollment.student_number": "S1234567",
            "enrollment.university": "shomei", "mobile_phone": "090-1234-5678", "name.kanji": name,
            "name.katakana": "ヤマダ タロウ", "name.romaji": "YAMADA TARO", "sex": "male",
            "workplace.name": "証明商事"}
    return dict(sorted(data.items()))

@dataclass
class FakeStaffIdentity:
    staff: dict[str, tuple[str, str, StaffSession]] = field(default_factory=dict)  # email → (password, code, who)
    sessions: dict[str, StaffSession] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # what each sign-in said it came from
    devices_shown: list[str] = field(default_factory=list)  # the device each sign-in sent
    lockouts: list[tuple[str, StaffLockout]] = field(default_factory=list)  # (tenant, lockout)

    def add(self, email: str, tenant: str, *roles: str, password: str = "Staff-Pass-1", code: str = "123456") -> None:
        self.staff[email] = (password, code, StaffSession(f"staff-{email}", tenant, email, tuple(roles)))

    def staff_login(self, tenant_id: str, email: str, password: str, totp: str, source: str = "",
                    device: str = "") -> StaffLogin:
        self.sources.append(source)
        self.devices_shown.append(device)
        found = self.staff.get(email)
        if found is None or found[2].tenant_id != tenant_id or found[0] != password or found[1] != totp:
            raise UpstreamError(401, {"_form": "メールアドレス、パスワードまたは確認コードが正しくありません。"})
        session_id = secrets.token_urlsafe(32)
        self.sessions[session_id] = found[2]
        return StaffLogin(session_id, device or secrets.token_urlsafe(32))

    def staff_session(self, session_id: str, tenant_id: str) -> StaffSession | None:
        return self.sessions.get(session_id)

    def staff_logout(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    def staff_lockouts(self, staff: StaffSession) -> list[StaffLockout]:
        return [lockout for tenant, lockout in self.lockouts if tenant == staff.tenant_id]


@dataclass
class FakeReviews:
    applications: dict[str, tuple[str, ApplicationDetail]] = field(default_factory=dict)  # id → (tenant, detail)
    decisions: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    imports: list[bytes] = field(default_factory=list)
    record_imports: list[tuple[str, bytes, bytes]] = field(default_factory=list)
    duplicates: dict[str, tuple[PossibleDuplicate, ...]] = field(default_factory=dict)
    decided_items: list[tuple[str, DecidedItem]] = field(default_factory=list)  # (tenant, item)
    per_page: int = 50
    histories: dict[str, list[HistoryEntry]] = field(default_factory=dict)

    def add(self, tenant: str, application_id: str, name: str, due_in_hours: float,
            email: str = "taro@example.jp") -> None:
        detail = ApplicationDetail(
            application_id, "registration", "submitted", NOW - timedelta(hours=2),
            NOW + timedelta(hours=due_in_hours), applicant_data(name, email),
            [Document(f"{application_id}-front", "front"), Document(f"{application_id}-back", "back")],
            [Match("S1234567", "ヤマダ タロウ", "1990-04-01", ("name_kana", "birth_date"))])
        self.applications[application_id] = (tenant, detail)

    def add_decided(self, tenant: str, application_id: str, name: str, status: str, decided_at: datetime,
                    kind: str = "registration", email: str = "decided@example.jp", kana: str = "ケッテイ ズミ",
                    student_number: str = "") -> None:
        self.decided_items.append((tenant, DecidedItem(application_id, kind, status, name, kana, email, student_number,
                                                       decided_at - timedelta(days=1), decided_at)))

    def _own(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        tenant, detail = self.applications.get(application_id, ("", None))  # type: ignore[arg-type]
        if detail is None or tenant != staff.tenant_id:
            raise UpstreamError(404, {"application_id": "見つかりません"})
        return detail

    def queue(self, staff: StaffSession) -> list[QueueItem]:
        return [QueueItem(d.application_id, d.kind, d.data["name.kanji"], d.submitted_at, d.due_at, d.due_at < NOW,
                          d.status, d.data["email"], self.duplicates.get(d.application_id, ()))
                for tenant, d in self.applications.values() if tenant == staff.tenant_id]

    def decided(self, staff: StaffSession, filters: DecidedFilter) -> DecidedPage:
        """Filters like enrollment: JST days both included, text without spaces, newest first."""
        if filters.decision not in ("", "approved", "rejected", "returned"):
            raise UpstreamError(400, {"decision": "承認済・却下・再申請依頼から選択してください。"})
        text = "".join(filters.text.split()).casefold()

        def day(item: DecidedItem) -> str:
            return item.decided_at.astimezone(ZoneInfo("Asia/Tokyo")).date().isoformat()

        found = sorted((item for tenant, item in self.decided_items if tenant == staff.tenant_id
                        and filters.decision in ("", item.status) and filters.kind in ("", item.kind)
                        and (not filters.first_day or day(item) >= filters.first_day)
                        and (not filters.last_day or day(item) <= filters.last_day)
                        and (not text or any(text in "".join(v.split()).casefold() for v in (
                            item.applicant_name, item.applicant_kana, item.email, item.student_number)))),
                       key=lambda item: item.decided_at, reverse=True)
        start = (filters.page - 1) * self.per_page
        return DecidedPage(found[start:start + self.per_page], len(found), filters.page, self.per_page)

    def catalogue(self, staff: StaffSession) -> CatalogueNames:
        return CatalogueNames({"shomei": ("証明大学", "Shomei University")},
                              {("shomei", "lit"): ("文学部", "Faculty of Letters")},
                              {("shomei", "lit", "jpn"): ("日本文学科", "Department of Japanese Literature")})

    def detail(self, staff: StaffSession, application_id: str) -> ApplicationDetail:
        found = self._own(staff, application_id)
        return replace(found, duplicates=self.duplicates.get(application_id, ()))

    def image(self, staff: StaffSession, application_id: str, image_id: str) -> tuple[bytes, str]:
        self._own(staff, application_id)
        return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00" \
               b"\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "image/gif"

    def decide(self, staff: StaffSession, application_id: str, decision: str, reason: str,
               student_number: str) -> None:
        self._own(staff, application_id)
        self.decisions.append((application_id, staff.staff_id, decision, reason, student_number))

    def history(self, staff: StaffSession, application_id: str) -> list[HistoryEntry]:
        detail = self._own(staff, application_id)
        return self.histories.get(application_id, [HistoryEntry(detail.submitted_at, "ApplicationSubmitted",
                                                                "applicant")])

    def import_alumni(self, staff: StaffSession, csv_bytes: bytes) -> ImportReport:
        self.imports.append(csv_bytes)
        return ImportReport(2, 0, [(3, "date_of_birth", "日付の形式が正しくありません。")])

    def import_academic_records(self, staff: StaffSession, records: bytes, courses: bytes) -> RecordsImportReport:
        if not records.startswith(b"student_number"):
            raise UpstreamError(400, {"records": "見出し行に次の列がありません: name_romaji"})
        self.record_imports.append((staff.tenant_id, records, courses))
        return RecordsImportReport(1, 1, 0, 1, [("courses", 4, "grade", "評価は次のいずれかにしてください: 秀 優")])

    def academic_record(self, staff: StaffSession, student_number: str) -> AcademicRecordHistory | None:
        if (staff.tenant_id, student_number) != ("demo-univ", "L08001"):
            return None
        return AcademicRecordHistory("L08001", 2, "124", "3.10", 40, (
            RecordVersion(2, NOW, "registrar-2", 40), RecordVersion(1, NOW - timedelta(days=30), "registrar-1", 38)))


def tenant_profiles() -> StaticTenantProfiles:
    return StaticTenantProfiles(
        TenantProfile("demo-univ", "証明大学", "Shomei University", "#0b5394", "#ffffff", "office@demo-univ.example"),
        TenantProfile("other-univ", "他大学", "Other University", "#8a1538", "#ffffff", "office@other-univ.example"))


@dataclass
class FakeTenantAdmin:
    """Checks like enrollment does only what the console tests need: the colour's form."""

    profiles: dict[str, dict[str, Any]] = field(default_factory=lambda: {
        "demo-univ": {"name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394",
                      "accent_ink": "#ffffff", "contact_email": "office@demo-univ.example", "terms_ja": "",
                      "terms_en": "", "notes_ja": "", "notes_en": "", "president_title_ja": "",
                      "president_title_en": "", "president_name_ja": "", "president_name_en": "",
                      "closures": [{"first_day": "2026-08-10", "last_day": "2026-08-16", "label": "夏季休業"}]}})
    changes: list[tuple[str, str, tuple[str, ...], bytes | None]] = field(default_factory=list)

    def profile(self, staff: StaffSession) -> dict[str, Any]:
        return dict(self.profiles[staff.tenant_id])

    seals: dict[str, bytes] = field(default_factory=dict)

    def seal(self, staff: StaffSession) -> bytes | None:
        return self.seals.get(staff.tenant_id)

    def change_profile(self, staff: StaffSession, profile: dict[str, Any], logo: bytes | None,
                       seal: bytes | None = None) -> list[str]:
        errors = {k: "色は #rrggbb 形式（例: #0b5394）で入力してください。" for k in ("accent", "accent_ink")
                  if not str(profile.get(k, "")).startswith("#")}
        if seal and not seal.startswith(b"\x89PNG"):
            errors["seal"] = "公印画像はPNG形式にしてください。"
        errors |= {f"closures.{i}": "開始日と終了日を YYYY-MM-DD 形式で入力してください。"
                   for i, c in enumerate(profile["closures"]) if not c["last_day"]}
        if errors:
            raise UpstreamError(400, errors)
        current = self.profiles[staff.tenant_id]
        changed = sorted(k for k, v in profile.items() if current.get(k) != v) + (["logo_sha256"] if logo else [])
        if seal:
            self.seals[staff.tenant_id] = seal
            changed.append("seal_sha256")
        self.profiles[staff.tenant_id] = profile
        if changed:
            self.changes.append((staff.tenant_id, staff.staff_id, tuple(changed), logo))
        return changed

    def history(self, staff: StaffSession) -> list[ProfileChange]:
        return [ProfileChange(NOW, who, fields) for tenant, who, fields, _ in reversed(self.changes)
                if tenant == staff.tenant_id]


JST = ZoneInfo("Asia/Tokyo")


@dataclass
class FakeOrders:
    """Ordering's staff API in memory: each tenant sees its own orders, newest first."""

    orders: dict[str, tuple[str, OrderDetail]] = field(default_factory=dict)  # id → (tenant, detail)
    searches: list[OrderFilter] = field(default_factory=list)
    money: dict[str, tuple[str, UnappliedPayment]] = field(default_factory=dict)  # payment id → (tenant, money)
    transfer_refunds: list[tuple[str, str, str]] = field(default_factory=list)  # (payment id, staff, reason)

    def add_unapplied(self, tenant: str, order_id: str, amount: int = 1500, reason: str = "expired") -> None:
        _, detail = self.orders[order_id]
        payment_id = f"pay-{order_id}"
        self.money[payment_id] = (tenant, UnappliedPayment(payment_id, order_id, detail.summary.student_number,
                                                          amount, reason, NOW + timedelta(days=8)))

    def unapplied(self, staff: StaffSession) -> list[UnappliedPayment]:
        return sorted((m for tenant, m in self.money.values() if tenant == staff.tenant_id), key=lambda m: m.paid_at)

    def record_transfer_refund(self, staff: StaffSession, order_id: str, payment_id: str, reason: str) -> None:
        if not staff.may("registrar"):
            raise UpstreamError(403, {})
        if not reason.strip():
            raise UpstreamError(400, {"reason": "返金の記録を入力してください。"})
        if any(done == payment_id for done, _, _ in self.transfer_refunds):
            return  # recorded once; the second click changes nothing
        tenant, money = self.money.get(payment_id, ("", None))  # type: ignore[arg-type]
        if money is None or tenant != staff.tenant_id or money.order_id != order_id:
            raise UpstreamError(409, {"payment_id": "no such money"})
        del self.money[payment_id]
        self.transfer_refunds.append((payment_id, staff.staff_id, reason))

    def add(self, tenant: str, order_id: str, student_number: str, status: str = "placed",
            placed_at: datetime = NOW, total: int = 1500, reversed_at: datetime | None = None) -> None:
        summary = OrderSummary(order_id, student_number, status, total, 2, "paypal", "netprint", placed_at,
                               placed_at + timedelta(days=7), f"account-{student_number}", reversed_at)
        history = (OrderEvent(placed_at, "OrderPlaced", f"corr-{order_id}"),)
        if status == "paid":
            history += (OrderEvent(placed_at + timedelta(minutes=5), "OrderPaid", f"corr-pay-{order_id}",
                                   (("payment_id", f"pay-{order_id}"), ("amount", str(total)))),)
        if reversed_at is not None:
            history += (OrderEvent(reversed_at, "OrderPaymentReversed", f"corr-rev-{order_id}",
                                   (("payment_id", f"pay-{order_id}"), ("reason", "quick_cancelled"))),)
        self.orders[order_id] = (tenant, OrderDetail(summary, (("卒業証明書", 2),), history))

    def search(self, staff: StaffSession, filters: OrderFilter) -> list[OrderSummary]:
        self.searches.append(filters)
        days: dict[str, date | None] = {}
        for name, value in (("from", filters.first_day), ("to", filters.last_day)):
            try:
                days[name] = date.fromisoformat(value) if value else None
            except ValueError:
                raise UpstreamError(400, {name: "Not a valid date."}) from None
        found = [detail.summary for tenant, detail in self.orders.values() if tenant == staff.tenant_id]
        found = [o for o in found if (not filters.order_id or o.order_id == filters.order_id)
                 and (not filters.student_number or o.student_number == filters.student_number)
                 and (not filters.status or o.status == filters.status)
                 and (not filters.alert or o.payment_reversed_at is not None)
                 and (days["from"] is None or o.placed_at.astimezone(JST).date() >= days["from"])
                 and (days["to"] is None or o.placed_at.astimezone(JST).date() <= days["to"])]
        return sorted(found, key=lambda o: o.placed_at, reverse=True)

    def order(self, staff: StaffSession, order_id: str) -> OrderDetail:
        tenant, detail = self.orders.get(order_id, ("", None))  # type: ignore[arg-type]
        if detail is None or tenant != staff.tenant_id:
            raise UpstreamError(404, {"order_id": "not found"})
        return detail


@dataclass
class FakePayments:
    """Payment's staff API in memory, with its refund rules: what is left, a reason, the print
    deadline (after it a reason for that), one refund per request key."""

    records: dict[str, tuple[str, PaymentRecord]] = field(default_factory=dict)  # order id → (tenant, payment)
    deadlines: dict[str, datetime] = field(default_factory=dict)  # payment id → the order's print deadline
    refunds: dict[str, RefundRequest] = field(default_factory=dict)  # by request key
    now: datetime = NOW

    def add(self, tenant: str, order_id: str, status: str = "captured", amount: int = 1500) -> None:
        history = (OrderEvent(NOW, "PaymentOpened", f"corr-{order_id}", (("amount", str(amount)),)),)
        if status != "created":
            history += (OrderEvent(NOW + timedelta(minutes=5), "PaymentCaptured", f"corr-pay-{order_id}",
                                   (("capture_id", f"CAP-{order_id}"), ("amount", str(amount)))),)
        self.records[order_id] = (tenant, PaymentRecord(f"pay-{order_id}", "paypal", amount, status, history))

    def payments(self, staff: StaffSession, order_id: str) -> list[PaymentRecord]:
        tenant, payment = self.records.get(order_id, ("", None))  # type: ignore[arg-type]
        return [payment] if payment is not None and tenant == staff.tenant_id else []

    def refund(self, staff: StaffSession, request: RefundRequest) -> int:
        if not staff.may("registrar"):
            raise UpstreamError(403, {"_request": "forbidden"})
        found = [(order_id, payment) for order_id, (tenant, payment) in self.records.items()
                 if payment.payment_id == request.payment_id and tenant == staff.tenant_id]
        if not found:
            raise UpstreamError(404, {"payment_id": "not found"})
        (order_id, payment), = found
        if request.request_key in self.refunds:
            return self.refunds[request.request_key].amount
        if payment.refundable == 0:
            raise UpstreamError(409, {"amount": "入金済みでないお支払い（または返金済みのお支払い）は返金できません。"})
        errors = {}
        if not request.reason:
            errors["reason"] = "入力してください。"
        if not 1 <= request.amount <= payment.refundable:
            errors["amount"] = f"返金額は1〜{payment.refundable}円の整数で入力してください。"
        if self.now > self.deadlines.get(payment.payment_id, self.now) and not request.override_reason:
            errors["override_reason"] = ("印刷期限を過ぎた注文です。返金するには、期限後に返金する理由を"
                                         "入力してください。")
        if errors:
            raise UpstreamError(400, errors)
        self.refunds[request.request_key] = request
        refunded = payment.refunded + request.amount
        self.records[order_id] = (staff.tenant_id, replace(
            payment, refunded=refunded, status="refunded" if refunded == payment.amount else payment.status,
            history=(*payment.history, OrderEvent(self.now, "RefundRequested", "corr-refund",
                                                  (("amount", str(request.amount)), ("note", request.reason))))))
        return request.amount


TEMPLATES = ("graduation", "completion", "degree", "transcript", "enrollment_period", "expected_graduation")
_WORDS = (("卒業見込", "expected_graduation"), ("修了", "completion"), ("学位", "degree"), ("成績", "transcript"),
          ("在籍", "enrollment_period"), ("卒業", "graduation"))


def _template_of(certificate: dict[str, Any]) -> str:
    """Ordering's default: the code's template (`_en` for English), else the Japanese name's."""
    base = str(certificate["code"]).removesuffix("_en").removesuffix("-en")
    return base if base in TEMPLATES else next((t for w, t in _WORDS if w in certificate["name_ja"]), "")


def demo_catalogue() -> dict[str, Any]:
    def certificate(code: str, name_ja: str, name_en: str, fee: int, pages: int) -> dict[str, Any]:
        return {"code": code, "name_ja": name_ja, "name_en": name_en, "fee": fee, "pages": pages,
                "statuses": ["卒業"], "programmes": ["学部", "大学院"], "store_printing": True, "language": "ja",
                "template": code}

    return {"types": [certificate("graduation", "卒業証明書", "Certificate of graduation", 500, 1),
                      certificate("transcript", "成績証明書", "Transcript", 500, 2)],
            "usage_fee": 200, "print_charges": {"netprint": 20, "sharp": 20}, "payment_methods": ["paypal", "smartpit"]}


@dataclass
class FakeCatalogueEditor:
    """Ordering's catalogue editor API in memory, with a few of its rules (the contract test holds
    them to the real ones): amounts in range, names and choices required, codes once."""

    documents: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)  # tenant → [(staff, doc)]
    calls: int = 0

    def catalogue(self, staff: StaffSession) -> dict[str, Any]:
        versions = self.documents.setdefault(staff.tenant_id, [("", demo_catalogue())])
        return copy.deepcopy(versions[-1][1])  # as a JSON answer: the caller's changes are its own

    def change_catalogue(self, staff: StaffSession, catalogue: dict[str, Any]) -> bool:
        self.calls += 1
        errors: dict[str, str] = {}

        def amount(value: Any, where: str, most: int, least: int = 0) -> None:
            if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
                errors[where] = f"{least}〜{most}の整数で入力してください。"

        codes: set[str] = set()
        for index, certificate in enumerate(catalogue["types"]):
            for name in ("name_ja", "name_en"):
                if not certificate[name]:
                    errors[f"types.{index}.{name}"] = "入力してください。"
            if certificate["code"] in codes:
                errors[f"types.{index}.code"] = f"証明書コード「{certificate['code']}」が重複しています。"
            codes.add(certificate["code"])
            amount(certificate["fee"], f"types.{index}.fee", 100_000)
            amount(certificate["pages"], f"types.{index}.pages", 50, 1)
            certificate["template"] = certificate.get("template") or _template_of(certificate)
            if certificate["template"] not in TEMPLATES:
                errors[f"types.{index}.template"] = "どの証明書か（様式）を選んでください。"
            for name in ("statuses", "programmes"):
                if not certificate[name]:
                    errors[f"types.{index}.{name}"] = "1つ以上選んでください。"
        amount(catalogue["usage_fee"], "usage_fee", 10_000)
        for channel, charge in catalogue["print_charges"].items():
            amount(charge, f"print_charges.{channel}", 1_000)
        if not catalogue["payment_methods"]:
            errors["payment_methods"] = "お支払い方法を1つ以上選んでください。"
        if errors:
            raise UpstreamError(400, errors)
        if catalogue == self.catalogue(staff):
            return False
        self.documents[staff.tenant_id].append((staff.staff_id, copy.deepcopy(catalogue)))
        return True

    def history(self, staff: StaffSession) -> list[CatalogueVersion]:
        self.catalogue(staff)
        return [CatalogueVersion(number, NOW, who, document, f"corr-{number}")
                for number, (who, document) in reversed(list(enumerate(self.documents[staff.tenant_id], 1)))]
