"""Errors the domain raises: the suite's one error model (`shomei_shared.errors`), plus identity's
own helpers. A violation names a rule (code), the field and the facts (params); the sentences
are written only at the edge, in `shomei_identity.entrypoints.messages`.
"""

from __future__ import annotations

from shomei_shared.errors import (
    Conflict,
    CredentialsRefused,
    DomainError,
    InvalidInput,
    NotFound,
    NotPermitted,
    TooManyAttempts,
    Violation,
)

__all__ = [
    "Conflict",
    "CredentialsRefused",
    "DomainError",
    "InvalidInput",
    "LockedOut",
    "NotFound",
    "NotPermitted",
    "TooManyAttempts",
    "Violation",
    "login_refused",
]


class LockedOut(TooManyAttempts):
    """Too many failed logins: locked for `retry_after_seconds`, told to the user in minutes."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(retry_after_seconds,
                         Violation("locked_out", "_login", {"minutes": _minutes(retry_after_seconds)}))


def _minutes(seconds: int) -> int:
    # Rounded up and at least one: a wait of zero minutes would invite a retry that is refused.
    return max(1, -(-seconds // 60))


def login_refused() -> CredentialsRefused:
    """Wrong e-mail, password or second password: one answer for all, so that a caller cannot
    learn whether an e-mail address has an account."""
    return CredentialsRefused.one("login_refused", "_login")
