"""The console's view of an order's mails, and resending one (issue 9, staff console). The tenant
and the staff member come from identity's assertion (ADR 0019): another university's order has
no mails here, and the resend names who asked. Any staff member sees the mails; registrars and
tenant admins resend, as they refund."""

from __future__ import annotations

from typing import Any, cast

from flask import Blueprint, Response, current_app, jsonify
from marshmallow import Schema, fields, validate

from shomei_notifier.adapters.sql_log import open_sql_log
from shomei_notifier.domain.delivery import Delivery
from shomei_notifier.service_layer.resending import resend, resendable
from shomei_shared.clock import Clock
from shomei_shared.errors import NotFound
from shomei_shared.logs import current_correlation_id
from shomei_shared.web.api import load_body
from shomei_shared.web.app import current_engine
from shomei_shared.web.errors import COMMON, Catalogue
from shomei_shared.web.trust import callers, current_actor

CATALOGUE: Catalogue = COMMON.extend({
    "mail_not_found": ("このメールは見つかりません。", "No such mail for this order."),
    "mail_not_resendable": ("このメールは再送できません（送信待ち、一度限りのURLを含む、または取り下げ済み）。",
                            "This mail cannot be resent (still to be sent, with a one-time link, or withdrawn)."),
})


class ResendSchema(Schema):
    # The console's form key: the same key is the same resend (a double click sends once).
    request_key = fields.String(required=True, validate=[validate.Length(min=8, max=64),
                                                         validate.Regexp(r"^[A-Za-z0-9_-]+$")])


def mail_view(delivery: Delivery) -> dict[str, Any]:
    """What staff see of a mail: never its variables or content."""
    return {"id": delivery.id, "template_key": delivery.template_key, "event_type": delivery.event_type,
            "recipient": delivery.recipient, "language": delivery.language, "status": delivery.status.value,
            "attempts": delivery.attempts, "created_at": delivery.created_at.isoformat(),
            "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            "resend_of": delivery.resend_of, "requested_by": delivery.requested_by,
            "resendable": resendable(delivery)}


def install(internal: Blueprint) -> None:
    internal.add_url_rule("/staff/orders/<order_id>/mails", view_func=order_mails, methods=["GET"])
    internal.add_url_rule("/staff/orders/<order_id>/mails/<mail_id>/resends", view_func=resend_mail,
                          methods=["POST"])


@callers("admin", acting="staff")
def order_mails(order_id: str) -> Response:
    """The mails sent (or to be sent) for one of the university's orders, resends included.
    ---
    get:
      summary: An order's mails
      security: [{internal: []}]
      parameters: [{name: order_id, in: path, required: true, schema: {type: string}}]
      responses:
        200: {description: "{mails: [{id, template_key, recipient, status, created_at, sent_at, resend_of,
          requested_by, resendable}]} (no content)"}
    """
    with open_sql_log(current_engine()) as log:
        found = log.of_order(current_actor().tenant_id, order_id)
    return jsonify(mails=[mail_view(delivery) for delivery in found])


@callers("admin", acting="staff", role="registrar")
def resend_mail(order_id: str, mail_id: str) -> tuple[Response, int]:
    """Send one of the order's mails again, to the address it went to; once per request key.
    ---
    post:
      summary: Resend an order's mail
      security: [{internal: []}]
      parameters:
        - {name: order_id, in: path, required: true, schema: {type: string}}
        - {name: mail_id, in: path, required: true, schema: {type: integer}}
      requestBody: {content: {application/json: {schema: ResendSchema}}}
      responses:
        201: {description: "{mail: ...} the resend, recorded now"}
        200: {description: "{mail: ...} the resend this request key recorded before"}
        404: {description: "no such mail of this order"}
        409: {description: "mail_id: not resendable"}
    """
    if not mail_id.isascii() or not mail_id.isdigit() or len(mail_id) > 18:
        raise NotFound.one("mail_not_found", "mail_id")
    body = load_body(ResendSchema())
    actor, clock = current_actor(), cast(Clock, current_app.extensions["shomei.clock"])
    with open_sql_log(current_engine()) as log:
        delivery, recorded = resend(log, actor.tenant_id, order_id, int(mail_id), actor.subject_id, body["request_key"],
                                    clock.now(), current_correlation_id())
    return jsonify(mail=mail_view(delivery)), 201 if recorded else 200
