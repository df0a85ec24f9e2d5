"""Which certificate a catalogue type prints: its template (domain.certificate.KINDS) and language.

ordering's OrderPlaced v2 lines name them (`template`, `language`, from the catalogue); for v1
lines (placed before) they follow from the type's code: `graduation`, `transcript`, … with `_en`
for the English version (the demo catalogues' convention)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shomei_print_gateway.domain.certificate import KINDS, LANGUAGES


@dataclass(frozen=True)
class Template:
    kind: str
    language: str


def template_of(line: Mapping[str, Any]) -> Template | None:
    """None when neither the line nor its code names a template we have."""
    code = str(line.get("type", ""))
    english = code.endswith("_en")
    kind = str(line.get("template") or (code[:-3] if english else code))
    language = str(line.get("language") or ("en" if english else "ja"))
    if kind not in KINDS or language not in LANGUAGES:
        return None
    return Template(kind, language)
