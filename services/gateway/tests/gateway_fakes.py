"""In-memory identity and enrollment for the gateway's tests; the HTTP adapters are held to the
same behaviour by the contract tests against the real services."""

from __future__ import annotations

import io
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field

from PIL import Image

from shomei_devtools.trust import session_trust
from shomei_gateway.service_layer.ports import (
    Catalogue,
    LoginOutcome,
    Option,
    Profile,
    SessionInfo,
    SubmittedApplication,
    UpstreamError,
    VerifiedRegistration,
)
from shomei_shared.web.assertions import Actor
from shomei_shared.web.tenant_profiles import StaticTenantProfiles, TenantProfile

DEMO = TenantProfile("demo-univ", "証明大学", "Shomei University", "#0b5394", "#ffffff", "office@demo-univ.example",
                     terms_ja="証明大学の利用規約です。", notes_ja="証明大学からのお知らせです。")
SAKURA = TenantProfile("sakura-univ", "桜花大学", "Ohka University", "#8a1538", "#ffffff",
                       "office@sakura-univ.example", logo_version=1)
def png() -> tuple[bytes, str]:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "#d94f7a").save(out, "PNG")
    return out.getvalue(), "image/png"


def tenant_profiles() -> StaticTenantProfiles:
    return StaticTenantProfiles(DEMO, SAKURA, logos={"sakura-univ": png()})




@dataclass
class FakeAccount:
    account_id: str
    email: str
    password: str
    second_password: str = ""
    initial: bool = True
    tenant_id: str = "demo-univ"
    failures: dict[str, int] = field(default_factory=dict)  # by guard: a known device, else the address
    devices: set[str] = field(default_factory=set)  # ids of the devices it logged in from


