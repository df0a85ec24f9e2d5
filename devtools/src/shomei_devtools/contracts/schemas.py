"""A marshmallow schema as JSON Schema (draft 2020-12), through apispec's converter.

apispec already knows marshmallow's fields: required, types, formats (date-time, email),
nullability (`allow_none` as a "null" type, since OpenAPI 3.1 is JSON Schema), enums from
`OneOf`, lengths and ranges, `data_key` as the property's name. Two things are adjusted so the
result reads as a contract rather than as an API document: URLs are JSON Schema's "uri", and
whether unknown properties are refused is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from apispec.ext.marshmallow.openapi import OpenAPIConverter
from marshmallow import Schema, fields

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _inline(schema: type[Schema]) -> str:
    # No shared components: apispec writes a nested schema out in place when the resolver
    # returns None (its annotation says str), so every contract file stands alone.
    return cast(str, None)


def _converter() -> OpenAPIConverter:
    plugin = MarshmallowPlugin(schema_name_resolver=_inline)
    APISpec("event contracts", "1", "3.1.0", plugins=[plugin])  # binds the plugin's converter
    converter = plugin.converter
    assert converter is not None
    # JSON Schema spells the format "uri" where apispec writes "url". A copy of the mapping:
    # `map_to_openapi_type` would change apispec's module-wide default, and with it the services'
    # OpenAPI documents built in the same process.
    converter.field_mapping = {**converter.field_mapping, fields.URL: ("string", "uri")}
    return converter


def _without_closedness(node: Any) -> Any:
    """Drop apispec's `additionalProperties: false` (from marshmallow's `unknown=RAISE`) at every
    level: whether unknown fields are refused is the reading side's business (a producer refuses,
    a consumer ignores them), not part of what the payload carries. A Dict's value schema stays."""
    if isinstance(node, dict):
        return {key: _without_closedness(value) for key, value in node.items()
                if not (key == "additionalProperties" and isinstance(value, bool))}
    if isinstance(node, list):
        return [_without_closedness(value) for value in node]
    return node


def payload_schema(schema: Schema) -> dict[str, Any]:
    """The JSON Schema of the payloads `schema` accepts."""
    convert: Callable[[Schema], dict[str, Any]] = _converter().schema2jsonschema  # untyped in apispec
    converted: dict[str, Any] = _without_closedness(convert(schema))
    converted.setdefault("properties", {})
    converted.setdefault("required", [])
    return {"$schema": DIALECT, **converted}
