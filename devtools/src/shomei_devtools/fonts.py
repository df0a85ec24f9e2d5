"""The IPAex fonts (Debian's fonts-ipaexfont-*), installed on first use: the demo universities'
generated seals are drawn in IPAex Mincho, certificates are rendered in IPAex (reportlab
embeds these TrueType outlines, which it cannot do with Noto's CFF), and the browser tests need
a Japanese font to show text rather than boxes.

`python -m shomei_devtools.fonts` makes sure they are there and prints their paths (`make run`
calls it before the demo seeds)."""

from __future__ import annotations

from pathlib import Path

from shomei_devtools.system import apt_install

FONTS = {
    "mincho": (Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"), "fonts-ipaexfont-mincho"),
    "gothic": (Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"), "fonts-ipaexfont-gothic"),
}


def ipaex(kind: str = "mincho") -> Path:
    """The font file of `kind`, installed from Debian when missing."""
    path, package = FONTS[kind]
    if not path.exists():
        apt_install(package)
    if not path.exists():
        raise RuntimeError(f"{path} is still missing after installing {package}")
    return path


def ensure_japanese_fonts() -> tuple[str, str]:
    """(mincho, gothic): the paths of the two TrueType files, installed from Debian when missing."""
    return str(ipaex("mincho")), str(ipaex("gothic"))


def main() -> None:
    for kind in FONTS:
        print(ipaex(kind))


if __name__ == "__main__":
    main()
