"""Where the applicant lives and can be reached: postal code, prefecture, phones, workplace."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from shomei_enrollment.domain.text import clean, half_width_digits
from shomei_shared.errors import Violations

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)
_POSTAL = re.compile(r"^(\d{3})-?(\d{4})$")
_PHONE = re.compile(r"^0[\d-]+$")
_MOBILE_PREFIXES = ("060", "070", "080", "090")
MAX_ADDRESS_PART = 100


@dataclass(frozen=True)
class Address:
    postal_code: str
    prefecture: str
    city: str
    street: str
    building: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Workplace:
    name: str
    postal_code: str
    address: str
    phone: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def parse_postal_code(raw: object, field: str, problems: Violations) -> str:
    """NNN-NNNN from 7 digits typed with or without a hyphen (full-width accepted)."""
    match = _POSTAL.match(half_width_digits(clean(raw)))
    if match is None:
        problems.add("postal_code_format", field)
        return ""
    return f"{match.group(1)}-{match.group(2)}"


def parse_phone(raw: object, field: str, problems: Violations, *, mobile: bool = False) -> str:
    """A Japanese number: digits with optional hyphens, 10–11 digits starting with 0; mobiles
    are 11 digits starting 060/070/080/090. Hyphens are kept as typed (they help staff read)."""
    value = half_width_digits(clean(raw)).replace(" ", "")
    digits = value.replace("-", "")
    valid = bool(_PHONE.match(value)) and "--" not in value and not value.endswith("-") \
        and 10 <= len(digits) <= 11
    if valid and mobile:
        valid = len(digits) == 11 and digits.startswith(_MOBILE_PREFIXES)
    if not valid:
        if mobile:
            problems.add("mobile_phone_format", field)
        else:
            problems.add("phone_format", field)
        return ""
    return value


def parse_address(raw: Mapping[str, Any] | None, path: str, problems: Violations) -> Address | None:
    raw = raw or {}
    before = len(problems.found)
    postal_code = parse_postal_code(raw.get("postal_code"), f"{path}.postal_code", problems)
    prefecture = clean(raw.get("prefecture"))
    if prefecture not in PREFECTURES:
        problems.add("prefecture_not_listed", f"{path}.prefecture")
    parts = {key: clean(raw.get(key)) for key in ("city", "street", "building")}
    for key, value in parts.items():
        if not value and key != "building":
            problems.required(f"{path}.{key}")
        elif len(value) > MAX_ADDRESS_PART:
            problems.add("too_long", f"{path}.{key}", max=MAX_ADDRESS_PART)
    if len(problems.found) > before:
        return None
    return Address(postal_code, prefecture, parts["city"], parts["street"], parts["building"])


def parse_workplace(raw: Mapping[str, Any] | None, path: str, problems: Violations) -> Workplace | None:
    """Optional as a whole; each part given is checked."""
    raw = raw or {}
    name, address = clean(raw.get("name")), clean(raw.get("address"))
    postal_raw, phone_raw = clean(raw.get("postal_code")), clean(raw.get("phone"))
    if not (name or address or postal_raw or phone_raw):
        return None
    before = len(problems.found)
    postal_code = parse_postal_code(postal_raw, f"{path}.postal_code", problems) if postal_raw else ""
    phone = parse_phone(phone_raw, f"{path}.phone", problems) if phone_raw else ""
    for key, value in (("name", name), ("address", address)):
        if len(value) > MAX_ADDRESS_PART * 2:
            problems.add("too_long", f"{path}.{key}", max=MAX_ADDRESS_PART * 2)
    if len(problems.found) > before:
        return None
    return Workplace(name, postal_code, address, phone)
