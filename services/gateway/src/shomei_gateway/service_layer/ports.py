"""What the gateway needs from identity and enrollment. The HTTP adapters speak their internal
APIs (docs/contracts/registration.md); tests use the fakes in tests/fakes.py, proven by the
contract tests in tests/integration."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class UpstreamError(Exception):
    """A service refused: `errors` maps field → reason, already in the user's language."""

    def __init__(self, status: int, errors: dict[str, str], retry_after: int | None = None) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.retry_after = retry_after


@dataclass(frozen=True)
class VerifiedRegistration:
    registration_id: str
    tenant_id: str
    email: str


@dataclass(frozen=True)
class SessionInfo:
    account_id: str
    tenant_id: str
    email: str
    # Identity's signed statement of who this is, sent with every call made on their behalf.
    assertion: str | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class LoginOutcome:
    """Either a session, or the first login's demand to set both passwords."""

    session_id: str | None = None
    setup_token: str | None = None
    device: str | None = None  # the id for the browser's device cookie (docs/adr/0026)


@dataclass(frozen=True)
class Option:
    code: str
    name: str


@dataclass(frozen=True)
class Catalogue:
    """Departments to choose from, grouped by university and faculty; codes are `u/f/d`."""

    groups: list[tuple[str, list[Option]]]


@dataclass(frozen=True)
class StudentNumber:
    """One of the graduate's student numbers as enrollment records it (its codes)."""

    student_number: str
    status: str  # graduated | withdrew | expelled
    programme: str  # undergraduate | graduate


@dataclass(frozen=True)
class Profile:
    data: dict[str, str]  # the applicant form's fields
    student_numbers: list[str]
    enrollments: tuple[StudentNumber, ...] = ()


@dataclass(frozen=True)
class SubmittedApplication:
    application_id: str
    status: str  # submitted, returned, approved, rejected
    reason: str | None
    data: dict[str, str]  # the applicant form's fields
    tenant_id: str = ""


class IdentityApi(Protocol):
    def start_registration(self, tenant_id: str, email: str, locale: str) -> None: ...
    def verify_registration(self, token: str, tenant_id: str) -> VerifiedRegistration: ...
    def login(self, tenant_id: str, email: str, password: str, second_password: str,
              source: str = "", device: str = "") -> LoginOutcome:
        """`source`: the client's address; identity locks failed logins per account and source.
        `device`: the browser's device cookie; a device known for the account is guarded on its own."""
    def set_first_passwords(self, setup_token: str, password: str, second_password: str) -> str: ...
    def session(self, session_id: str, tenant_id: str) -> SessionInfo | None:
        """The graduate's session, if it was made at `tenant_id`'s address."""
    def logout(self, session_id: str) -> None: ...
    def change_password(self, session_id: str, current: str, new: str, confirmation: str,
                        source: str = "") -> None:
        """Also ends the account's other sessions; a wrong `current` counts as a failed login."""
    def change_second_password(self, session_id: str, current: str, new: str, confirmation: str,
                               source: str = "") -> None: ...
    def request_email_change(self, session_id: str, new_email: str, confirmation: str, locale: str,
                             current_password: str, source: str = "") -> None: ...
    def confirm_email_change(self, token: str, tenant_id: str) -> None: ...
    def request_password_reset(self, tenant_id: str, email: str, locale: str) -> None: ...
    def reset_password(self, token: str, tenant_id: str, password: str, second_password: str) -> None: ...
    def request_student_number_addition(self, session_id: str, locale: str) -> None: ...
    def verify_student_number_addition(self, token: str, tenant_id: str) -> str:
        """The account the one-time URL was sent for."""


class SetupTokens(Protocol):
    """The first login's setup token, kept on the server between the two screens."""

    def keep(self, token: str) -> str:
        """A new opaque handle for `token`, the only thing the browser holds."""

    def find(self, handle: str) -> str | None: ...
    def forget(self, handle: str) -> None: ...


class EnrollmentApi(Protocol):
    def catalogue(self, tenant_id: str) -> Catalogue: ...

    def check_application(self, tenant_id: str, form: dict[str, str], images: dict[str, bytes],
                          kind: str = "registration") -> dict[str, str]:
        """The form as enrollment would store it (normalised), or UpstreamError by form field.
        `kind` "student_number" asks no identity document (rule 14)."""

    def submit_application(self, registration_id: str, tenant_id: str, form: dict[str, str],
                           images: dict[str, bytes]) -> str:
        """Submit (申請); returns the application id."""

    def apply_for_student_number(self, account_id: str, tenant_id: str, form: dict[str, str],
                                 images: dict[str, bytes]) -> str:
        """Apply to link another student number to the account (rule 14); returns the application id."""

    def profile(self, account_id: str, tenant_id: str) -> Profile: ...

    def check_profile_change(self, account_id: str, tenant_id: str, form: dict[str, str]) -> dict[str, str]:
        """The profile as the change would leave it (normalised), or UpstreamError by form field."""

    def change_profile(self, account_id: str, tenant_id: str, form: dict[str, str]) -> list[str]:
        """Change the changeable personal data; returns the names of what changed."""

    def open_resubmission(self, token: str, tenant_id: str) -> SubmittedApplication:
        """The returned application a re-application link opens at `tenant_id`'s address;
        UpstreamError (field `token`) for a link unknown there, used or expired."""

    def resubmit(self, application_id: str, token: str, form: dict[str, str],
                 images: dict[str, bytes]) -> None:
        """再申請: the corrected application, for one returned for re-application; uses the link."""
