"""Errors the domain raises: each names the field and says why in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    field: str
    ja: str
    en: str


class InvalidData(ValueError):
    """Input that breaks one or more rules; carries every violation found, not just the first."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("; ".join(f"{v.field}: {v.en}" for v in violations))
        self.violations = violations


class RuleBroken(Exception):
    """A request that does not fit the current state (decide twice, resubmit when not returned)."""

    def __init__(self, field: str, ja: str, en: str) -> None:
        super().__init__(en)
        self.violation = Violation(field, ja, en)


class NotPermitted(RuleBroken):
    """The actor may not do this (staff of another tenant, another account's application)."""


class Violations:
    """Collects violations while a whole input is checked, so the user sees all at once."""

    def __init__(self) -> None:
        self.found: list[Violation] = []

    def add(self, field: str, ja: str, en: str) -> None:
        self.found.append(Violation(field, ja, en))

    def required(self, field: str) -> None:
        self.add(field, "必須項目です。", "This field is required.")

    def raise_if_any(self) -> None:
        if self.found:
            raise InvalidData(self.found)


class NotFound(RuleBroken):
    """Nothing of that id for this caller; also what another tenant's staff is told, so that
    they cannot learn that an application exists."""
