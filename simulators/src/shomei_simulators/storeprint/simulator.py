"""One store-print simulator: provider words, reservations, clock, outage, callbacks."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from shomei_simulators.storeprint.callbacks import CallbackSender
from shomei_simulators.storeprint.clock import SimClock, isoformat
from shomei_simulators.storeprint.documents import ColorMode
from shomei_simulators.storeprint.outage import Outage
from shomei_simulators.storeprint.reservations import (
    Document,
    Reservation,
    Reservations,
)

# The longest a number may be asked to live: the suite's print window is 7 days, and a
# provider that accepted any date would hide a wrong deadline.
MAX_LIFETIME = timedelta(days=30)


@dataclass(frozen=True)
class Provider:
    key: str
    name_ja: str
    name_en: str
    stores_ja: str
    stores_en: str
    number_label_ja: str
    number_label_en: str
    number_pattern: re.Pattern[str]


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    callback_url: str | None
    callback_secret: str
    price_monochrome_yen: int = 20
    price_color_yen: int = 60


class StorePrint:
    def __init__(
        self, provider: Provider, settings: Settings, new_number: Callable[[], str]
    ) -> None:
        self.provider = provider
        self.settings = settings
        self.clock = SimClock()
        self.reservations = Reservations(settings.data_dir, self.clock, new_number)
        self.outage = Outage()
        self.callbacks = CallbackSender(settings.callback_url, settings.callback_secret)

    def normalise_number(self, typed: str) -> str | None:
        """What a person types at the machine, spaces, hyphens and case aside."""
        number = re.sub(r"[\s\-]", "", typed).upper()
        return number if self.provider.number_pattern.fullmatch(number) else None

    def price_per_page(self, document: Document) -> int:
        if document.color_mode is ColorMode.COLOR:
            return self.settings.price_color_yen
        return self.settings.price_monochrome_yen

    def price(self, document: Document) -> int:
        return document.pages * self.price_per_page(document)

    def print_document(self, reservation: Reservation, document: Document) -> None:
        self.reservations.mark_printed(document)
        assert document.printed_at is not None
        payload: dict[str, Any] = {
            "event": "printed",
            "provider": self.provider.key,
            "number": reservation.number,
            "document_id": document.document_id,
            "pages": document.pages,
            "color_mode": str(document.color_mode),
            "copy": document.print_count,
            "price_yen": self.price(document),
            "printed_at": isoformat(document.printed_at),
        }
        self.callbacks.send(payload)
