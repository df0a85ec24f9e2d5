"""The university's profile (名称・ロゴ・色・利用許諾・注意事項・休業期間・連絡先), edited by its
tenant admins; every page and mail of the university shows it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import TenantProfileForm
from shomei_admin.entrypoints.staff import requires, staff, tenant_admin
from shomei_admin.service_layer.ports import UpstreamError

tenant_profile = Blueprint("tenant_profile", __name__)
TEXT_FIELDS = ("name_ja", "name_en", "accent", "accent_ink", "contact_email", "terms_ja", "terms_en",
               "notes_ja", "notes_en", "president_title_ja", "president_title_en", "president_name_ja",
               "president_name_en")


def closures_text(closures: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['first_day']} {c['last_day']} {c.get('label', '')}".rstrip() for c in closures)


def parse_closures(text: str) -> list[dict[str, str]]:
    """One period per line; what does not parse goes on as typed, for enrollment to name the line."""
    periods = []
    for line in text.splitlines():
        if line.strip():
            parts = line.split(maxsplit=2)
            periods.append({"first_day": parts[0], "last_day": parts[1] if len(parts) > 1 else "",
                            "label": parts[2] if len(parts) > 2 else ""})
    return periods


def _show(form: TenantProfileForm, error: UpstreamError) -> None:
    for name, reason in error.errors.items():
        field, _, line = name.partition(".")
        target = getattr(form, field, None)
        message = f"{int(line) + 1}行目: {reason}" if line.isdigit() else reason
        if target is not None and hasattr(target, "errors") and field != "csrf_token":
            target.errors = [*target.errors, message]
        else:
            form.form_errors.append(message)


def _uploaded(upload: Any) -> bytes | None:
    """The file's bytes, or None when none was chosen (the current image stays)."""
    return upload.read() if upload and getattr(upload, "filename", "") else None


@tenant_profile.get("/settings/seal")
@requires("tenant_admin")
def seal() -> Response:
    """The current seal, shown on the settings page as certificates will print it."""
    found = tenant_admin().seal(staff())
    if found is None:
        abort(404)
    return make_response(found, 200, {"Content-Type": "image/png"})


@tenant_profile.route("/settings/profile", methods=["GET", "POST"])
@requires("tenant_admin")
def edit() -> str | Response | tuple[str, int]:
    member = staff()
    form = TenantProfileForm()
    if request.method == "GET":
        current = tenant_admin().profile(member)
        for name in TEXT_FIELDS:
            getattr(form, name).data = current.get(name, "")
        form.closures.data = closures_text(current.get("closures", []))
    elif form.validate_on_submit():
        values: dict[str, Any] = {name: getattr(form, name).data or "" for name in TEXT_FIELDS}
        values["closures"] = parse_closures(form.closures.data or "")
        try:
            changed = tenant_admin().change_profile(member, values, _uploaded(form.logo.data),
                                                    _uploaded(form.seal.data))
        except UpstreamError as error:
            if error.status != 400:
                raise
            _show(form, error)
        else:
            return redirect(url_for("tenant_profile.edit", saved=len(changed)))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("tenant_profile.html", form=form, history=tenant_admin().history(member),
                           saved=request.args.get("saved"), has_seal=tenant_admin().seal(member) is not None), status
