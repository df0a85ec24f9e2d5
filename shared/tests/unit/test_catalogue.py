"""Sentences only at the edge: a catalogue renders codes with params, in the user's language."""

from __future__ import annotations

from flask import Flask

from shomei_shared.errors import Conflict, InvalidInput, TooManyAttempts, Violation
from shomei_shared.web.errors import COMMON, install_domain_errors


def app_raising(error: Exception) -> Flask:
    app = Flask(__name__)
    install_domain_errors(app, COMMON.extend({"locked": ("{minutes}分後に再度お試しください。",
                                                         "Try again in {minutes} minutes.")}))

    @app.get("/")
    def fail() -> str:
        raise error

    return app


def test_codes_become_sentences_in_the_user_s_language_with_params() -> None:
    app = app_raising(InvalidInput(Violation("too_long", "note", {"max": 200}), Violation("required", "name")))
    ja = app.test_client().get("/").get_json()
    en = app.test_client().get("/?lang=en").get_json()
    assert ja["errors"] == [{"field": "note", "code": "too_long", "reason": "200文字以内で入力してください。"},
                            {"field": "name", "code": "required", "reason": "必須項目です。"}]
    assert en["errors"][0]["reason"] == "Enter at most 200 characters."


def test_kinds_map_to_statuses_and_lockouts_say_when_to_return() -> None:
    assert app_raising(Conflict.one("concurrent_request")).test_client().get("/").status_code == 409
    locked = app_raising(TooManyAttempts(120, Violation("locked", "_login", {"minutes": 2}))).test_client().get("/")
    assert (locked.status_code, locked.headers["Retry-After"]) == (429, "120")
    assert locked.get_json()["errors"][0]["reason"] == "2分後に再度お試しください。"


def test_an_unknown_code_falls_back_to_a_general_sentence() -> None:
    body = app_raising(InvalidInput.one("no_such_code", "x")).test_client().get("/").get_json()
    assert body["errors"][0]["reason"] == "入力内容を確認してください。"
