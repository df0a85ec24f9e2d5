"""Sharp network print's API shape in the simulator (see simulators/README.md).

    POST   /api/v1/orders                 multipart: file (repeated), color_mode
                                          (one, or one per file), delete_at
    GET    /api/v1/orders/<user_number>   status of the batch and of each document
    DELETE /api/v1/orders/<user_number>   204; the number stops working
Credentials: HTTP basic authentication.
"""

import re
import secrets
from typing import Any

from flask import Flask, Response, jsonify, request

from shomei_simulators.storeprint.api import BasicAuth, parse_expiry, rejected
from shomei_simulators.storeprint.app import add_number_routes, create_base_app
from shomei_simulators.storeprint.documents import (
    CheckedPdf,
    ColorMode,
    Rejection,
    UploadRejected,
    check_pdf,
    parse_color_mode,
)
from shomei_simulators.storeprint.reservations import Reservation
from shomei_simulators.storeprint.simulator import Provider, Settings, StorePrint

NUMBER_LENGTH = 10

PROVIDER = Provider(
    key="sharpprint",
    name_ja="ネットワークプリント",
    name_en="Sharp network print",
    stores_ja="ファミリーマート・ローソン",
    stores_en="FamilyMart, Lawson",
    number_label_ja="ユーザー番号",
    number_label_en="user number",
    number_pattern=re.compile(rf"\d{{{NUMBER_LENGTH}}}"),
)


def new_user_number() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(NUMBER_LENGTH))


def _answer(reservation: Reservation) -> dict[str, Any]:
    shown = reservation.to_dict()
    return {
        "user_number": reservation.number,
        "status": shown["state"],
        "delete_at": shown["expires_at"],
        "paper_size": "A4",
        "documents": shown["documents"],
    }


def _files_and_modes() -> list[tuple[CheckedPdf, ColorMode]]:
    uploads = request.files.getlist("file")
    if not uploads:
        raise UploadRejected(
            Rejection.NO_FILE, "at least one multipart field 'file' is required"
        )
    modes = request.form.getlist("color_mode")
    if len(modes) == 1:
        modes = modes * len(uploads)
    if len(modes) != len(uploads):
        raise UploadRejected(
            Rejection.BAD_COLOR_MODE,
            "give one color_mode, or one per file in the same order",
        )
    parsed_modes = [parse_color_mode(mode) for mode in modes]
    return [
        (check_pdf(upload.read()), mode)
        for upload, mode in zip(uploads, parsed_modes, strict=True)
    ]


def create_app(settings: Settings, username: str, password: str) -> Flask:
    simulator = StorePrint(PROVIDER, settings, new_user_number)
    app = create_base_app(simulator, BasicAuth(username, password))

    @app.post("/api/v1/orders")
    def upload() -> tuple[Response, int]:
        try:
            delete_at = parse_expiry(
                request.form.get("delete_at"), simulator.clock.now()
            )
            files = _files_and_modes()
        except UploadRejected as failure:
            return rejected(failure)
        sent_names = [upload.filename or "" for upload in request.files.getlist("file")]
        reservation = simulator.reservations.create(files, delete_at, sent_names)
        return jsonify(_answer(reservation)), 201

    add_number_routes(app, simulator, "/api/v1/orders/<number>", _answer)
    return app
