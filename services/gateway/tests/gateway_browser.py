"""What the gateway's browser tests share: a served app, an ID image, controls by label, and a
walk that checks every page with axe and keeps a screenshot for people to look at."""

from __future__ import annotations

import io
import re
from typing import Any

from PIL import Image

from shomei_devtools.browser import served
from shomei_devtools.paths import local_dir

__all__ = ["VIEWPORTS", "Walk", "fill_applicant", "labelled", "png_file", "served"]

SCREENS = local_dir() / "test" / "screens" / "gateway"
VIEWPORTS = {"pc": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}




def png_file(tmp_path: Any) -> str:
    path = tmp_path / "license-front.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 220, 240)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def labelled(page: Any, label: str) -> Any:
    """The control whose label starts with `label` (required ones end with a 必須 badge)."""
    return page.get_by_label(re.compile("^" + re.escape(label) + "(必須|Required)?$"))


class Walk:
    """Visits pages, checking each with axe and keeping a screenshot for people to look at."""

    def __init__(self, page: Any, check: Any, viewport: str) -> None:
        self.page, self.check, self.viewport = page, check, viewport
        self.problems: dict[str, list[dict[str, Any]]] = {}

    def look(self, name: str) -> None:
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENS / f"{self.viewport}-{name}.png"), full_page=True)
        found = self.check(self.page)
        if found:
            self.problems[name] = found


def fill_applicant(page: Any, image: str) -> None:
    """A complete, valid registration form (the demo catalogue's first department)."""
    labelled(page, "氏名（漢字）").fill("山田 太郎")
    labelled(page, "氏名（カタカナ）").fill("ヤマダ タロウ")
    labelled(page, "氏名（ローマ字）").fill("yamada taro")
    labelled(page, "生年月日（西暦）").fill("1990/4/1")
    labelled(page, "学部・学科").select_option(index=1)
    page.get_by_label("卒業", exact=True).check()
    labelled(page, "郵便番号").fill("530-0001")
    labelled(page, "都道府県").select_option("大阪府")
    labelled(page, "市区町村").fill("大阪市北区")
    labelled(page, "町名・番地").fill("梅田1-1")
    labelled(page, "携帯電話番号").fill("090-1234-5678")
    labelled(page, "書類の種類").select_option("drivers_license")
    labelled(page, "表面の画像").set_input_files(image)
