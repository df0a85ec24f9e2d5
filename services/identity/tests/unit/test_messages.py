"""Sentences only at the edge: every violation code identity raises has a sentence in Japanese and
English in its catalogue, the domain and service layer hold no Japanese, and the sentences read
as they did when the domain still wrote them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shomei_identity.domain.errors import LockedOut, Violation, login_refused
from shomei_identity.domain.password_policy import strength_violations
from shomei_identity.domain.tokens import invalid_token
from shomei_identity.entrypoints.messages import CATALOGUE, LINKS_AND_ACCOUNTS, LOGIN, PASSWORD_POLICY
from shomei_identity.service_layer.handlers.login import initial_password_expired
from shomei_identity.service_layer.handlers.staff import staff_refused

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "shomei_identity"
WORDLESS = [PACKAGE / "domain", PACKAGE / "service_layer"]  # codes, fields and params only
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# Where a code is written: Violation("code", …), Error.one("code", …), violations.add("code", …).
CODE_AT = re.compile(r'(?:\bViolation|\.one|\.add)\(\s*"([a-z][a-z0-9_]*)"')
# Every Violation(…) and Error.one(…) must start with a literal code, or the scan would miss it.
RAISING_CALL = re.compile(r"(?:\bViolation|\.one)\((?!\))")
WRITTEN_OUT = re.compile(r'(?:\bViolation|\.one)\(\s*"')


def sources(*roots: Path) -> dict[Path, str]:
    return {path: path.read_text("utf-8") for root in roots for path in sorted(root.rglob("*.py"))}


def codes_raised() -> set[str]:
    return {code for text in sources(PACKAGE).values() for code in CODE_AT.findall(text)}


def test_every_code_is_written_out_where_it_is_raised() -> None:
    for path, text in sources(PACKAGE).items():
        assert len(RAISING_CALL.findall(text)) == len(WRITTEN_OUT.findall(text)), f"a code not written out in {path}"
    assert {"login_refused", "locked_out", "password_too_short", "token_expired"} <= codes_raised()


def test_every_code_raised_has_a_sentence_in_japanese_and_english() -> None:
    for code in sorted(codes_raised()):
        assert code in CATALOGUE, f"no sentence for {code}: add it to entrypoints/messages.py"
        ja, en = CATALOGUE.sentence(Violation(code), "ja"), CATALOGUE.sentence(Violation(code), "en")
        assert JAPANESE.search(ja), f"{code}: {ja!r} is not Japanese"
        assert not JAPANESE.search(en), f"{code}: {en!r} is not English"


def test_every_sentence_is_for_a_code_that_is_raised() -> None:
    own = [*PASSWORD_POLICY, *LOGIN, *LINKS_AND_ACCOUNTS]
    assert len(own) == len(set(own)), "a code is in two groups of the catalogue"
    assert set(own) - codes_raised() == set()


def test_no_japanese_in_the_domain_or_the_service_layer() -> None:
    for path, text in sources(*WORDLESS).items():
        for number, line in enumerate(text.splitlines(), 1):
            assert not JAPANESE.search(line), f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"


def first(code: str, violations: list[Violation]) -> Violation:
    return next(v for v in violations if v.code == code)


# The sentences as the domain wrote them before the catalogue: the texts users see must not move.
@pytest.mark.parametrize(("violation", "ja", "en"), [
    (first("password_full_width", strength_violations("Ｐａｓｓｗｏｒｄ９９ab", "second_password")),
     "第2パスワード: 全角文字は使えません。半角英数字・記号・空白で入力してください。",
     "The second password must use half-width (ASCII) letters, digits, symbols and spaces only; "
     "full-width characters are not accepted."),
    (first("password_not_half_width", strength_violations("Tsukuba7\t", "password")),
     "パスワード: 使えない文字が含まれています。半角英数字・記号・空白で入力してください。",
     "The password contains characters that are not allowed."),
    (first("password_too_short", strength_violations("Short1a", "password")),
     "パスワード: 8文字以上で入力してください。", "The password must be at least 8 characters long."),
    (first("password_too_long", strength_violations("Kq" * 65, "second_password")),
     "第2パスワード: 128文字以内で入力してください。", "The second password must be at most 128 characters long."),
    (first("password_too_common", strength_violations("Password", "password")),
     "パスワード: よく使われているパスワードのため使えません。",
     "The password is too common; choose one that is harder to guess."),
    (Violation("password_same_as_second_password", "password"),
     "パスワード: 第2パスワードと異なるものを設定してください。", "The password must differ from the second password."),
    (Violation("password_same_as_password", "second_password"),
     "第2パスワード: パスワードと異なるものを設定してください。", "The second password must differ from the password."),
    (Violation("password_reused", "password"), "パスワード: 現在（または初期）のものと異なるものを設定してください。",
     "The password must differ from the current (or initial) one."),
    (LockedOut(900).first, "ログインに連続して失敗したため、一時的にロックされています。15分後に再度お試しください。",
     "Too many failed logins. Try again in 15 minutes."),
    (login_refused().first, "メールアドレス、パスワードまたは第2パスワードが正しくありません。",
     "The e-mail address, password or second password is not correct."),
    (staff_refused().first, "メールアドレス、パスワードまたは確認コードが正しくありません。",
     "The e-mail address, password or verification code is not correct."),
    (initial_password_expired().first,
     "初期パスワードの有効期限（7日間）が切れています。大学の窓口にお問い合わせください。",
     "The initial password has expired (7 days). Please contact the university office."),
    (invalid_token().first, "URLが正しくありません。", "This link is not valid."),
    (Violation("unknown_role", "roles", {"roles": "dean, janitor"}), "役割が正しくありません: dean, janitor",
     "Unknown or missing roles: dean, janitor"),
])
def test_sentences_read_as_before(violation: Violation, ja: str, en: str) -> None:
    assert (CATALOGUE.sentence(violation, "ja"), CATALOGUE.sentence(violation, "en")) == (ja, en)
