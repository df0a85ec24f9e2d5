"""Every handler of the notifier, declared once. It takes no commands over the bus (its web API
only reads the delivery log); every event it hears is planned into mails the same way."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shomei_notifier.domain.heard import EventHeard
from shomei_notifier.service_layer.recording import on_event_heard
from shomei_shared.messages import Command, Event

COMMAND_HANDLERS: Mapping[type[Command], Callable[..., Any]] = {}

EVENT_HANDLERS: Mapping[type[Event], Sequence[Callable[..., Any]]] = {
    EventHeard: [on_event_heard],
}
