"""Password policy (rule 12 of the manual combined with OWASP ASVS 5.0, see docs/adr/0006).

The manual asks for at least 8 half-width alphanumerics mixing upper- and lower-case letters.
ASVS adds: allow long passphrases (64+; we accept up to 128), allow symbols and spaces, refuse
well-known passwords. Only printable ASCII is accepted, because the manual says half-width and
because the multi-copy world and older browsers mangle full-width input.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from shomei_identity.domain.errors import InvalidInput, Violation

MIN_LENGTH = 8
MAX_LENGTH = 128


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of well-known passwords, lower-cased (compared case-insensitively)."""
    text = resources.files("shomei_identity.domain").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def strength_violations(value: str, field: str) -> list[Violation]:
    """Everything wrong with one password on its own (`field`: password or second_password)."""
    found: list[Violation] = []
    if any(not (" " <= ch <= "~") for ch in value):
        # Full-width input is the usual slip of a Japanese keyboard, so it is named as such.
        if any(ord(ch) > 0x7E for ch in value):
            found.append(Violation("password_full_width", field))
        else:
            found.append(Violation("password_not_half_width", field))
    if len(value) < MIN_LENGTH:
        found.append(Violation("password_too_short", field, {"min": MIN_LENGTH}))
    if len(value) > MAX_LENGTH:
        found.append(Violation("password_too_long", field, {"max": MAX_LENGTH}))
    if not any("A" <= ch <= "Z" for ch in value) or not any("a" <= ch <= "z" for ch in value):
        found.append(Violation("password_needs_upper_and_lower", field))
    if value.lower() in common_passwords():
        found.append(Violation("password_too_common", field))
    return found


def require_new_pair(password: str, second_password: str, *, password_reused: bool = False) -> None:
    """Rule 12 and 19: a new password and a new second password, each strong, different from
    each other, and the password different from the one it replaces (initial or current)."""
    found = strength_violations(password, "password") + strength_violations(second_password, "second_password")
    if password_reused:
        found.append(reused("password"))
    if password == second_password:
        found.append(Violation("password_same_as_password", "second_password"))
    if found:
        raise InvalidInput(*found)


def require_new_single(value: str, field: str, *, confirmation: str, reused_previous: bool,
                       other_password_matches: bool) -> None:
    """A change of one of the two passwords (rule 18): strong, confirmed, not the previous one,
    and still different from the other password."""
    found = strength_violations(value, field)
    if value != confirmation:
        found.append(Violation("password_confirmation_mismatch", "confirmation"))
    if reused_previous:
        found.append(reused(field))
    if other_password_matches:
        # A code per direction: the sentence names the other password.
        found.append(Violation("password_same_as_second_password", field) if field == "password"
                     else Violation("password_same_as_password", field))
    if found:
        raise InvalidInput(*found)


def reused(field: str) -> Violation:
    return Violation("password_reused", field)
