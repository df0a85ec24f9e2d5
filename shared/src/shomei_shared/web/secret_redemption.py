"""The notifier's redemption of a sealed secret, one endpoint shape for every service that seals
(identity's one-time URLs and initial passwords, enrollment's re-application links)."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Blueprint, Response, jsonify

from shomei_shared.errors import NotFound
from shomei_shared.messages import Command
from shomei_shared.sealing import RedeemedSecret
from shomei_shared.web.app import current_service
from shomei_shared.web.trust import callers

_SECRET_REF = re.compile(r"^[0-9a-f-]{36}$")


def install_secret_redemption(bp: Blueprint, command: Callable[[str], Command]) -> None:
    """`POST /secrets/<secret_ref>/redeem` on `bp`, handled as `command(secret_ref)`."""

    @bp.post("/secrets/<secret_ref>/redeem")
    @callers("notifier")  # the only service that sends what it redeems (ADR 0019)
    def redeem_secret(secret_ref: str) -> Response:
        """The notifier redeems a mail's sealed secret; the same value on every call until it
        expires.
        ---
        post:
          security: [{internal: []}]
          parameters: [{in: path, name: secret_ref, required: true, schema: {type: string}}]
          responses:
            200: {description: "kind and value"}
            404: {description: unknown or expired}
        """
        if not _SECRET_REF.match(secret_ref):
            raise NotFound.one("secret_not_found", "secret_ref")  # as an unknown reference is told
        redeemed: RedeemedSecret = current_service().handle(command(secret_ref))
        return jsonify(kind=redeemed.kind, value=redeemed.value)
