"""Japanese by default, English on request (`?lang=en`, remembered in a cookie).

Templates are written in Japanese; translations/en holds the English. The .po file is compiled
when the app starts, so no compiled file lives in the repository.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import Babel

from shomei_shared.web.tenancy import site_cookie_name

LANGUAGES = ("ja", "en")
COOKIE = "lang"
SOURCE = Path(__file__).resolve().parent.parent / "translations"


def compiled_translations() -> Path:
    """Compile each .po into a cache directory keyed by the sources' content."""
    sources = sorted(SOURCE.glob("*/LC_MESSAGES/messages.po"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / f"shomei-gateway-translations-{digest}"
    for po in sources:
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if not mo.exists():
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            partial = mo.with_suffix(".tmp")
            with partial.open("wb") as out:
                write_mo(out, catalog)
            partial.replace(mo)  # atomic: concurrent workers never read half a file
    return target


def language_cookie() -> str:
    return site_cookie_name(COOKIE, bool(current_app.config["SESSION_COOKIE_SECURE"]))


def select_locale() -> str:
    chosen = request.args.get("lang") or request.cookies.get(language_cookie())
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default="ja") or "ja"


def request_language() -> str:
    """The current user's language, or Japanese outside a request."""
    return select_locale() if has_request_context() else "ja"


def install_i18n(app: Flask) -> None:
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(compiled_translations())
    app.config["BABEL_DEFAULT_LOCALE"] = "ja"
    app.config["BABEL_DEFAULT_TIMEZONE"] = "Asia/Tokyo"
    Babel(app, locale_selector=select_locale)

    @app.after_request
    def _remember(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie(language_cookie(), chosen, max_age=365 * 86400, samesite="Lax", httponly=True,
                                secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
        return response

    @app.context_processor
    def _language() -> dict[str, str]:
        return {"current_language": select_locale()}