@dataclass
class FakeIdentity:
    mails: list[tuple[str, str, str]] = field(default_factory=list)  # (to, kind, token)
    registrations: dict[str, VerifiedRegistration] = field(default_factory=dict)  # by token
    accounts: dict[str, FakeAccount] = field(default_factory=dict)  # by e-mail
    sessions: dict[str, FakeAccount] = field(default_factory=dict)
    setups: dict[str, FakeAccount] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # what each login and change said it came from
    devices_shown: list[str] = field(default_factory=list)  # the device each login sent

    def _token(self, to: str, kind: str) -> str:
        token = secrets.token_urlsafe(16)
        self.mails.append((to, kind, token))
        return token

    def start_registration(self, tenant_id: str, email: str, locale: str) -> None:
        token = self._token(email, "registration")
        self.registrations[token] = VerifiedRegistration(str(uuid.uuid4()), tenant_id, email)

    def verify_registration(self, token: str, tenant_id: str) -> VerifiedRegistration:
        found = self.registrations.get(token)
        if found is None or found.tenant_id != tenant_id:
            raise UpstreamError(410, {"token": "期限切れ"})
        del self.registrations[token]
        return found

    def activate(self, email: str, initial_password: str, tenant_id: str = "demo-univ") -> None:
        self.accounts[email] = FakeAccount(str(uuid.uuid4()), email, initial_password, tenant_id=tenant_id)

    def login(self, tenant_id: str, email: str, password: str, second_password: str,
              source: str = "", device: str = "") -> LoginOutcome:
        self.sources.append(source)
        self.devices_shown.append(device)
        account = self.accounts.get(email)
        # identity's lockout: 5 failures, 15 minutes, per account and guard (docs/adr/0021, 0026)
        guard = device if account is not None and device in account.devices else source
        if account is not None and account.failures.get(guard, 0) >= 5:
            raise UpstreamError(429, {"_form": "ロックされています。15分後に再度お試しください。"}, 900)
        if (account is None or account.tenant_id != tenant_id or account.password != password
                or account.second_password != second_password):
            if account is not None:
                account.failures[guard] = account.failures.get(guard, 0) + 1
                if account.failures[guard] >= 5:
                    raise UpstreamError(429, {"_form": "ロックされています。15分後に再度お試しください。"}, 900)
            raise UpstreamError(401, {"_form": "メールアドレスまたはパスワードが正しくありません。"})
        known = guard if guard in account.devices else secrets.token_urlsafe(32)
        account.devices.add(known)
        if account.initial:
            setup = secrets.token_urlsafe(16)
            self.setups[setup] = account
            return LoginOutcome(setup_token=setup, device=known)
        return LoginOutcome(session_id=self._session(account), device=known)

    def _session(self, account: FakeAccount) -> str:
        session_id = secrets.token_urlsafe(32)
        self.sessions[session_id] = account
        return session_id

    def set_first_passwords(self, setup_token: str, password: str, second_password: str) -> str:
        account = self.setups.get(setup_token)
        if account is None:
            raise UpstreamError(401, {"_form": "やり直してください。"})
        if password == second_password:
            raise UpstreamError(400, {"second_password": "パスワードと第2パスワードは別のものにしてください。"})
        del self.setups[setup_token]
        account.password, account.second_password, account.initial = password, second_password, False
        return self._session(account)

    def session(self, session_id: str, tenant_id: str) -> SessionInfo | None:
        account = self.sessions.get(session_id)  # the tenant is left to the gateway's own check here
        if account is None:
            return None
        # What identity would sign for this account: the real enrollment API trusts nothing else.
        assertion = session_trust().assertion(Actor(account.tenant_id, account.account_id, "graduate"))
        return SessionInfo(account.account_id, account.tenant_id, account.email, assertion)

    def logout(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    def change_password(self, session_id: str, current: str, new: str, confirmation: str,
                        source: str = "") -> None:
        self.sources.append(source)
        account = self.sessions[session_id]
        if account.password != current:
            raise UpstreamError(400, {"current": "現在のパスワードが正しくありません。"})
        account.password = new

    def change_second_password(self, session_id: str, current: str, new: str, confirmation: str,
                               source: str = "") -> None:
        self.sources.append(source)
        account = self.sessions[session_id]
        if account.second_password != current:
            raise UpstreamError(400, {"current": "現在の第2パスワードが正しくありません。"})
        account.second_password = new

    def request_email_change(self, session_id: str, new_email: str, confirmation: str, locale: str,
                             current_password: str, source: str = "") -> None:
        self.sources.append(source)
        if self.sessions[session_id].password != current_password:
            raise UpstreamError(400, {"current_password": "現在のパスワードが正しくありません。"})
        self._token(new_email, "email_change")

    def confirm_email_change(self, token: str, tenant_id: str) -> None:
        if not any(t == token for _, kind, t in self.mails if kind == "email_change"):
            raise UpstreamError(410, {"token": "期限切れ"})

    def request_password_reset(self, tenant_id: str, email: str, locale: str) -> None:
        if email in self.accounts and self.accounts[email].tenant_id == tenant_id:
            self._token(email, "reset")

    def reset_password(self, token: str, tenant_id: str, password: str, second_password: str) -> None:
        for to, kind, sent in self.mails:
            if kind == "reset" and sent == token and self.accounts[to].tenant_id == tenant_id:
                account = self.accounts[to]
                account.password, account.second_password, account.initial = password, second_password, False
                return
        raise UpstreamError(410, {"token": "期限切れ"})

    def request_student_number_addition(self, session_id: str, locale: str) -> None:
        self._token(self.sessions[session_id].email, "student_number")

    def verify_student_number_addition(self, token: str, tenant_id: str) -> str:
        for to, kind, sent in self.mails:
            if kind == "student_number" and sent == token:
                return self.accounts[to].account_id
        raise UpstreamError(400, {"token": "期限切れ"})


@dataclass
class FakeEnrollment:
    submitted: list[tuple[str, dict[str, str], dict[str, bytes]]] = field(default_factory=list)
    profiles: dict[str, Profile] = field(default_factory=dict)
    returned: dict[str, SubmittedApplication] = field(default_factory=dict)  # by re-application link token

    def catalogue(self, tenant_id: str) -> Catalogue:
        return Catalogue([("証明大学 文学部", [Option("demo/lit/jpn", "日本文学科")]),
                          ("証明大学 理学部", [Option("demo/sci/phy", "物理学科")])])

    def check_application(self, tenant_id: str, form: dict[str, str], images: dict[str, bytes],
                          kind: str = "registration") -> dict[str, str]:
        errors = {}
        if not form.get("name_kanji"):
            errors["name_kanji"] = "必須項目です。"
        if form.get("name_kana") and not all("ァ" <= c <= "ヶ" or c in "ー　 " for c in form["name_kana"]):
            errors["name_kana"] = "全角カタカナで入力してください。"
        if "id_front" not in images and kind == "registration":
            errors["id_front"] = "本人確認書類の画像を添付してください。"
        for name, content in images.items():  # by content, as enrollment does: a renamed PDF is no image
            if not content.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
                errors[name] = "jpg・gif・png形式の画像を選んでください。"
        if errors:
            raise UpstreamError(400, errors)
        return {**form, "name_romaji": form.get("name_romaji", "").upper(),
                "postal_code": form.get("postal_code", "").replace("-", "")[:3] + "-"
                + form.get("postal_code", "").replace("-", "")[3:]}

    def submit_application(self, registration_id: str, tenant_id: str, form: dict[str, str],
                           images: dict[str, bytes]) -> str:
        if any(done == registration_id for done, _, _ in self.submitted):  # one per registration
            raise UpstreamError(409, {"registration_id": "この登録の申請は受付済みです。"})
        self.check_application(tenant_id, form, images)
        self.submitted.append((registration_id, form, images))
        return str(uuid.uuid4())

    def apply_for_student_number(self, account_id: str, tenant_id: str, form: dict[str, str],
                                 images: dict[str, bytes]) -> str:
        self.check_application(tenant_id, form, images, "student_number")
        self.submitted.append((f"account:{account_id}", form, images))
        return str(uuid.uuid4())

    def profile(self, account_id: str, tenant_id: str) -> Profile:
        return self.profiles[account_id]

    def check_profile_change(self, account_id: str, tenant_id: str, form: dict[str, str]) -> dict[str, str]:
        if not form.get("mobile_phone", "").replace("-", "").isdigit():
            raise UpstreamError(400, {"mobile_phone": "電話番号は半角数字で入力してください。"})
        # Enrollment folds full-width digits and writes NNN-NNNN; enough of that for the screens.
        digits = unicodedata.normalize("NFKC", form.get("postal_code", "")).replace("-", "")
        postal_code = f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else form.get("postal_code", "")
        return {**form, "postal_code": postal_code}

    def change_profile(self, account_id: str, tenant_id: str, form: dict[str, str]) -> list[str]:
        form = self.check_profile_change(account_id, tenant_id, form)
        current = self.profiles[account_id]
        changed = [k for k, v in form.items() if current.data.get(k) != v]
        self.profiles[account_id] = Profile(form, current.student_numbers)
        return changed

    def open_resubmission(self, token: str, tenant_id: str) -> SubmittedApplication:
        if token not in self.returned or self.returned[token].tenant_id != tenant_id:
            raise UpstreamError(400, {"token": "この再申請のURLは無効です。"})
        if self.returned[token].status != "returned":
            raise UpstreamError(400, {"token": "この再申請のURLは既に使用されています。"})
        return self.returned[token]

    def resubmit(self, application_id: str, token: str, form: dict[str, str],
                 images: dict[str, bytes]) -> None:
        found = self.returned[token]
        if found.status != "returned" or found.application_id != application_id:
            raise UpstreamError(400, {"token": "この再申請のURLは既に使用されています。"})
        self.check_application("", form, images)
        self.submitted.append((f"resubmit:{application_id}", form, images))
        self.returned[token] = SubmittedApplication(application_id, "submitted", None, form, found.tenant_id)
