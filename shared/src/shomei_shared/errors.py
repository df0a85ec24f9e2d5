"""The one error model of every service: the domain says *what* is wrong, never in words.

A `Violation` names a rule (`code`), the input it concerns (`field`, a dotted path such as
`address.postal_code`, or `_request` for the request as a whole) and the facts a sentence may
need (`params`). Sentences in Japanese and English are written only at the edge, from each
service's message catalogue (`shomei_shared.web.errors.Catalogue`), in the user's language.

The kind of failure is the exception's class, so the web layer maps it to a status without
knowing the rule behind it. Standard library only: domain code imports this module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self


@dataclass(frozen=True)
class Violation:
    code: str
    field: str = "_request"
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class DomainError(Exception):
    """One or more violations. Subclasses say what kind of failure it is."""

    def __init__(self, *violations: Violation) -> None:
        super().__init__("; ".join(f"{v.field}: {v.code}" for v in violations))
        self.violations: tuple[Violation, ...] = violations

    @classmethod
    def one(cls, code: str, field: str = "_request", **params: Any) -> Self:
        return cls(Violation(code, field, params))

    @property
    def first(self) -> Violation:
        return self.violations[0]


class InvalidInput(DomainError):
    """The input breaks a rule (format, policy, a value out of range): 400."""


class NotFound(DomainError):
    """Nothing of that id for this caller (also what another tenant is told): 404."""


class NotPermitted(DomainError):
    """The caller may not do this: 403."""


class Conflict(DomainError):
    """The request does not fit the current state (decided twice, already set): 409."""


class CredentialsRefused(DomainError):
    """Wrong credentials; one message for every reason, so nothing leaks: 401."""


class TooManyAttempts(DomainError):
    """Locked for a while: 429 with Retry-After."""

    def __init__(self, retry_after_seconds: int, *violations: Violation) -> None:
        super().__init__(*violations)
        self.retry_after_seconds = retry_after_seconds


class Violations:
    """Collects violations while a whole input is checked, so the user sees all at once."""

    def __init__(self) -> None:
        self.found: list[Violation] = []

    def add(self, code: str, field: str, **params: Any) -> None:
        self.found.append(Violation(code, field, params))

    def required(self, field: str) -> None:
        self.add("required", field)

    def extend(self, violations: tuple[Violation, ...] | list[Violation]) -> None:
        self.found.extend(violations)

    def raise_if_any(self) -> None:
        if self.found:
            raise InvalidInput(*self.found)
