"""The web side: an HTML page for people and a JSON API for tests."""

from flask import Flask, Response, abort, jsonify, render_template, request
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup, escape

from shomei_simulators.mailbox.store import Mailbox, Message
from shomei_simulators.mailbox.urls import iter_url_spans

_LINK = Markup('<a href="{0}" rel="noopener noreferrer" target="_blank">{0}</a>')


def linkify(text: str) -> Markup:
    """Escape ``text`` but make its URLs links, so people can open one-time URLs."""
    pieces: list[str] = []
    position = 0
    for start, end in iter_url_spans(text):
        pieces.append(escape(text[position:start]))
        # Markup.format escapes the URL, so a quote in it cannot break the attribute.
        pieces.append(_LINK.format(text[start:end]))
        position = end
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def create_app(mailbox: Mailbox) -> Flask:
    app = Flask(__name__)
    # Keep Japanese readable in the JSON and fields in their natural order.
    if isinstance(app.json, DefaultJSONProvider):
        app.json.ensure_ascii = False
        app.json.sort_keys = False
    app.add_template_filter(linkify)

    def find_or_404(message_id: str) -> Message:
        message = mailbox.get(message_id)
        if message is None:
            abort(404)
        return message

    @app.get("/")
    def index() -> str:
        return render_template("index.html", messages=mailbox.list())

    @app.get("/messages/<message_id>")
    def show_message(message_id: str) -> str:
        return render_template("message.html", message=find_or_404(message_id))

    @app.get("/api/messages")
    def list_messages() -> Response:
        to = request.args.get("to")
        return jsonify([m.to_dict() for m in mailbox.list(to=to)])

    @app.get("/api/messages/<message_id>")
    def get_message(message_id: str) -> Response | tuple[Response, int]:
        message = mailbox.get(message_id)
        if message is None:
            return jsonify({"error": "not found", "id": message_id}), 404
        return jsonify(message.to_dict())

    @app.delete("/api/messages")
    def clear_messages() -> tuple[str, int]:
        mailbox.clear()
        return "", 204

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify({"status": "ok"})

    return app
