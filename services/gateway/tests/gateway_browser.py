"""What the gateway's Chromium tests share: labelled controls, a small ID image."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image


def png_file(tmp_path: Any) -> str:
    path = tmp_path / "license-front.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 220, 240)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def labelled(page: Any, label: str) -> Any:
    """The control whose label starts with `label` (required ones end with a 必須 badge)."""
    return page.get_by_label(re.compile("^" + re.escape(label) + "(必須)?$"))
