"""The user's language for API errors, and Japanese for marshmallow's standard messages."""

from __future__ import annotations

from flask import has_request_context, request

SUPPORTED = ("ja", "en")

# marshmallow's English messages (by their start) and what a Japanese user should read instead.
_JAPANESE = {
    "Missing data for required field.": "必須項目です。",
    "Field may not be null.": "入力してください。",
    "Not a valid string.": "文字列で入力してください。",
    "Not a valid integer.": "半角数字で入力してください。",
    "Not a valid email address.": "メールアドレスの形式が正しくありません。",
    "Not a valid date.": "日付の形式が正しくありません（例: 2000-04-01）。",
    "Not a valid datetime.": "日時の形式が正しくありません。",
    "Not a valid boolean.": "はい／いいえで指定してください。",
    "Not a valid UUID.": "IDの形式が正しくありません。",
    "Unknown field.": "不明な項目です。",
    "Invalid input type.": "入力の形式が正しくありません。",
    "Must be one of": "選択肢から選んでください。",
    "Length must be between": "文字数が範囲外です。",
    "Shorter than minimum length": "短すぎます。",
    "Longer than maximum length": "長すぎます。",
    "String does not match expected pattern.": "形式が正しくありません。",
    "Invalid value.": "値が正しくありません。",
}


def request_language() -> str:
    """`?lang=`, then Accept-Language; Japanese first, as the service is."""
    if not has_request_context():
        return "ja"
    chosen = request.args.get("lang")
    if chosen in SUPPORTED:
        return chosen
    best = request.accept_languages.best_match(SUPPORTED, default="ja")
    return best or "ja"


def localise(message: str, language: str) -> str:
    """A marshmallow message in `language`; messages we wrote ourselves pass through."""
    if language != "ja":
        return message
    for english, japanese in _JAPANESE.items():
        if message.startswith(english):
            return japanese
    return message


class Text:
    """A message in both languages, chosen when it is shown."""

    def __init__(self, ja: str, en: str) -> None:
        self.ja, self.en = ja, en

    def __call__(self, language: str | None = None) -> str:
        return self.en if (language or request_language()) == "en" else self.ja

    def __str__(self) -> str:
        return self()
