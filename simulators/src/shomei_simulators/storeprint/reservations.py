"""Reservations: the documents behind one number, until they are deleted or expire.

A netprint reservation holds one document (one プリント予約番号 per
file); a Sharp one holds every document of the upload (one ユーザー番号 for
the batch). The PDFs sit in the data directory under random names, and leave
it when the number stops working.
"""

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from shomei_simulators.storeprint.clock import SimClock, isoformat
from shomei_simulators.storeprint.documents import CheckedPdf, ColorMode


class State(StrEnum):
    ACTIVE = "active"
    DELETED = "deleted"
    EXPIRED = "expired"


@dataclass
class Document:
    document_id: str
    file_name: str
    pages: int
    color_mode: ColorMode
    size_bytes: int
    print_count: int = 0
    printed_at: datetime | None = None
    # The name the sender gave the file: never used to store it, only to find it again for a
    # sender that lost the number (a crash between the upload and its own commit).
    sent_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "pages": self.pages,
            "color_mode": str(self.color_mode),
            "size_bytes": self.size_bytes,
            "print_count": self.print_count,
            "printed_at": isoformat(self.printed_at) if self.printed_at else None,
        }


@dataclass
class Reservation:
    number: str
    created_at: datetime
    expires_at: datetime
    documents: list[Document]
    state: State = State.ACTIVE
    ended_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.state is State.ACTIVE

    def document(self, document_id: str) -> Document | None:
        return next((d for d in self.documents if d.document_id == document_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "state": str(self.state),
            "created_at": isoformat(self.created_at),
            "expires_at": isoformat(self.expires_at),
            "ended_at": isoformat(self.ended_at) if self.ended_at else None,
            "documents": [d.to_dict() for d in self.documents],
        }


class Reservations:
    """Every reservation of one simulator: thread-safe, files on disk, state in RAM."""

    def __init__(
        self, data_dir: Path, clock: SimClock, new_number: Callable[[], str]
    ) -> None:
        self._dir = data_dir
        self._dir.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._new_number = new_number
        self._by_number: dict[str, Reservation] = {}
        self._lock = threading.RLock()

    def create(
        self,
        files: list[tuple[CheckedPdf, ColorMode]],
        expires_at: datetime,
        sent_names: list[str] | None = None,
    ) -> Reservation:
        documents = []
        names = sent_names or [""] * len(files)
        for (pdf, color_mode), sent_name in zip(files, names, strict=True):
            # Random names: a provider's file names must never carry personal data.
            file_name = f"{secrets.token_hex(16)}.pdf"
            (self._dir / file_name).write_bytes(pdf.content)
            documents.append(
                Document(
                    document_id=secrets.token_hex(8),
                    file_name=file_name,
                    pages=pdf.pages,
                    color_mode=color_mode,
                    size_bytes=len(pdf.content),
                    sent_name=sent_name,
                )
            )
        with self._lock:
            number = self._new_number()
            while number in self._by_number:
                number = self._new_number()
            reservation = Reservation(number, self._clock.now(), expires_at, documents)
            self._by_number[number] = reservation
        return reservation

    def get(self, number: str) -> Reservation | None:
        self.expire_due()
        with self._lock:
            return self._by_number.get(number)

    def active(self, number: str) -> Reservation | None:
        reservation = self.get(number)
        return reservation if reservation is not None and reservation.active else None

    def all(self) -> list[Reservation]:
        self.expire_due()
        with self._lock:
            return list(self._by_number.values())

    def numbers_holding(self, sent_name: str) -> list[str]:
        """The working numbers with a document sent under ``sent_name``."""
        return [
            r.number
            for r in self.all()
            if r.active and any(d.sent_name == sent_name for d in r.documents)
        ]

    def delete(self, number: str) -> Reservation | None:
        with self._lock:
            reservation = self.active(number)
            if reservation is not None:
                self._end(reservation, State.DELETED)
            return reservation

    def expire_due(self) -> None:
        """Run on every access, not by a timer, so a moved clock acts at once."""
        now = self._clock.now()
        with self._lock:
            for reservation in self._by_number.values():
                if reservation.active and reservation.expires_at <= now:
                    self._end(reservation, State.EXPIRED)

    def read(self, document: Document) -> bytes:
        return (self._dir / document.file_name).read_bytes()

    def file_present(self, document: Document) -> bool:
        return (self._dir / document.file_name).exists()

    def mark_printed(self, document: Document) -> None:
        with self._lock:
            document.print_count += 1
            document.printed_at = self._clock.now()

    def _end(self, reservation: Reservation, state: State) -> None:
        reservation.state = state
        reservation.ended_at = self._clock.now()
        for document in reservation.documents:
            (self._dir / document.file_name).unlink(missing_ok=True)
