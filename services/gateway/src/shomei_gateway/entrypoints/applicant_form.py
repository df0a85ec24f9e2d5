"""The applicant form's two steps, shared by registration and the additional student number:
the form (checked at enrollment, nothing stored) and the confirmation screen, which carries the
checked data and images back, so the gateway keeps no state of its own."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, render_template, request
from flask_babel import gettext as _

from shomei_gateway.entrypoints.applicant_fields import IMAGE_FIELDS, SECTIONS, Section
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import enrollment, tenant
from shomei_gateway.service_layer.ports import UpstreamError

Submit = Callable[[dict[str, str], dict[str, bytes]], None]


@dataclass(frozen=True)
class Steps:
    """Where the two steps post, what the form asks, and what is already known.

    `given` is data the graduate gave before (their profile's personal data): shown, not asked,
    and merged under what is asked before enrollment checks it, on the form and again at 申請."""

    form_url: str
    confirm_url: str
    asked: tuple[Section, ...] = SECTIONS
    given: dict[str, str] | None = None

    @property
    def asked_names(self) -> tuple[str, ...]:
        return tuple(f.name for s in self.asked for f in s.fields)

    def submitted(self) -> dict[str, str]:
        asked = {name: request.form.get(name, "").strip() for name in self.asked_names}
        return {**(self.given or {}), **asked}


def _submitted_images() -> dict[str, bytes]:
    """Newly chosen files, else the ones carried over (base64) from the previous screen."""
    images: dict[str, bytes] = {}
    for name in IMAGE_FIELDS:
        upload = request.files.get(name)
        if upload is not None and upload.filename:
            images[name] = upload.read()
        elif kept := request.form.get(f"kept_{name}"):
            try:
                images[name] = base64.b64decode(kept, validate=True)
            except binascii.Error:
                abort(400)
    return images


def _encoded(images: dict[str, bytes]) -> dict[str, str]:
    return {name: base64.b64encode(content).decode() for name, content in images.items()}


def field_labels() -> dict[str, object]:
    """Every field's label, for the error summary's 「label: reason」."""
    return {f.name: f.label for s in SECTIONS for f in s.fields} | {
        "id_front": _("表面の画像"), "id_back": _("裏面の画像（ある場合）")}


def _applicant_page(steps: Steps, values: dict[str, str], images: dict[str, bytes], errors: dict[str, str],
                    notice: str | None = None) -> str:
    given_sections = tuple(s for s in SECTIONS if s not in steps.asked)
    return render_template("register_applicant.html", form=ConfirmForm(), sections=steps.asked, values=values,
                           errors=errors, catalogue=enrollment().catalogue(tenant()), labels=field_labels(),
                           on_page={*steps.asked_names, *IMAGE_FIELDS}, given=steps.given,
                           given_sections=given_sections, kept=_encoded(images), form_url=steps.form_url,
                           notice=notice)


def applicant_step(steps: Steps, initial: dict[str, str] | None = None, notice: str | None = None) -> str:
    """GET: the form (empty, or `initial`). POST: back to the form (with errors, or to edit), or
    the confirmation. `notice` is shown above the form (the reason for a re-application)."""
    if request.method == "GET":
        return _applicant_page(steps, initial or {}, {}, {}, notice)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    values, images = steps.submitted(), _submitted_images()
    if request.form.get("edit"):
        return _applicant_page(steps, values, images, {})
    try:
        checked = enrollment().check_application(tenant(), values, images)
    except UpstreamError as error:
        return _applicant_page(steps, values, images, error.errors)
    return render_template("register_confirm.html", form=ConfirmForm(), values=checked, sections=SECTIONS,
                           catalogue=enrollment().catalogue(tenant()), kept=_encoded(images),
                           carried=steps.asked_names, form_url=steps.form_url, confirm_url=steps.confirm_url)


def confirm_step(steps: Steps, submit: Submit) -> str | None:
    """申請: submit what the confirmation screen carried; None when done, else the form again."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    values, images = steps.submitted(), _submitted_images()
    try:
        submit(values, images)
    except UpstreamError as error:
        return _applicant_page(steps, values, images, error.errors)
    return None
