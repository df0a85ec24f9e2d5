"""JSON APIs: errors that name the field and the reason in the user's language, and request
bodies validated by marshmallow. Who may call is `shomei_shared.web.trust`'s (ADR 0019)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, jsonify, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

from shomei_shared.web.i18n import Text, localise, request_language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FieldError:
    field: str
    reason: str | Text


class ApiError(Exception):
    """Raise from a view: becomes `{"errors": [{"field", "reason"}]}` with `status`."""

    def __init__(self, status: int, *errors: FieldError, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        self.headers = dict(headers or {})

    @classmethod
    def one(cls, status: int, field: str, ja: str, en: str) -> ApiError:
        return cls(status, FieldError(field, Text(ja, en)))


def field_errors(messages: Mapping[str, Any] | list[Any], prefix: str = "") -> list[FieldError]:
    """Flatten marshmallow's nested messages into one error per field path (`address.postal_code`)."""
    if isinstance(messages, list):
        return [FieldError(prefix or "_body", str(m)) for m in messages]
    errors: list[FieldError] = []
    for key, value in messages.items():
        path = f"{prefix}.{key}" if prefix and key != "_schema" else (prefix or str(key))
        if isinstance(value, Mapping):
            errors.extend(field_errors(value, path))
        else:
            errors.extend(FieldError(path, str(m)) for m in (value if isinstance(value, list) else [value]))
    return errors


_NUL_REASON = ("NUL文字は使えません。", "NUL characters are not allowed.")


def _nul_paths(value: Any, path: str) -> list[str]:
    """Where a NUL character hides in JSON: PostgreSQL text cannot hold one, so it must be
    refused at the door rather than fail deep in a query."""
    if isinstance(value, str):
        return [path] if "\x00" in value else []
    if isinstance(value, dict):
        found = [path or "_body"] if any("\x00" in str(key) for key in value) else []
        for key, item in value.items():
            found += _nul_paths(item, f"{path}.{key}" if path else str(key))
        return found
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nul_paths(v, f"{path}.{i}" if path else str(i))]
    return []


def load_query(schema: Schema) -> Any:
    """The request's query string loaded by `schema`, or a 400 naming each bad parameter."""
    try:
        return schema.load(request.args)
    except ValidationError as error:
        raise ApiError(400, *field_errors(error.messages)) from None


def load_body(schema: Schema) -> Any:
    """The request's JSON body loaded by `schema`, or a 400 naming each bad field."""
    body = request.get_json(silent=True)
    if body is None:
        raise ApiError.one(400, "_body", "JSON形式で送信してください。", "Send a JSON body.")
    if nul := _nul_paths(body, ""):
        raise ApiError(400, *(FieldError(path, Text(*_NUL_REASON)) for path in nul))
    try:
        return schema.load(body)
    except ValidationError as error:
        raise ApiError(400, *field_errors(error.messages)) from None


def _render(errors: tuple[FieldError, ...] | list[FieldError]) -> list[dict[str, str]]:
    language = request_language()
    return [
        {"field": e.field, "reason": e.reason(language) if isinstance(e.reason, Text) else localise(e.reason, language)}
        for e in errors
    ]


def api_error_response(error: ApiError) -> tuple[Response, int, dict[str, str]]:
    """The JSON answer for an ApiError (for apps that serve pages too and install only this)."""
    return jsonify(errors=_render(error.errors)), error.status, error.headers


def refuse_nul_in_query() -> None:
    """A before_request hook: a NUL in a query parameter or form field is a 400 naming it,
    never a 500 from the database."""
    for name, value in [*request.args.items(multi=True), *request.form.items(multi=True)]:
        name, value = name or "", value or ""  # a multipart part may come without a name
        if "\x00" in value or "\x00" in name:
            raise ApiError(400, FieldError(name.replace("\x00", "") or "_request", Text(*_NUL_REASON)))


def install_api_errors(app: Flask) -> None:
    app.register_error_handler(ApiError, api_error_response)
    app.before_request(refuse_nul_in_query)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response, int]:
        reason = Text("リクエストを処理できません。", error.description or error.name)
        return jsonify(errors=_render([FieldError("_request", reason)])), error.code or 500

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response, int]:
        log.exception("unhandled error")
        reason = Text("システムエラーが発生しました。時間をおいて再度お試しください。",
                      "Something went wrong on our side. Please try again later.")
        return jsonify(errors=_render([FieldError("_server", reason)])), 500

