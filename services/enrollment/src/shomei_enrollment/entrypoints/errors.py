"""Domain and service errors as API errors, in the contract's shape: 400 naming every field,
403, 404, 409; reasons in the language of Accept-Language (Japanese by default)."""

from __future__ import annotations

from flask import Flask, Response, jsonify
from sqlalchemy.exc import IntegrityError

from shomei_enrollment.domain.errors import InvalidData, NotFound, NotPermitted, RuleBroken, Violation
from shomei_shared.uow import AggregateNotFound
from shomei_shared.web.i18n import request_language


def _errors(status: int, violations: list[Violation]) -> tuple[Response, int]:
    english = request_language() == "en"
    return jsonify(errors=[{"field": v.field, "reason": v.en if english else v.ja} for v in violations]), status


def install_domain_errors(app: Flask) -> None:
    @app.errorhandler(InvalidData)
    def _invalid(error: InvalidData) -> tuple[Response, int]:
        return _errors(400, error.violations)

    @app.errorhandler(RuleBroken)
    def _rule(error: RuleBroken) -> tuple[Response, int]:
        status = 404 if isinstance(error, NotFound) else 403 if isinstance(error, NotPermitted) else 409
        return _errors(status, [error.violation])

    @app.errorhandler(IntegrityError)
    def _raced(error: IntegrityError) -> tuple[Response, int]:
        # Two requests for the same thing at once (e.g. a double-clicked 申請): one won.
        return _errors(409, [Violation("_request", "同じ操作が同時に行われました。画面を再読み込みしてください。",
                                       "The same request was made twice at once; reload and check.")])

    @app.errorhandler(AggregateNotFound)
    def _missing(error: AggregateNotFound) -> tuple[Response, int]:
        return _errors(404, [Violation("application_id", "申請が見つかりません。", "No such application.")])
