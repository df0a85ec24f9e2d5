"""Every handler of print-gateway, declared once: one per command, and the reactions to the events
print-gateway hears (domain/heard.py). The bootstrap binds them to their dependencies by parameter name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_print_gateway.service_layer import commands, items, verification, verification_commands
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {
    commands.CreateItem: items.create_item,
    verification_commands.VerifyCertificate: verification.verify_certificate,
    verification_commands.RevokeCertificate: verification.revoke_certificate,
}

# heard.SomethingHappened: [reactions.something_happened], one entry per class heard_events() hears.
EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {}
