"""A university's catalogue: which certificates its graduates may order, at what fee, and how
they may pay (DOMAIN rules 3, 21, 22).

Each certificate type says who may order it: the enrollment outcomes (卒業/退学/除籍) and the
programmes (学部/大学院) of the student number the order is for. English versions are types of
their own. The print charge per page per store chain is only an estimate shown to the graduate:
the store collects it, we never do. The catalogue changes as a whole, by a staff member, and each
change is an event (`CatalogueChanged`), so its history is the list of those events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from shomei_shared.errors import Violations

STATUSES = ("卒業", "退学", "除籍")
PROGRAMMES = ("学部", "大学院")
PRINT_CHANNELS = ("netprint", "sharp")  # 7-Eleven; FamilyMart and Lawson
PAYMENT_METHODS = ("paypal", "smartpit")
# Which certificate a type is, so the print service knows what to render: print-gateway's KINDS
# (its domain/certificate.py; services never import each other: tests/contracts/test_templates_are_print_kinds.py
# holds the two together).
TEMPLATES = ("graduation", "completion", "degree", "transcript", "enrollment_period", "expected_graduation")
# A type saved before it had a template is read as the one its code or its Japanese name says.
_TEMPLATE_WORDS = (("卒業見込", "expected_graduation"), ("修了", "completion"), ("学位", "degree"),
                   ("成績", "transcript"), ("在籍", "enrollment_period"), ("卒業", "graduation"))
DEFAULT_FEE = 500
MAX_FEE = 100_000
MAX_PAGES = 50
MAX_USAGE_FEE = 10_000
MAX_PRINT_CHARGE = 1_000
CODE_MAX = 40


@dataclass(frozen=True)
class CertificateType:
    code: str
    name_ja: str
    name_en: str
    fee: int = DEFAULT_FEE
    pages: int = 1
    statuses: tuple[str, ...] = STATUSES
    programmes: tuple[str, ...] = PROGRAMMES
    store_printing: bool = True
    language: str = "ja"
    template: str = ""  # one of TEMPLATES

    def admits(self, status: str, programme: str) -> bool:
        return status in self.statuses and programme in self.programmes


@dataclass(frozen=True)
class Catalogue:
    tenant_id: str
    types: tuple[CertificateType, ...] = ()
    usage_fee: int = 0
    print_charges: Mapping[str, int] = field(default_factory=dict)  # yen per page, per channel
    payment_methods: tuple[str, ...] = PAYMENT_METHODS

    def type_of(self, code: str) -> CertificateType | None:
        return next((t for t in self.types if t.code == code), None)

    def print_charge(self, channel: str) -> int:
        """Yen per page at the chain, whatever the page's colour or certificate (one charge per channel)."""
        return self.print_charges.get(channel, 0)

    def print_estimate(self, channel: str, pages: int) -> int:
        return self.print_charge(channel) * pages

    def to_document(self) -> dict[str, Any]:
        """The catalogue as plain data (event payloads, API answers)."""
        document = asdict(self)
        del document["tenant_id"]
        document["print_charges"] = dict(self.print_charges)
        document["types"] = [{**t, "statuses": list(t["statuses"]), "programmes": list(t["programmes"])}
                             for t in document["types"]]
        document["payment_methods"] = list(self.payment_methods)
        return document


