"""The university's certificate catalogue, edited by its tenant admins (ADR 0019: ordering checks
the role again from the assertion). Ordering checks every rule and names each problem's field;
the editor shows it there, in the staff member's language, with the catalogue's history below."""

from __future__ import annotations

import functools
import re
from typing import Any, cast

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from shomei_admin.entrypoints.forms import CatalogueForm, CertificateTypeForm
from shomei_admin.entrypoints.observed_pages import observations, observed_pages, take_median, worded
from shomei_admin.entrypoints.presentation import staff_language
from shomei_admin.entrypoints.staff import requires, staff
from shomei_admin.service_layer.ports import CatalogueEditorApi, UpstreamError

catalogue_editor = Blueprint("catalogue", __name__)
# The catalogue's names of the editor's fields outside the types.
FIELDS = {"usage_fee": "usage_fee", "print_charges.netprint": "netprint", "print_charges.sharp": "sharp",
          "payment_methods": "payment_methods"}
TYPE_FIELD = re.compile(r"^types\.(\d+)\.(\w+)$")
TAKE = "use_observed"  # a row's button typing the observed median into its pages (observed_pages)


def editor() -> CatalogueEditorApi:
    return cast(CatalogueEditorApi, current_app.extensions["shomei.catalogue_editor"])


def _number(text: str | None) -> int | str:
    """A whole number as one; anything else as typed, for ordering to refuse at its field."""
    value = (text or "").strip()
    return int(value) if re.fullmatch(r"-?\d{1,9}", value) else value


def document_of(form: CatalogueForm) -> tuple[dict[str, Any], list[int]]:
    """The catalogue the form describes, and for each of its types the form row it came from
    (rows removed or left blank are no types, so the numbers differ)."""
    types, rows = [], []
    for index, entry in enumerate(form.types.entries):
        row = cast(CertificateTypeForm, entry.form)
        typed = [(field.data or "").strip() for field in (row.code, row.name_ja, row.name_en)]
        if row.remove.data or not any(typed):
            continue
        types.append({"code": typed[0], "name_ja": typed[1], "name_en": typed[2], "fee": _number(row.fee.data),
                      "pages": _number(row.pages.data), "statuses": list(row.statuses.data or []),
                      "programmes": list(row.programmes.data or []), "store_printing": bool(row.store_printing.data),
                      "language": row.language.data or "ja", "template": row.template.data or ""})
        rows.append(index)
    return ({"types": types, "usage_fee": _number(form.usage_fee.data),
             "print_charges": {"netprint": _number(form.netprint.data), "sharp": _number(form.sharp.data)},
             "payment_methods": list(form.payment_methods.data or [])}, rows)


def form_data(catalogue: dict[str, Any]) -> dict[str, Any]:
    charges = catalogue.get("print_charges", {})
    blank = {"statuses": ["卒業", "退学", "除籍"], "programmes": ["学部", "大学院"], "store_printing": True,
             "language": "ja"}
    # One blank row at the end adds a type.
    return {"types": [{**t, "fee": str(t["fee"]), "pages": str(t["pages"])} for t in catalogue.get("types", [])]
            + [blank], "usage_fee": str(catalogue.get("usage_fee", 0)),
            "netprint": str(charges.get("netprint", 0)), "sharp": str(charges.get("sharp", 0)),
            "payment_methods": list(catalogue.get("payment_methods", []))}


def _show(form: CatalogueForm, errors: dict[str, str], rows: list[int]) -> None:
    for name, reason in errors.items():
        found = TYPE_FIELD.match(name)
        target = None
        if found and int(found.group(1)) < len(rows):
            row = cast(CertificateTypeForm, form.types.entries[rows[int(found.group(1))]].form)
            target = getattr(row, found.group(2), None)
        elif name in FIELDS:
            target = getattr(form, FIELDS[name])
        if target is None:
            form.form_errors.append(reason)
        else:
            target.errors = [*target.errors, reason]


@catalogue_editor.route("/settings/catalogue", methods=["GET", "POST"])
@requires("tenant_admin")
def edit() -> str | Response | tuple[str, int]:
    member, language = staff(), staff_language()
    # Asked of print-gateway once, and only for a page shown: a save that succeeds does without.
    observed = functools.cache(lambda: observed_pages(member))
    taken, refused = None, request.method == "POST"
    if request.method == "GET":
        form = CatalogueForm(data=form_data(editor().catalogue(member)))
    else:
        form = CatalogueForm()
        if form.validate_on_submit():
            if TAKE in request.form:
                # Only the form changes: the staff member sees it and saves it, or not.
                taken, refused = take_median(observed(), form, request.form[TAKE], language), False
            else:
                document, rows = document_of(form)
                try:
                    changed = editor().change_catalogue(member, document)
                except UpstreamError as error:
                    if error.status != 400:
                        raise
                    _show(form, error.errors, rows)
                else:
                    return redirect(url_for("catalogue.edit", saved=int(changed)))
    # A refused POST (by the form or by ordering) reaches here, and one that took a median.
    return render_template("catalogue.html", form=form, history=editor().history(member),
                           saved=request.args.get("saved"), taken=taken,
                           observed=observations(observed(), form, language), worded=worded,
                           unavailable=worded("unavailable", language) if observed() is None else None,
                           ), 400 if refused else 200
