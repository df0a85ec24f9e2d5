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
_FIELD_NAMES = {
    "password": ("パスワード", "password"),
    "second_password": ("第2パスワード", "second password"),
}


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of well-known passwords, lower-cased (compared case-insensitively)."""
    text = resources.files("shomei_identity.domain").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _v(code: str, field: str, ja: str, en: str) -> Violation:
    ja_name, en_name = _FIELD_NAMES.get(field, (field, field))
    return Violation(code, field, f"{ja_name}: {ja}", f"The {en_name} {en}")


def strength_violations(value: str, field: str) -> list[Violation]:
    """Everything wrong with one password on its own."""
    found: list[Violation] = []
    if any(not (" " <= ch <= "~") for ch in value):
        full_width = any(ord(ch) > 0x7E for ch in value)
        found.append(_v(
            "not_half_width", field,
            "全角文字は使えません。半角英数字・記号・空白で入力してください。" if full_width
            else "使えない文字が含まれています。半角英数字・記号・空白で入力してください。",
            "must use half-width (ASCII) letters, digits, symbols and spaces only; full-width "
            "characters are not accepted." if full_width else "contains characters that are not allowed.",
        ))
    if len(value) < MIN_LENGTH:
        found.append(_v("too_short", field, f"{MIN_LENGTH}文字以上で入力してください。",
                        f"must be at least {MIN_LENGTH} characters long."))
    if len(value) > MAX_LENGTH:
        found.append(_v("too_long", field, f"{MAX_LENGTH}文字以内で入力してください。",
                        f"must be at most {MAX_LENGTH} characters long."))
    if not any("A" <= ch <= "Z" for ch in value) or not any("a" <= ch <= "z" for ch in value):
        found.append(_v("needs_upper_and_lower", field, "英大文字と英小文字を両方含めてください。",
                        "must contain both upper-case and lower-case letters."))
    if value.lower() in common_passwords():
        found.append(_v("too_common", field, "よく使われているパスワードのため使えません。",
                        "is too common; choose one that is harder to guess."))
    return found


def require_new_pair(password: str, second_password: str, *, password_reused: bool = False) -> None:
    """Rule 12 and 19: a new password and a new second password, each strong, different from
    each other, and the password different from the one it replaces (initial or current)."""
    found = strength_violations(password, "password") + strength_violations(second_password, "second_password")
    if password_reused:
        found.append(reused("password"))
    if password == second_password:
        found.append(_v("same_as_password", "second_password", "パスワードと異なるものを設定してください。",
                        "must differ from the password."))
    if found:
        raise InvalidInput(*found)


def require_new_single(value: str, field: str, *, confirmation: str, reused_previous: bool,
                       other_password_matches: bool) -> None:
    """A change of one of the two passwords (rule 18): strong, confirmed, not the previous one,
    and still different from the other password."""
    found = strength_violations(value, field)
    if value != confirmation:
        found.append(Violation("confirmation_mismatch", "confirmation", "確認用の入力が一致しません。",
                               "The confirmation does not match."))
    if reused_previous:
        found.append(reused(field))
    if other_password_matches:
        other = "second_password" if field == "password" else "password"
        ja_other, en_other = _FIELD_NAMES[other]
        found.append(_v("same_as_other", field, f"{ja_other}と異なるものを設定してください。",
                        f"must differ from the {en_other}."))
    if found:
        raise InvalidInput(*found)


def reused(field: str) -> Violation:
    return _v("reused", field, "現在（または初期）のものと異なるものを設定してください。",
              "must differ from the current (or initial) one.")
