"""Errors the domain raises: each names the field and says why in Japanese and English.

The kind of error (invalid input, not found, conflict, refused credentials, locked) is its class,
so the web layer maps it to a status without knowing the rule behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True)
class Violation:
    code: str
    field: str
    ja: str
    en: str


class IdentityError(Exception):
    """Base: one or more violations."""

    def __init__(self, *violations: Violation) -> None:
        super().__init__("; ".join(f"{v.field}: {v.en}" for v in violations))
        self.violations = violations

    @classmethod
    def one(cls, code: str, field: str, ja: str, en: str) -> Self:
        return cls(Violation(code, field, ja, en))


class InvalidInput(IdentityError):
    """The request breaks a rule (password policy, confirmation mismatch, bad token)."""


class NotFound(IdentityError):
    """Nothing of that id for this caller."""


class Conflict(IdentityError):
    """The request does not fit the current state (already verified, passwords already set)."""


class CredentialsRefused(IdentityError):
    """Wrong password, second password, TOTP code or an unknown e-mail: one message for all,
    so that a caller cannot learn whether an e-mail has an account."""


class LockedOut(IdentityError):
    """Too many failures: try again after `retry_after_seconds`."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(Violation(
            "locked_out", "_login",
            f"ログインに連続して失敗したため、一時的にロックされています。{_minutes(retry_after_seconds)}分後に再度お試しください。",
            f"Too many failed logins. Try again in {_minutes(retry_after_seconds)} minutes.",
        ))
        self.retry_after_seconds = retry_after_seconds


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def login_refused() -> CredentialsRefused:
    return CredentialsRefused(Violation(
        "login_refused", "_login",
        "メールアドレス、パスワードまたは第2パスワードが正しくありません。",
        "The e-mail address, password or second password is not correct.",
    ))
