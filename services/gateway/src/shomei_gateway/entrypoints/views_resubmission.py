"""再申請: an application returned for re-application is corrected from the link in the result
mail, shown with the university's reason, and submitted again through the same confirmation."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.applicant_form import (
    Steps,
    applicant_step,
    confirm_step,
    remember_submission,
    repeated_submission,
)
from shomei_gateway.entrypoints.views_common import done, enrollment, tenant
from shomei_gateway.service_layer.ports import UpstreamError

resubmission = Blueprint("resubmission", __name__, url_prefix="/register/resubmit")
# {token, application_id, reason}: the link's token (the browser had it in the mail's URL) and
# ids, no personal data in the cookie.
FLOW = "resubmission"


@resubmission.get("/")
def start() -> str | Response | tuple[str, int]:
    """The result mail's one-time link (ADR 0023); a registration id opens nothing any more."""
    token = request.args.get("token", "")
    try:
        application = enrollment().open_resubmission(token, tenant()) if token else None
    except UpstreamError as refused:
        # Unknown here (or another university's), used, or expired: enrollment's words for it.
        return done(_("再申請できる申請はありません"), refused.errors.get("token")
                    or _("この申請は再申請を受け付けていないか、既に再申請されています。"), 404)
    if application is None or application.status != "returned":
        return done(_("再申請できる申請はありません"),
                    _("この申請は再申請を受け付けていないか、既に再申請されています。"), 404)
    session[FLOW] = {"token": token, "application_id": application.application_id,
                     "reason": application.reason or ""}
    # Off the address bar (and any Referer) at once.
    return redirect(url_for("resubmission.applicant"))


def _flow() -> dict[str, str]:
    flow = session.get(FLOW)
    if not flow or "token" not in flow:
        abort(403)
    return dict(flow)


@resubmission.route("/form", methods=["GET", "POST"])
def applicant() -> str:
    flow = _flow()
    notice = _("大学からの連絡: %(reason)s　内容を修正し、本人確認書類の画像をもう一度添付してください。",
               reason=flow["reason"])
    initial = enrollment().open_resubmission(flow["token"], tenant()).data if request.method == "GET" else {}
    return applicant_step(_steps(),
                          initial=initial, notice=notice)


@resubmission.post("/confirm")
def confirm() -> str | tuple[str, int]:
    if repeated_submission():
        return _resubmitted()
    flow = _flow()

    def submit(values: dict[str, str], images: dict[str, bytes]) -> None:
        enrollment().resubmit(flow["application_id"], flow["token"], values, images)

    again = confirm_step(_steps(), submit)
    if again is not None:
        return again
    session.pop(FLOW, None)
    remember_submission()
    return _resubmitted()


def _resubmitted() -> tuple[str, int]:
    return done(_("再申請を受け付けました"), _("大学で申請内容を確認します。結果はメールでお知らせします。"))


def _steps() -> Steps:
    return Steps(url_for("resubmission.applicant"), url_for("resubmission.confirm"))
