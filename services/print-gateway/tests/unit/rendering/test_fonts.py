from pathlib import Path

import pytest

from shomei_print_gateway.adapters.rendering.fonts import FontsMissing, font_path


def test_the_font_files_are_found_by_walking_the_font_directories(tmp_path: Path) -> None:
    nested = tmp_path / "opentype" / "ipaexfont-mincho"
    nested.mkdir(parents=True)
    (nested / "ipaexm.ttf").write_bytes(b"\x00\x01\x00\x00")
    assert font_path("ipaexm.ttf", (tmp_path / "missing", tmp_path)) == nested / "ipaexm.ttf"


def test_a_machine_without_the_fonts_is_told_which_debian_packages_to_install(tmp_path: Path) -> None:
    with pytest.raises(FontsMissing, match="fonts-ipaexfont-mincho and fonts-ipaexfont-gothic"):
        font_path("ipaexg.ttf", (tmp_path,))
