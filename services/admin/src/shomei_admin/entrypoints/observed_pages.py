"""The pages certificates really ran to, beside the pages typed in the catalogue editor (issue 10).

The catalogue's pages per type are typed by staff and multiplied into the print estimate graduates
see when ordering; print-gateway counts what rendering measured. Each type's row shows the counts
of its template and language, is marked when the typed pages are below their median (the estimate
would be too low), and offers to type the median, rounded up, into the field: an edit of the form,
saved only when the staff member saves. Without print-gateway the editor works as before."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import cast

from flask import current_app

from shomei_admin.entrypoints.forms import CatalogueForm, CertificateTypeForm
from shomei_admin.entrypoints.presentation import Labels
from shomei_admin.service_layer.ports import StaffSession
from shomei_admin.service_layer.print_orders import ObservedPages, PrintOrdersApi

log = logging.getLogger(__name__)
Observed = dict[tuple[str, str], ObservedPages]  # (template, language) → its counts
DAYS = ObservedPages.days
# Worded in the staff member's language, as the console's explanations are.
WORDS: Labels = {
    "counts": ("発行実績（{days}日）: {span}ページ、中央値 {median}（{count}通）",
               "Issued in the last {days} days: {span} pages, median {median} ({count} certificates)"),
    "none": ("発行実績（{days}日）: まだありません", "Issued in the last {days} days: none yet"),
    "below": ("要確認: ページ数が発行実績の中央値より少ないため、卒業生に示す印刷料金の目安が低くなります。",
              "Check: the pages are below the median of those issued, so the print estimate graduates see "
              "is too low."),
    "take": ("中央値 {pages} を入力", "Enter the median, {pages}"),
    "taken": ("「{name}」のページ数に発行実績の中央値 {pages} を入れました。まだ保存していません。"
              "確かめてから「保存する」を押してください。",
              "The median of those issued, {pages}, is now in the pages of “{name}”. Nothing is saved yet: "
              "check, then press 保存する (save)."),
    "unavailable": ("発行実績のページ数を取得できませんでした（印刷サービスが応答しません）。編集と保存はできます。",
                    "The pages of issued certificates are unavailable (the print service does not answer). "
                    "You can still edit and save."),
}


@dataclass(frozen=True)
class RowObservation:
    note: str
    below: bool = False
    suggested: int | None = None  # offered when below


def worded(key: str, language: str, **values: object) -> str:
    return WORDS[key][language == "en"].format(**values)


def observed_pages(member: StaffSession) -> Observed | None:
    """None when print-gateway does not answer: the editor is shown and saves without the counts."""
    api = cast(PrintOrdersApi, current_app.extensions["shomei.print_orders"])
    try:
        return {(found.kind, found.language): found for found in api.observed_pages(member)}
    except Exception:  # any failure to reach print-gateway: the counts are left out, said so
        log.warning("print-gateway's page counts are unavailable", exc_info=True)
        return None


def _whole(text: str | None) -> int | None:
    value = (text or "").strip()
    return int(value) if re.fullmatch(r"\d{1,6}", value) else None


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def row_observation(observed: Observed | None, row: CertificateTypeForm, language: str) -> RowObservation | None:
    """None for the blank row that adds a type, one without its template, and every row without the counts."""
    if observed is None or not (row.code.data or "").strip() or not row.template.data:
        return None  # a type whose template is not chosen yet has no certificates to compare
    found = observed.get((row.template.data or "", row.language.data or "ja"))
    if found is None:
        return RowObservation(worded("none", language, days=DAYS))
    span = str(found.least) if found.least == found.most else f"{found.least}〜{found.most}"
    note = worded("counts", language, days=found.days, span=span, median=_number(found.median),
                  count=found.certificates)
    typed = _whole(row.pages.data)
    below = typed is not None and found.above(typed)
    return RowObservation(note, below, found.suggested if below else None)


def observations(observed: Observed | None, form: CatalogueForm, language: str) -> list[RowObservation | None]:
    return [row_observation(observed, cast(CertificateTypeForm, entry.form), language) for entry in form.types]


def take_median(observed: Observed | None, form: CatalogueForm, which: str, language: str) -> str | None:
    """Type the median into the pages of row `which` (the button's value) when it is offered
    there; the notice saying so, nothing saved. None when nothing was offered (the counts moved)."""
    index = _whole(which)
    if index is None or index >= len(form.types.entries):
        return None
    row = cast(CertificateTypeForm, form.types.entries[index].form)
    seen = row_observation(observed, row, language)
    if seen is None or seen.suggested is None:
        return None
    row.pages.data = str(seen.suggested)
    return worded("taken", language, name=(row.name_ja.data or row.code.data or "").strip(), pages=seen.suggested)
