"""In-memory identity and enrollment for the gateway's tests; the HTTP adapters are held to the
same behaviour by the contract tests against the real services."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from shomei_gateway.service_layer.ports import (
    Application,
    Catalogue,
    LoginOutcome,
    Option,
    SessionInfo,
    UpstreamError,
    VerifiedRegistration,
)


@dataclass
class FakeAccount:
    account_id: str
    email: str
    password: str
    second_password: str = ""
    initial: bool = True


@dataclass
class FakeIdentity:
    tenant: str = "demo-univ"
    mails: list[tuple[str, str, str]] = field(default_factory=list)  # (to, kind, token)
    registrations: dict[str, VerifiedRegistration] = field(default_factory=dict)  # by token
    accounts: dict[str, FakeAccount] = field(default_factory=dict)  # by e-mail
    sessions: dict[str, FakeAccount] = field(default_factory=dict)
    setups: dict[str, FakeAccount] = field(default_factory=dict)

    def _token(self, to: str, kind: str) -> str:
        token = secrets.token_urlsafe(16)
        self.mails.append((to, kind, token))
        return token

    def start_registration(self, tenant_id: str, email: str, locale: str) -> None:
        token = self._token(email, "registration")
        self.registrations[token] = VerifiedRegistration(str(uuid.uuid4()), tenant_id, email)

    def verify_registration(self, token: str) -> VerifiedRegistration:
        found = self.registrations.pop(token, None)
        if found is None:
            raise UpstreamError(410, {"token": "期限切れ"})
        return found

    def activate(self, email: str, initial_password: str) -> None:
        self.accounts[email] = FakeAccount(str(uuid.uuid4()), email, initial_password)

    def login(self, tenant_id: str, email: str, password: str, second_password: str) -> LoginOutcome:
        account = self.accounts.get(email)
        if account is None or account.password != password or account.second_password != second_password:
            raise UpstreamError(401, {"_form": "メールアドレスまたはパスワードが正しくありません。"})
        if account.initial:
            setup = secrets.token_urlsafe(16)
            self.setups[setup] = account
            return LoginOutcome(setup_token=setup)
        return LoginOutcome(session_id=self._session(account))

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

    def session(self, session_id: str) -> SessionInfo | None:
        account = self.sessions.get(session_id)
        return None if account is None else SessionInfo(account.account_id, self.tenant, account.email)

    def logout(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    def change_password(self, session_id: str, current: str, new: str) -> None:
        account = self.sessions[session_id]
        if account.password != current:
            raise UpstreamError(400, {"current": "現在のパスワードが正しくありません。"})
        account.password = new

    def change_second_password(self, session_id: str, current: str, new: str) -> None:
        account = self.sessions[session_id]
        if account.second_password != current:
            raise UpstreamError(400, {"current": "現在の第2パスワードが正しくありません。"})
        account.second_password = new

    def request_email_change(self, session_id: str, new_email: str, locale: str) -> None:
        self._token(new_email, "email_change")

    def confirm_email_change(self, token: str) -> None:
        if not any(t == token for _, kind, t in self.mails if kind == "email_change"):
            raise UpstreamError(410, {"token": "期限切れ"})

    def request_password_reset(self, tenant_id: str, email: str, locale: str) -> None:
        if email in self.accounts:
            self._token(email, "reset")

    def reset_password(self, token: str, password: str, second_password: str) -> None:
        for to, kind, sent in self.mails:
            if kind == "reset" and sent == token:
                account = self.accounts[to]
                account.password, account.second_password, account.initial = password, second_password, False
                return
        raise UpstreamError(410, {"token": "期限切れ"})

    def request_student_number_addition(self, session_id: str, locale: str) -> None:
        self._token(self.sessions[session_id].email, "student_number")


@dataclass
class FakeEnrollment:
    drafts: dict[str, Application] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)
    submitted: list[str] = field(default_factory=list)

    def catalogue(self, tenant_id: str) -> Catalogue:
        return Catalogue(Option("demo-univ", "証明大学"), [Option("lit", "文学部"), Option("sci", "理学部")],
                         {"lit": [Option("jpn", "日本文学科")], "sci": [Option("phy", "物理学科")]})

    def save_draft(self, registration_id: str, data: dict[str, Any], images: list[bytes]) -> Application:
        errors = {}
        if not data.get("name_kanji"):
            errors["name_kanji"] = "必須項目です。"
        if data.get("name_kana") and not all("ァ" <= c <= "ヶ" or c in "ー　 " for c in data["name_kana"]):
            errors["name_kana"] = "全角カタカナで入力してください。"
        if not images:
            errors["id_front"] = "本人確認書類の画像を添付してください。"
        if errors:
            raise UpstreamError(400, errors)
        ids = []
        for content in images:
            image_id = uuid.uuid4().hex
            self.images[image_id] = content
            ids.append(image_id)
        draft = Application(str(uuid.uuid4()), "draft", data, ids)
        self.drafts[registration_id] = draft
        return draft

    def application(self, registration_id: str) -> Application:
        return self.drafts[registration_id]

    def image(self, registration_id: str, image_id: str) -> tuple[bytes, str]:
        if image_id not in self.drafts[registration_id].images:
            raise UpstreamError(404, {"image_id": "not found"})
        return self.images[image_id], "image/png"

    def submit(self, registration_id: str) -> Application:
        self.submitted.append(registration_id)
        return self.drafts[registration_id]
