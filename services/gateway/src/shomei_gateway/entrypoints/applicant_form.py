"""The applicant form's two steps, shared by registration and the additional student number:
the form (checked at enrollment, nothing stored) and the confirmation screen, which carries the
checked data and images back, so the gateway keeps no state of its own."""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, current_app, render_template, request, session
from flask_babel import gettext as _

from shomei_gateway.entrypoints.applicant_fields import IMAGE_FIELDS, IMAGE_MAX_BYTES, SECTIONS, Section
from shomei_gateway.entrypoints.forms import ConfirmForm
from shomei_gateway.entrypoints.views_common import enrollment, tenant
from shomei_gateway.service_layer.ports import UpstreamError

Submit = Callable[[dict[str, str], dict[str, bytes]], None]
# The confirmation screen's idempotency key: a 申請 sent twice (double click, reload, a slow
# network's retry) is recognised by it and lands on the same acceptance page.
SUBMISSION_KEY = "submission_key"
SUBMITTED = "submitted_key"


@dataclass(frozen=True)
class Steps:
    """Where the two steps post, what the form asks, and what is already known.

    `given` is data the graduate gave before (their profile's personal data): shown, not asked,
    and merged under what is asked before enrollment checks it, on the form and again at 申請."""

    form_url: str
    confirm_url: str
    asked: tuple[Section, ...] = SECTIONS
    given: dict[str, str] | None = None
    # "student_number": an additional student number, which asks no identity document (rule 14).
    kind: str = "registration"

    @property
    def with_images(self) -> bool:
        return self.kind == "registration"

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
    # A file that was refused is not kept: showing it as "chosen" beside its refusal tells the
    # applicant two opposite things, and carrying it on would only be refused again.
    images = {name: content for name, content in images.items() if name not in errors}
    given_sections = tuple(s for s in SECTIONS if s not in steps.asked)
    return render_template("register_applicant.html", form=ConfirmForm(), sections=steps.asked, values=values,
                           errors=errors, catalogue=enrollment().catalogue(tenant()), labels=field_labels(),
                           on_page={*steps.asked_names, *(IMAGE_FIELDS if steps.with_images else ())},
                           given=steps.given, with_images=steps.with_images,
                           given_sections=given_sections, kept=_encoded(images), form_url=steps.form_url,
                           notice=notice, image_max_bytes=IMAGE_MAX_BYTES)


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
        checked = enrollment().check_application(tenant(), values, images, steps.kind)
    except UpstreamError as error:
        return _applicant_page(steps, values, images, error.errors)
    return render_template("register_confirm.html", form=ConfirmForm(), values=checked, sections=SECTIONS,
                           catalogue=enrollment().catalogue(tenant()), kept=_encoded(images),
                           carried=steps.asked_names, form_url=steps.form_url, confirm_url=steps.confirm_url,
                           submission_key=secrets.token_urlsafe(16))


def repeated_submission() -> bool:
    """Whether this 申請 repeats one already accepted from the same confirmation screen. Checked
    before the flow's own state, which the first submission has ended."""
    key = request.form.get(SUBMISSION_KEY, "")
    return bool(key) and session.get(SUBMITTED) == key


def end_flow() -> None:
    """After an accepted 申請: forget the flow, but keep the CSRF token and the key, so that the
    same screen sent again is recognised instead of refused as an expired page."""
    csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    kept = {name: session[name] for name in (csrf_field,) if name in session}
    session.clear()
    session.update(kept)
    remember_submission()


def remember_submission() -> None:
    """This screen's 申請 was accepted: the same one sent again is recognised by its key."""
    session[SUBMITTED] = request.form.get(SUBMISSION_KEY, "")


def confirm_step(steps: Steps, submit: Submit,
                 accepted_before: Callable[[UpstreamError], bool] = lambda error: False) -> str | None:
    """申請: submit what the confirmation screen carried; None when done, else the form again.
    `accepted_before`: whether a refusal says this very submission was already accepted (a
    second request that raced the first past the session), which is success, not an error."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    values, images = steps.submitted(), _submitted_images()
    try:
        submit(values, images)
    except UpstreamError as error:
        if not accepted_before(error):
            return _applicant_page(steps, values, images, error.errors)
    return None