def catalogue_from(tenant_id: str, document: Mapping[str, Any]) -> Catalogue:
    """A catalogue from plain data, every rule checked; all problems are reported at once, each at
    its field (`types.2.fee`), so the editor shows them where they are."""
    problems = Violations()
    # The editor sends JSON: anything of the wrong shape is refused at its field, never tripped over.
    raw_types = _shaped(document.get("types"), list, "types", problems) or []
    types = tuple(_type_from(index, raw if isinstance(raw, Mapping) else {}, problems)
                  for index, raw in enumerate(raw_types))
    seen: set[str] = set()
    for index, certificate in enumerate(types):
        if certificate.code in seen:
            problems.add("certificate_type_duplicate", f"types.{index}.code", value=certificate.code)
        seen.add(certificate.code)
    usage_fee = _amount(document.get("usage_fee", 0), "usage_fee", MAX_USAGE_FEE, problems)
    charges_in = _shaped(document.get("print_charges"), Mapping, "print_charges", problems) or {}
    charges = {channel: _amount(charges_in.get(channel, 0), f"print_charges.{channel}", MAX_PRINT_CHARGE, problems)
               for channel in PRINT_CHANNELS}
    methods = tuple(_shaped(document.get("payment_methods"), list, "payment_methods", problems) or ())
    if not methods:
        problems.add("payment_methods_required", "payment_methods")
    for method in methods:
        if not isinstance(method, str) or method not in PAYMENT_METHODS:
            problems.add("payment_method_unknown", "payment_methods", method=str(method)[:20])
    problems.raise_if_any()
    return Catalogue(tenant_id, types, usage_fee, charges, tuple(dict.fromkeys(methods)))


def default_template(code: str, name_ja: str) -> str:
    """The template a type without one is read as: its code's (`transcript`, `graduation_en`), else
    the one its Japanese name says (成績証明書 → transcript), else "" (staff must choose)."""
    base = code.removesuffix("_en").removesuffix("-en")
    if base in TEMPLATES:
        return base
    return next((template for word, template in _TEMPLATE_WORDS if word in name_ja), "")


def _type_from(index: int, raw: Mapping[str, Any], problems: Violations) -> CertificateType:
    where = f"types.{index}"
    code = str(raw.get("code", "")).strip()
    if not code or len(code) > CODE_MAX or not code.replace("_", "").replace("-", "").isalnum() or not code.isascii():
        problems.add("certificate_type_code_format", f"{where}.code", max=CODE_MAX)
    for name in ("name_ja", "name_en"):
        if not str(raw.get(name, "")).strip():
            problems.required(f"{where}.{name}")
    statuses = _subset(_shaped(raw.get("statuses", STATUSES), (list, tuple), f"{where}.statuses", problems) or (),
                       STATUSES, f"{where}.statuses", problems)
    programmes = _subset(_shaped(raw.get("programmes", PROGRAMMES), (list, tuple), f"{where}.programmes",
                                 problems) or (), PROGRAMMES, f"{where}.programmes", problems)
    language = raw.get("language", "ja")
    if language not in ("ja", "en"):
        problems.add("certificate_type_language", f"{where}.language")
    template = raw.get("template") or default_template(code, str(raw.get("name_ja", "")))
    if template not in TEMPLATES:
        problems.add("certificate_type_template", f"{where}.template")
    return CertificateType(
        code=code, name_ja=str(raw.get("name_ja", "")).strip(), name_en=str(raw.get("name_en", "")).strip(),
        fee=_amount(raw.get("fee", DEFAULT_FEE), f"{where}.fee", MAX_FEE, problems),
        pages=_amount(raw.get("pages", 1), f"{where}.pages", MAX_PAGES, problems, least=1),
        statuses=statuses, programmes=programmes, store_printing=bool(raw.get("store_printing", True)),
        language=str(language), template=str(template))


def _shaped(value: Any, kind: Any, where: str, problems: Violations) -> Any:
    """`value` if it is of `kind` (or missing), else None with a violation at `where`."""
    if value is None or isinstance(value, kind):
        return value
    problems.add("invalid", where)
    return None


def _amount(value: Any, where: str, most: int, problems: Violations, least: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        problems.add("amount_out_of_range", where, least=least, most=most)
        return least
    return value


def _subset(values: Iterable[Any], allowed: tuple[str, ...], where: str, problems: Violations) -> tuple[str, ...]:
    chosen = list(values)
    if not chosen:
        problems.add("choose_at_least_one", where)
    for value in chosen:
        if value not in allowed:
            problems.add("choice_unknown", where, value=str(value)[:20])
    return tuple(v for v in allowed if v in chosen)
