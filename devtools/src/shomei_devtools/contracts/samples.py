"""Payloads made from a contract's JSON Schema: what a producer may send, to feed a consumer.

Each value is valid for its type, format, enum and bounds. A property this module cannot make
a value for (a pattern, an unknown format) raises `NoSample` rather than being guessed at: a
guessed value would prove nothing about the consumer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# A field no consumer knows: a consumer's reader must ignore it (a producer may add fields).
UNKNOWN_FIELD = "added_by_a_later_producer"

_STRINGS = {
    None: "sample",
    "email": "taro@example.jp",
    "date-time": "2026-04-01T09:30:00+00:00",
    "date": "2026-04-01",
    "uri": "https://shomei.example.jp/sample",
    "uuid": "0f3c9a4e-7b1d-4d5e-9a2b-3c4d5e6f7a8b",
}


class NoSample(ValueError):
    pass


def _types(prop: dict[str, Any]) -> list[str]:
    declared = prop.get("type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def nullable(prop: dict[str, Any]) -> bool:
    return "null" in _types(prop) or None in prop.get("enum", [])


def value(prop: dict[str, Any], name: str) -> Any:
    """A valid non-null value for the property `name` described by `prop`."""
    enum = [choice for choice in prop.get("enum", []) if choice is not None]
    if enum:
        return enum[0]
    kinds = [kind for kind in _types(prop) if kind != "null"]
    if not kinds:
        raise NoSample(f"{name}: no type to make a value for ({prop})")
    kind = kinds[0]
    if kind == "string":
        return _string(prop, name)
    if kind in ("integer", "number"):
        number = _number(prop)
        return int(number) if kind == "integer" else float(number)
    if kind == "boolean":
        return True
    if kind == "array":
        return [value(prop.get("items", {"type": "string"}), f"{name}[]")] * max(1, prop.get("minItems", 1))
    if kind == "object":
        return {key: value(sub, f"{name}.{key}") for key, sub in prop.get("properties", {}).items()
                if key in prop.get("required", [])}
    raise NoSample(f"{name}: no sample for type {kind!r}")


# Patterns the contracts use, each with a value it matches (checked where it is used).
_PATTERNS = {
    "^[0-9]{13}$": "1234567890123",  # payment's Smart Pit number
    "^[0-9A-Z]{8,10}$": "7KQ4M3XD",  # print-gateway's netprint or Sharp number
}


def _string(prop: dict[str, Any], name: str) -> str:
    if "pattern" in prop and prop["pattern"] in _PATTERNS:
        sample = _PATTERNS[prop["pattern"]]
        if re.fullmatch(prop["pattern"], sample) is None:
            raise NoSample(f"{name}: the sample for {prop['pattern']} does not match it")
        return sample
    if "pattern" in prop:
        raise NoSample(f"{name}: no sample for a pattern ({prop['pattern']}); teach shomei_devtools.contracts.samples")
    fmt = prop.get("format")
    if fmt not in _STRINGS:
        raise NoSample(f"{name}: no sample for format {fmt!r}; teach shomei_devtools.contracts.samples")
    text = _STRINGS[fmt]
    if fmt is None:
        text = text.ljust(prop.get("minLength", 0), "x")[:prop.get("maxLength")]
    return text


def _number(prop: dict[str, Any]) -> float:
    """1, unless the bounds exclude it."""
    if "minimum" in prop:
        return float(prop["minimum"])
    if "exclusiveMinimum" in prop:
        return float(prop["exclusiveMinimum"]) + 1
    if "maximum" in prop:
        return min(1.0, float(prop["maximum"]))
    if "exclusiveMaximum" in prop:
        return min(1.0, float(prop["exclusiveMaximum"]) - 1)
    return 1.0


def payloads(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(what it shows, payload) for the shapes a producer may send under `schema`: only the
    required properties; every property; every nullable one null; each value of each enum."""
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    required = set(schema.get("required", []))
    full = {name: value(prop, name) for name, prop in properties.items()}
    yield "required properties only", {name: full[name] for name in properties if name in required}
    yield "every property", full
    nulls = {name: None for name, prop in properties.items() if nullable(prop)}
    if nulls:
        yield f"{', '.join(sorted(nulls))} null", {**full, **nulls}
    for name, prop in properties.items():
        for choice in prop.get("enum", [])[1:]:
            if choice is not None:
                yield f"{name} = {choice!r}", {**full, name: choice}
