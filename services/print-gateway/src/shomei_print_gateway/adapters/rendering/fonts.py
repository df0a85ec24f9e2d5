"""The IPAex fonts, found by path and registered with reportlab so every PDF embeds them (ADR 0033).

IPAex Mincho (ipaexm.ttf) and Gothic (ipaexg.ttf) are TrueType: reportlab embeds a subset of
each as a FontFile2, so the paper looks the same on every printer and its text can be extracted
again. Noto CJK ships as CFF (OpenType with PostScript outlines), which reportlab cannot embed.
Debian's `fonts-ipaexfont-mincho` and `fonts-ipaexfont-gothic` put the files under
/usr/share/fonts/opentype/; the tooling installs them on first use (`shomei_devtools.fonts`),
an image installs them with the service.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

MINCHO, GOTHIC = "IPAexMincho", "IPAexGothic"
FILES = {MINCHO: "ipaexm.ttf", GOTHIC: "ipaexg.ttf"}
DEBIAN_PACKAGES = ("fonts-ipaexfont-mincho", "fonts-ipaexfont-gothic")
SEARCH_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")


class FontsMissing(RuntimeError):
    pass


def font_path(file_name: str, roots: tuple[Path, ...] = SEARCH_ROOTS) -> Path:
    """The first file of that name under the roots (fontconfig's own directories, walked)."""
    for root in roots:
        for directory, _, files in os.walk(root):
            if file_name in files:
                return Path(directory) / file_name
    raise FontsMissing(f"{file_name} was not found under {', '.join(map(str, roots))}; "
                       f"install Debian's {' and '.join(DEBIAN_PACKAGES)}")


@functools.cache
def gothic_path() -> str:
    return str(font_path(FILES[GOTHIC]))


@functools.cache
def registered_fonts() -> tuple[str, str]:
    """(mincho, gothic) as reportlab font names, registered once per process."""
    for name, file_name in FILES.items():
        # subfontIndex 0, and reportlab subsets and embeds a TTFont always: there is no way
        # to leave it out, which is why it is a TTFont and not a CID font by name.
        pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
    return MINCHO, GOTHIC
