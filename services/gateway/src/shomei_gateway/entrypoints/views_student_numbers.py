"""学籍番号追加登録 (rule 14): the one-time URL from the mail, then the applicant form and its
confirmation for the other student number, then the university's approval."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from shomei_gateway.entrypoints.applicant_fields import PER_ENROLLMENT_SECTIONS, PERSONAL_FIELDS
from shomei_gateway.entrypoints.applicant_form import (
    Steps,
    applicant_step,
    confirm_step,
    remember_submission,
    repeated_submission,
)
from shomei_gateway.entrypoints.auth import current_session, identity, login_required
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import done, enrollment, tenant
from shomei_gateway.service_layer.ports import UpstreamError

student_numbers = Blueprint("student_numbers", __name__, url_prefix="/account/student-numbers")
FLOW = "student_number_account"


@student_numbers.route("/new", methods=["GET", "POST"])
@login_required
def verify() -> str | Response | tuple[str, int]:
    token = request.values.get("token", "")
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        account = current_session()
        try:
            account_id = identity().verify_student_number_addition(token, tenant())
        except UpstreamError:
            account_id = None
        if account is None or account_id != account.account_id:
            return done(_("このURLは使用できません"),
                        _("URLの有効期限が切れているか、既に使用されています。もう一度お手続きください。"), 410)
        session[FLOW] = account_id
        return redirect(url_for("student_numbers.applicant"))
    return render_template("student_number_verify.html", form=form, token=token)


def _account_id() -> str:
    account = current_session()
    if account is None or session.get(FLOW) != account.account_id:
        abort(403)
    return account.account_id


@student_numbers.route("/form", methods=["GET", "POST"])
@login_required
def applicant() -> str:
    return applicant_step(_steps(_account_id()))


@student_numbers.post("/confirm")
@login_required
def confirm() -> str | tuple[str, int]:
    if repeated_submission():
        return _applied()
    account_id = _account_id()

    def submit(values: dict[str, str], images: dict[str, bytes]) -> None:
        enrollment().apply_for_student_number(account_id, tenant(), values, images)

    again = confirm_step(_steps(account_id), submit)
    if again is not None:
        return again
    session.pop(FLOW, None)
    remember_submission()
    return _applied()


def _applied() -> tuple[str, int]:
    return done(_("学籍番号の追加登録を申請しました"),
                _("大学の承認後、メールでお知らせします。承認されると、証明書の申込時に学籍番号を選べます。"))


def _steps(account_id: str) -> Steps:
    """Manual §2.3 asks only for the other student number's enrollment: the person is the one
    registered, so their personal data comes from the profile (read again at every step, never
    carried in the page), and enrollment checks the whole as it checks a registration."""
    profile = enrollment().profile(account_id, tenant()).data
    return Steps(url_for("student_numbers.applicant"), url_for("student_numbers.confirm"),
                 asked=PER_ENROLLMENT_SECTIONS, given={name: profile.get(name, "") for name in PERSONAL_FIELDS},
                 kind="student_number")
