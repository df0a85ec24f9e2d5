"""Debian's IPAex fonts, installed on first use: the browser tests need a Japanese font to show
text rather than boxes, and print-gateway embeds them in every certificate it renders."""

from __future__ import annotations

from pathlib import Path

from shomei_devtools.system import apt_install

IPAEX = {
    "fonts-ipaexfont-mincho": Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
    "fonts-ipaexfont-gothic": Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
}


def ensure_japanese_fonts() -> tuple[str, str]:
    """(mincho, gothic): the paths of the two TrueType files, installed from Debian when missing."""
    missing = [package for package, path in IPAEX.items() if not path.exists()]
    if missing:
        apt_install(*missing)
    mincho, gothic = IPAEX.values()
    return str(mincho), str(gothic)
