"""A catalogue type's template (ordering) names a certificate print-gateway can render (its
KINDS): the two lists are one vocabulary kept in two services, which never import each other.

A test of the suite, not of one service: it is the one place allowed to read both sides."""

from __future__ import annotations

from shomei_ordering.domain.catalogue import TEMPLATES
from shomei_print_gateway.domain.certificate import KINDS, LANGUAGES


def test_every_template_ordering_accepts_is_a_kind_print_gateway_renders() -> None:
    assert set(TEMPLATES) == set(KINDS)
    assert set(LANGUAGES) == {"ja", "en"}  # OrderPlaced v2 lines' languages
