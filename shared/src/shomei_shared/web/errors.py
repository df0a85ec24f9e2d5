"""Domain errors at the edge: a status for the kind of error, a sentence for each violation.

Sentences live only here, in message catalogues: the shared one (`COMMON`) for rules every
service has, and one per service for its own codes. A sentence is a `str.format` template
filled with the violation's params, in the user's language (`?lang=`, Accept-Language).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import IntegrityError

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
from shomei_shared.uow import AggregateNotFound
from shomei_shared.web.i18n import request_language

log = logging.getLogger(__name__)

STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (InvalidInput, 400), (CredentialsRefused, 401), (NotPermitted, 403), (NotFound, 404),
    (Conflict, 409), (TooManyAttempts, 429),
)


class Catalogue:
    """Violation codes to (Japanese, English) sentences; unknown codes fall back to `parent`."""

    def __init__(self, sentences: Mapping[str, tuple[str, str]], parent: Catalogue | None = None) -> None:
        self._sentences = dict(sentences)
        self._parent = parent

    def __contains__(self, code: object) -> bool:
        return code in self._sentences or (self._parent is not None and code in self._parent)

    def extend(self, sentences: Mapping[str, tuple[str, str]]) -> Catalogue:
        return Catalogue(sentences, parent=self)

    def sentence(self, violation: Violation, language: str | None = None) -> str:
        pair = self._find(violation.code)
        if pair is None:
            log.warning("no sentence for violation code %s", violation.code)
            pair = self._find("invalid") or ("入力内容を確認してください。", "Please check this entry.")
        template = pair[1] if (language or request_language()) == "en" else pair[0]
        try:
            return template.format(**violation.params)
        except (KeyError, IndexError, ValueError):
            return template

    def _find(self, code: str) -> tuple[str, str] | None:
        if code in self._sentences:
            return self._sentences[code]
        return self._parent._find(code) if self._parent is not None else None


COMMON = Catalogue({
    "required": ("必須項目です。", "This field is required."),
    "invalid": ("入力内容を確認してください。", "Please check this entry."),
    "not_found": ("見つかりません。", "Not found."),
    "not_permitted": ("この操作は許可されていません。", "You may not do this."),
    "too_long": ("{max}文字以内で入力してください。", "Enter at most {max} characters."),
    "concurrent_request": ("同じ操作が同時に行われました。画面を再読み込みしてください。",
                           "The same request was made twice at once; reload and check."),
    # shomei_shared.sealing: a sealed secret redeemed by reference (identity, enrollment).
    "secret_not_found": ("見つからないか、有効期限が切れています。", "Not found or expired."),
})


def error_body(error: DomainError, catalogue: Catalogue) -> list[dict[str, Any]]:
    language = request_language()
    return [{"field": v.field, "code": v.code, "reason": catalogue.sentence(v, language)}
            for v in error.violations]


def status_of(error: DomainError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 400)


def install_domain_errors(app: Flask, catalogue: Catalogue) -> None:
    """Every DomainError (and a lost race, and a missing aggregate) as the API's error shape."""

    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> tuple[Response, int, dict[str, str]]:
        headers = {}
        if isinstance(error, TooManyAttempts):
            headers["Retry-After"] = str(error.retry_after_seconds)
        return jsonify(errors=error_body(error, catalogue)), status_of(error), headers

    @app.errorhandler(IntegrityError)
    def _raced(error: IntegrityError) -> tuple[Response, int, dict[str, str]]:
        # Two requests for the same thing at once (e.g. a double-clicked 申請): one won.
        return _domain(Conflict.one("concurrent_request"))

    @app.errorhandler(AggregateNotFound)
    def _missing(error: AggregateNotFound) -> tuple[Response, int, dict[str, str]]:
        return _domain(NotFound.one("not_found", "id"))
