"""netprint's API shape as the simulator speaks it (see simulators/README.md).

    POST   /api/v1/files                   multipart: file, color_mode, expires_at
    GET    /api/v1/files/<number>          status
    DELETE /api/v1/files/<number>          204; the number stops working
Credentials: the ``X-Api-Key`` header.
"""

import re
import secrets
from typing import Any

from flask import Flask, Response, jsonify, request

from shomei_simulators.storeprint.api import ApiKey, parse_expiry, rejected
from shomei_simulators.storeprint.app import add_number_routes, create_base_app
from shomei_simulators.storeprint.documents import (
    Rejection,
    UploadRejected,
    check_pdf,
    parse_color_mode,
)
from shomei_simulators.storeprint.reservations import Reservation
from shomei_simulators.storeprint.simulator import Provider, Settings, StorePrint

# Upper-case letters and digits without the ones read wrongly at a shop counter
# (0/O, 1/I/L, 2/Z, 5/S, 8/B): 8 characters of 26 symbols is about 37 bits.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
NUMBER_LENGTH = 8

PROVIDER = Provider(
    key="netprint",
    name_ja="ネットプリント",
    name_en="netprint",
    stores_ja="セブン-イレブン",
    stores_en="7-Eleven",
    number_label_ja="プリント予約番号",
    number_label_en="reservation number",
    number_pattern=re.compile(f"[{ALPHABET}]{{{NUMBER_LENGTH}}}"),
)


def new_reservation_number() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(NUMBER_LENGTH))


def _answer(reservation: Reservation) -> dict[str, Any]:
    [document] = reservation.documents
    return {
        "reservation_number": reservation.number,
        "status": str(reservation.state),
        "file_id": document.document_id,
        "pages": document.pages,
        "paper_size": "A4",
        "color_mode": str(document.color_mode),
        "expires_at": reservation.to_dict()["expires_at"],
        "print_count": document.print_count,
        "printed_at": document.to_dict()["printed_at"],
    }


def create_app(settings: Settings, api_key: str) -> Flask:
    simulator = StorePrint(PROVIDER, settings, new_reservation_number)
    app = create_base_app(simulator, ApiKey(api_key))

    @app.post("/api/v1/files")
    def upload() -> tuple[Response, int]:
        uploads = request.files.getlist("file")
        try:
            if not uploads:
                raise UploadRejected(Rejection.NO_FILE, "the field 'file' is required")
            if len(uploads) > 1:
                # netprint gives each document its own number: one file, one upload.
                raise UploadRejected(Rejection.ONE_FILE_PER_UPLOAD, "one file only")
            color_mode = parse_color_mode(request.form.get("color_mode"))
            expires_at = parse_expiry(
                request.form.get("expires_at"), simulator.clock.now()
            )
            pdf = check_pdf(uploads[0].read())
        except UploadRejected as failure:
            return rejected(failure)
        reservation = simulator.reservations.create(
            [(pdf, color_mode)], expires_at, [uploads[0].filename or ""]
        )
        return jsonify(_answer(reservation)), 201

    add_number_routes(app, simulator, "/api/v1/files/<number>", _answer)
    return app
