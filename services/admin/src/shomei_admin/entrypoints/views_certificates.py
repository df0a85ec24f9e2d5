"""Verification in the console (ADR 0036): find a certificate by its verification code or its
order; its page with the issued image, history and every lookup; revocation with a reason
(registrars and tenant admins; a second click, or a colleague's, answers "already revoked"); and
the university's verification log. print-gateway checks the assertion again (ADR 0019)."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import CertificateSearchForm, RevocationForm, show_at_fields
from shomei_admin.entrypoints.staff import requires, staff
from shomei_admin.service_layer.certificates import CertificatesApi, CertificateSummary
from shomei_admin.service_layer.ports import UpstreamError

certificates_pages = Blueprint("certificates", __name__)
STATUS = {"valid": "有効", "revoked": "取消", "retention_passed": "保存期間経過", "unknown": "該当なし"}


def certificates() -> CertificatesApi:
    return cast(CertificatesApi, current_app.extensions["shomei.certificates"])


@certificates_pages.get("/certificates")
@requires()
def search() -> tuple[str, int]:
    form = CertificateSearchForm(request.args)
    found: list[CertificateSummary] | None = None
    if form.validate():
        try:
            found = certificates().search(staff(), (form.code.data or "").strip(), (form.order_id.data or "").strip())
        except UpstreamError as error:
            if error.status != 400:
                raise
            show_at_fields(form, error.errors, {"code": "code", "order_id": "order_id"})
    return render_template("certificates.html", form=form, found=found, status=STATUS), \
        200 if found is not None else 400


def _page(certificate_id: str, form: RevocationForm | None = None) -> str:
    member = staff()
    detail = certificates().certificate(member, certificate_id)  # another university's is a 404, as none
    if form is None and member.may("registrar") and detail.summary.status != "revoked":
        form = RevocationForm(formdata=None)
    return render_template("certificate.html", detail=detail, form=form, status=STATUS,
                           outcome=request.args.get("outcome"))


@certificates_pages.get("/certificates/<certificate_id>")
@requires()
def detail(certificate_id: str) -> str:
    return _page(certificate_id)


@certificates_pages.post("/certificates/<certificate_id>/revocation")
@requires("registrar")
def revoke(certificate_id: str) -> Response | tuple[str, int]:
    form = RevocationForm()
    if form.validate_on_submit():
        try:
            outcome = certificates().revoke(staff(), certificate_id, (form.reason.data or "").strip())
        except UpstreamError as error:
            if error.status != 400:
                raise
            show_at_fields(form, error.errors, {"reason": "reason"})
        else:
            return redirect(url_for("certificates.detail", certificate_id=certificate_id, outcome=outcome))
    return _page(certificate_id, form), 400


@certificates_pages.get("/verifications")
@requires()
def log() -> str:
    return render_template("verifications.html", lookups=certificates().lookups(staff()), status=STATUS)
