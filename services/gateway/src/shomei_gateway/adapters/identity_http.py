"""The identity service's internal API behind the gateway's IdentityApi port."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from shomei_gateway.service_layer.ports import LoginOutcome, SessionInfo, UpstreamError, VerifiedRegistration
from shomei_shared.web.client import InternalClient, ServiceError


@contextmanager
def fields_as(renames: Mapping[str, str] | Callable[[str], str]) -> Iterator[None]:
    """A service's field names → the gateway form's, so each reason shows at the right field:
    a table of renames, or a function naming the form field of any service field."""
    rename = renames if callable(renames) else (lambda name: renames.get(name, name))
    try:
        yield
    except ServiceError as error:
        errors = {rename(name): reason for name, reason in error.errors.items()}
        raise UpstreamError(error.status, errors, error.retry_after) from None


class HttpIdentity:
    def __init__(self, client: InternalClient) -> None:
        self._client = client

    def _post(self, path: str, body: dict[str, Any], renames: Mapping[str, str] | None = None) -> Any:
        with fields_as(renames or {}):
            return self._client.call("POST", "/internal" + path, body)

    def start_registration(self, tenant_id: str, email: str, locale: str) -> None:
        self._post("/registrations", {"tenant_id": tenant_id, "email": email, "locale": locale})

    def verify_registration(self, token: str, tenant_id: str) -> VerifiedRegistration:
        found = self._post("/registrations/verify", {"token": token, "tenant_id": tenant_id})
        return VerifiedRegistration(found["registration_id"], found["tenant_id"], found["email"])

    def login(self, tenant_id: str, email: str, password: str, second_password: str,
              source: str = "", device: str = "") -> LoginOutcome:
        found = self._post("/login", {"tenant_id": tenant_id, "email": email, "password": password,
                                      "second_password": second_password, "source": source, "device": device})
        return LoginOutcome(session_id=found.get("session_id"), setup_token=found.get("setup_token"),
                            device=found.get("device"))

    def set_first_passwords(self, setup_token: str, password: str, second_password: str) -> str:
        found = self._post("/login/first-passwords", {"setup_token": setup_token, "password": password,
                                                      "second_password": second_password})
        return str(found["session_id"])

    def session(self, session_id: str, tenant_id: str) -> SessionInfo | None:
        try:
            found = self._post("/sessions/lookup", {"session_id": session_id, "tenant_id": tenant_id})
        except UpstreamError as error:
            if error.status in (400, 404):
                return None
            raise
        if found.get("subject_kind") != "graduate":
            return None  # a staff session is no graduate's
        return SessionInfo(found["account_id"], found["tenant_id"], found["email"], found.get("assertion"))

    def logout(self, session_id: str) -> None:
        self._post("/sessions/logout", {"session_id": session_id})

    def change_password(self, session_id: str, current: str, new: str, confirmation: str,
                        source: str = "") -> None:
        self._post("/account/password", {"session_id": session_id, "current_password": current,
                                          "new_password": new, "confirmation": confirmation, "source": source},
                   {"current_password": "current", "new_password": "new", "confirmation": "new_again"})

    def change_second_password(self, session_id: str, current: str, new: str, confirmation: str,
                               source: str = "") -> None:
        self._post("/account/second-password", {"session_id": session_id, "current_second_password": current,
                                                 "new_second_password": new, "confirmation": confirmation,
                                                 "source": source},
                   {"current_second_password": "current", "new_second_password": "new", "confirmation": "new_again"})

    def request_email_change(self, session_id: str, new_email: str, confirmation: str, locale: str,
                             current_password: str, source: str = "") -> None:
        self._post("/account/email-change", {"session_id": session_id, "new_email": new_email,
                                             "confirmation": confirmation, "locale": locale,
                                             "current_password": current_password, "source": source},
                   {"new_email": "email", "confirmation": "email_again"})

    def confirm_email_change(self, token: str, tenant_id: str) -> None:
        self._post("/email-change/confirm", {"token": token, "tenant_id": tenant_id})

    def request_password_reset(self, tenant_id: str, email: str, locale: str) -> None:
        self._post("/password-reset", {"tenant_id": tenant_id, "email": email, "locale": locale})

    def reset_password(self, token: str, tenant_id: str, password: str, second_password: str) -> None:
        self._post("/password-reset/confirm", {"token": token, "tenant_id": tenant_id, "new_password": password,
                                               "new_second_password": second_password},
                   {"new_password": "password", "new_second_password": "second_password"})

    def request_student_number_addition(self, session_id: str, locale: str) -> None:
        self._post("/account/student-number-addition", {"session_id": session_id, "locale": locale})

    def verify_student_number_addition(self, token: str, tenant_id: str) -> str:
        found = self._post("/student-number-addition/verify", {"token": token, "tenant_id": tenant_id})
        return str(found["account_id"])
