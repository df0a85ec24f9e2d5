"""What the gateway's Chromium tests share: the app served on a free port, labelled controls,
a small ID image."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from PIL import Image
from werkzeug.serving import make_server


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app at http://127.0.0.1:<free port> while the block runs."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def png_file(tmp_path: Any) -> str:
    path = tmp_path / "license-front.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 220, 240)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def labelled(page: Any, label: str) -> Any:
    """The control whose label starts with `label` (required ones end with a 必須 badge)."""
    return page.get_by_label(re.compile("^" + re.escape(label) + "(必須)?$"))
