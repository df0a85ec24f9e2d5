"""The console's screens: sign-in, review queue, decided applications, application detail and
decision, alumni import, the staff member's language."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from shomei_admin.entrypoints.forms import (
    DecidedFilterForm,
    DecisionForm,
    ImportForm,
    LanguageForm,
    StaffLoginForm,
    show_at_fields,
)
from shomei_admin.entrypoints.presentation import language_cookie, review_sheet, staff_language
from shomei_admin.entrypoints.staff import identity, requires, reviews, staff, staff_cookie, tenant
from shomei_admin.service_layer.ports import DecidedFilter, DecidedPage, UpstreamError
from shomei_shared.web.login_source import keep_device, login_device, login_source
from shomei_shared.web.tenancy import cookie_path

console = Blueprint("console", __name__)
DECIDED = {"approve": "承認しました。", "return": "再申請を依頼しました。", "reject": "却下しました。"}
# Enrollment's names of the decided list's filters, and the form's.
FILTER_FIELDS = {"decision": "decision", "kind": "kind", "from": "first_day", "to": "last_day", "q": "q"}
ONE_YEAR_S = 365 * 24 * 3600
DEVICE_COOKIE = "shomei_staff_device"  # this browser signed in before (docs/adr/0026)


def _safe_next(target: str | None) -> str:
    """Only pages of this university's console (an open redirect would help phishing)."""
    own = request.script_root + "/"
    return target if target and target.startswith(own) and not target.startswith("//") else url_for("console.queue")


@console.route("/login", methods=["GET", "POST"])
def login() -> str | WerkzeugResponse | tuple[str, int]:
    form = StaffLoginForm()
    if form.validate_on_submit():
        try:
            signed_in = identity().staff_login(tenant(), form.email.data or "", form.password.data or "",
                                               form.totp.data or "", login_source(), login_device(DEVICE_COOKIE))
        except UpstreamError as error:
            form.form_errors.append(next(iter(error.errors.values()), "ログインできませんでした。"))
            return render_template("login.html", form=form), error.status if error.status in (401, 429) else 400
        response = redirect(_safe_next(request.args.get("next")))
        response.set_cookie(staff_cookie(), signed_in.session_id, httponly=True, samesite="Strict", path=cookie_path(),
                            secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
        return keep_device(response, DEVICE_COOKIE, signed_in.device)
    return render_template("login.html", form=form)


@console.post("/logout")
@requires()
def logout() -> WerkzeugResponse:
    identity().staff_logout(request.cookies.get(staff_cookie(), ""))
    session.clear()  # the flow cookie too: nothing of the signed-in staff member stays in the browser
    response = redirect(url_for("console.login"))
    # A browser ignores a `__Host-` cookie, even an expired one, that is not sent as Secure.
    response.delete_cookie(staff_cookie(), path=cookie_path(), httponly=True, samesite="Strict",
                           secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


@console.get("/")
@requires()
def queue() -> str:
    # Soonest due first (DOMAIN rule 15): what is overdue or due today is at the top.
    items = sorted(reviews().queue(staff()), key=lambda item: (item.due_at, item.submitted_at))
    # Tenant administrators see whose sign-in is locked (docs/adr/0021): a colleague who needs
    # help, or someone trying staff passwords.
    lockouts = identity().staff_lockouts(staff()) if "tenant_admin" in staff().roles else []
    return render_template("queue.html", items=items, me=staff(), lockouts=lockouts)


@console.get("/decided")
@requires()
def decided() -> tuple[str, int]:
    form = DecidedFilterForm(request.args)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    found: DecidedPage | None = None
    if form.validate():
        try:
            found = reviews().decided(staff(), DecidedFilter(
                form.decision.data or "", form.kind.data or "", form.first_day.data or "", form.last_day.data or "",
                (form.q.data or "").strip(), page))
        except UpstreamError as error:
            if error.status != 400:
                raise
            show_at_fields(form, error.errors, FILTER_FIELDS)
    # The filters without the page, for the pages' links to keep.
    filters = {name: value for name, value in request.args.items() if name != "page" and value}
    status = 200 if found is not None else 400
    return render_template("decided.html", form=form, found=found, filters=filters), status


@console.post("/language")
@requires()
def language() -> WerkzeugResponse:
    """The staff member's language for application data, kept in a cookie of this console."""
    form = LanguageForm()
    response = redirect(_safe_next(request.form.get("next")))
    if form.validate_on_submit():
        response.set_cookie(language_cookie(), form.language.data or "ja", max_age=ONE_YEAR_S, httponly=True,
                            samesite="Strict", path=cookie_path(),
                            secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
    return response


@console.route("/applications/<application_id>", methods=["GET", "POST"])
@requires()
def detail(application_id: str) -> str | WerkzeugResponse | tuple[str, int]:
    member = staff()
    form = DecisionForm()
    if request.method == "POST":
        if not member.may("reviewer"):
            return render_template("message.html", title="権限がありません",
                                   message="判定には審査担当の権限が必要です。"), 403
        if form.validate_on_submit():
            try:
                reviews().decide(member, application_id, form.decision.data, (form.reason.data or "").strip(),
                                 (form.student_number.data or "").strip())
            except UpstreamError as error:
                form.form_errors.extend(error.errors.values())
            else:
                return redirect(url_for("console.queue", decided=form.decision.data))
    application = reviews().detail(member, application_id)
    history = reviews().history(member, application_id)
    sheet = review_sheet(application.data, reviews().catalogue(member), staff_language())
    return render_template("detail.html", application=application, history=history, form=form, me=member,
                           sheet=sheet, causes={entry.message_id: entry for entry in history if entry.message_id})


@console.get("/applications/<application_id>/images/<image_id>")
@requires()
def image(application_id: str, image_id: str) -> Response:
    content, content_type = reviews().image(staff(), application_id, image_id)
    # Shown in the browser's own image view (zoom, fit) when staff open it full size.
    return Response(content, content_type=content_type, headers={"Content-Disposition": "inline"})


@console.route("/alumni/import", methods=["GET", "POST"])
@requires("registrar")
def import_alumni() -> str:
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        report = reviews().import_alumni(staff(), form.file.data.read())
    return render_template("import.html", form=form, report=report)
