"""The IPAex fonts are installed from Debian on first use, and only when missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shomei_devtools import fonts


def test_a_present_font_is_used_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "ipaexm.ttf"
    font.write_bytes(b"font")
    installed: list[str] = []
    monkeypatch.setitem(fonts.FONTS, "mincho", (font, "fonts-ipaexfont-mincho"))
    monkeypatch.setattr(fonts, "apt_install", lambda *packages: installed.extend(packages))
    assert fonts.ipaex("mincho") == font and installed == []


def test_a_missing_font_is_installed_from_its_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "ipaexm.ttf"

    def install(*packages: str) -> None:
        assert packages == ("fonts-ipaexfont-mincho",)
        font.write_bytes(b"font")

    monkeypatch.setitem(fonts.FONTS, "mincho", (font, "fonts-ipaexfont-mincho"))
    monkeypatch.setattr(fonts, "apt_install", install)
    assert fonts.ipaex("mincho") == font


def test_a_package_that_brings_no_font_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fonts.FONTS, "mincho", (tmp_path / "absent.ttf", "fonts-ipaexfont-mincho"))
    monkeypatch.setattr(fonts, "apt_install", lambda *packages: None)
    with pytest.raises(RuntimeError, match="still missing"):
        fonts.ipaex("mincho")
