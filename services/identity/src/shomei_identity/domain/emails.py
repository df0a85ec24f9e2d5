"""E-mail addresses: unique per tenant regardless of case, so they are compared lower-cased."""

from __future__ import annotations


def normalise_email(email: str) -> str:
    return email.strip().lower()
