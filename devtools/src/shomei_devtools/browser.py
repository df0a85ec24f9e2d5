"""Debian's Chromium for browser tests, and the axe-core accessibility engine.

Playwright drives the system Chromium (`/usr/bin/chromium`, from Debian) — it never downloads a
browser of its own, which this machine could not fetch anyway.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from shomei_devtools.fonts import ensure_japanese_fonts
from shomei_devtools.paths import project_root
from shomei_devtools.system import apt_install

# Without the background-networking flags Chromium keeps calling home, and a closed network
# refuses it many times a second; --no-sandbox because tests may run as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
E2E_DIR = project_root() / "tests" / "e2e"


def chromium_path() -> str:
    """Chromium, and a Japanese font so pages and screenshots show text rather than boxes."""
    ensure_japanese_fonts()
    found = shutil.which("chromium")
    if found is None:
        apt_install("chromium")
        found = shutil.which("chromium")
    if found is None:
        raise RuntimeError("chromium is still missing after installing it")
    return found


def axe_script() -> Path:
    """axe.min.js from tests/e2e/node_modules, installed from package-lock.json when missing."""
    script = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            apt_install("npm")
            npm = shutil.which("npm") or "npm"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=E2E_DIR, check=True)
    return script


@contextmanager
def served(app: Any, ssl_context: ssl.SSLContext | None = None) -> Iterator[str]:
    """A WSGI app (a web app under test, on its fakes) at http://127.0.0.1:<free port> while the
    block runs, threaded so a page's stylesheet and script load while a form is handled; over
    HTTPS with `ssl_context` (a test's own certificate)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True, ssl_context=ssl_context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"{'https' if ssl_context else 'http'}://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
