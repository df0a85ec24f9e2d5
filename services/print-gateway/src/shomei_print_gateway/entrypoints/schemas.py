"""Request bodies: their shape only; the rules are the domain's (its codes, worded in messages.py)."""

from __future__ import annotations

from marshmallow import Schema, fields


class NewItemSchema(Schema):
    title = fields.String(required=True)
