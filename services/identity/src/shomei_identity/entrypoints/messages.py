"""Identity's sentences: every violation code its domain and service layer raise, in Japanese and
English. The only place identity words an error; `tests/unit/test_messages.py` fails the build
when a code raised has no sentence here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from shomei_shared.errors import Violation
from shomei_shared.web.errors import COMMON, Catalogue
from shomei_shared.web.i18n import request_language


class FieldNamingCatalogue(Catalogue):
    """Templates may say `{field_name}`: the name of the violation's field in the sentence's language.

    The password rules hold for both passwords; one code per rule keeps the domain plain, and the
    sentence still says which password it means ("第2パスワード: …", "The second password …").
    """

    def __init__(self, sentences: Mapping[str, tuple[str, str]], field_names: Mapping[str, tuple[str, str]],
                 parent: Catalogue | None = None) -> None:
        super().__init__(sentences, parent)
        self._field_names = dict(field_names)

    def sentence(self, violation: Violation, language: str | None = None) -> str:
        names = self._field_names.get(violation.field)
        if names is None:
            return super().sentence(violation, language)
        language = language or request_language()
        field_name = names[1] if language == "en" else names[0]
        return super().sentence(replace(violation, params={"field_name": field_name, **violation.params}), language)


FIELD_NAMES: Mapping[str, tuple[str, str]] = {
    "password": ("パスワード", "password"),
    "second_password": ("第2パスワード", "second password"),
}


def _naming_the_field(ja: str, en: str) -> tuple[str, str]:
    """A password rule's sentence, led by the name of the password it is about."""
    return f"{{field_name}}: {ja}", f"The {{field_name}} {en}"


PASSWORD_POLICY: Mapping[str, tuple[str, str]] = {
    "password_full_width": _naming_the_field(
        "全角文字は使えません。半角英数字・記号・空白で入力してください。",
        "must use half-width (ASCII) letters, digits, symbols and spaces only; "
        "full-width characters are not accepted."),
    "password_not_half_width": _naming_the_field(
        "使えない文字が含まれています。半角英数字・記号・空白で入力してください。",
        "contains characters that are not allowed."),
    "password_too_short": _naming_the_field(
        "{min}文字以上で入力してください。", "must be at least {min} characters long."),
    "password_too_long": _naming_the_field(
        "{max}文字以内で入力してください。", "must be at most {max} characters long."),
    "password_needs_upper_and_lower": _naming_the_field(
        "英大文字と英小文字を両方含めてください。", "must contain both upper-case and lower-case letters."),
    "password_too_common": _naming_the_field(
        "よく使われているパスワードのため使えません。", "is too common; choose one that is harder to guess."),
    "password_reused": _naming_the_field(
        "現在（または初期）のものと異なるものを設定してください。", "must differ from the current (or initial) one."),
    "password_same_as_password": _naming_the_field(
        "パスワードと異なるものを設定してください。", "must differ from the password."),
    "password_same_as_second_password": _naming_the_field(
        "第2パスワードと異なるものを設定してください。", "must differ from the second password."),
    "password_confirmation_mismatch": ("確認用の入力が一致しません。", "The confirmation does not match."),
}

LOGIN: Mapping[str, tuple[str, str]] = {
    "login_refused": ("メールアドレス、パスワードまたは第2パスワードが正しくありません。",
                      "The e-mail address, password or second password is not correct."),
    "staff_login_refused": ("メールアドレス、パスワードまたは確認コードが正しくありません。",
                            "The e-mail address, password or verification code is not correct."),
    "locked_out": ("ログインに連続して失敗したため、一時的にロックされています。{minutes}分後に再度お試しください。",
                   "Too many failed logins. Try again in {minutes} minutes."),
    "initial_password_expired": (
        "初期パスワードの有効期限（{days}日間）が切れています。大学の窓口にお問い合わせください。",
        "The initial password has expired ({days} days). Please contact the university office."),
    "passwords_already_set": ("パスワードは既に設定されています。", "The passwords have already been set."),
    "passwords_not_set": ("先に初回ログインでパスワードを設定してください。",
                          "Set your passwords at the first login first."),
    "wrong_current_password": ("現在のパスワードが正しくありません。", "The current password is not correct."),
    "wrong_current_second_password": ("現在の第2パスワードが正しくありません。",
                                      "The current second password is not correct."),
    "session_not_found": ("ログインの有効期限が切れました。再度ログインしてください。",
                          "Your session has ended. Please log in again."),
    "graduate_login_required": ("卒業生のログインが必要です。", "A graduate's login is required."),
    "unknown_role": ("役割が正しくありません: {roles}", "Unknown or missing roles: {roles}"),
}

LINKS_AND_ACCOUNTS: Mapping[str, tuple[str, str]] = {
    "token_invalid": ("URLが正しくありません。", "This link is not valid."),
    "token_used": ("このURLは既に使用されています。", "This link has already been used."),
    "token_expired": ("このURLは有効期限が切れています。もう一度最初から手続きしてください。",
                      "This link has expired. Please start again."),
    "registration_expired": ("このURLは有効期限が切れています。", "This link has expired."),
    "already_verified": ("このメールアドレスは確認済みです。", "This e-mail address has already been confirmed."),
    "email_has_account": ("このメールアドレスのアカウントは既にあります。",
                          "An account with this e-mail address already exists."),
    "email_taken": ("このメールアドレスは既に使われています。", "This e-mail address is already in use."),
    "same_email": ("現在のメールアドレスと同じです。", "This is already your e-mail address."),
    "email_confirmation_mismatch": ("確認用のメールアドレスが一致しません。",
                                    "The confirmation e-mail address does not match."),
    "account_not_found": ("アカウントが見つかりません。", "No such account."),
}

CATALOGUE: Catalogue = FieldNamingCatalogue({**PASSWORD_POLICY, **LOGIN, **LINKS_AND_ACCOUNTS}, FIELD_NAMES,
                                            parent=COMMON)
