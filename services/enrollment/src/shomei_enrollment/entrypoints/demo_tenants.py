"""The demo universities `make run` starts with: 証明大学 (demo-univ) and 桜花大学 (sakura-univ),
each with its catalogue, alumni records, academic records with courses (the sample CSV files in
demo_records/), review calendar, profile (look, texts, contact, president) and a generated seal."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from shomei_enrollment.domain.catalogue import GRADUATE, Catalogue, Department, Faculty, University


@dataclass(frozen=True)
class DemoTenant:
    catalogue: Catalogue
    alumni: list[dict[str, str]]
    profile: dict[str, Any]
    # (first month, first day, last month, last day, label) each academic year; a year-end
    # closure runs into the next calendar year.
    closures: tuple[tuple[int, int, int, int, str], ...]
    logo_colour: str | None = None
    seal_shape: str = "square"  # 角印 or 丸印
    terms: tuple[tuple[int, int, int, int], ...] = field(default=((4, 1, 7, 31), (9, 21, 1, 31)))

    @property
    def tenant_id(self) -> str:
        return self.catalogue.tenant_id

    def calendar(self, around: date) -> list[tuple[str, date, date, str]]:
        """Terms and closures for the academic years before, of and after `around`."""
        periods = []
        for year in range(around.year - 1, around.year + 2):
            for index, (m1, d1, m2, d2) in enumerate(self.terms):
                label = f"{year}年度 {'前期' if index == 0 else '後期'}"
                periods.append(("term", date(year, m1, d1), date(year + (m2 < m1), m2, d2), label))
            for m1, d1, m2, d2, label in self.closures:
                periods.append(("closure", date(year, m1, d1), date(year + (m2 < m1), m2, d2), label))
        return periods

    def records_csv(self) -> tuple[bytes, bytes]:
        """The sample files of demo_records/: (records, courses), as a registrar would upload them."""
        folder = Path(__file__).with_name("demo_records")
        return tuple((folder / f"{self.tenant_id}.{kind}.csv").read_bytes()  # type: ignore[return-value]
                     for kind in ("records", "courses"))

    def seal(self, font: Path) -> bytes:
        """A red seal reading 「<university>之印」 in IPAex Mincho, in columns right to left as
        Japanese seals are cut, on a transparent ground (the certificate shows through it)."""
        size, red = 240, (200, 16, 46, 255)
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        if self.seal_shape == "round":
            draw.ellipse((6, 6, size - 6, size - 6), outline=red, width=10)
            inner = size * 0.62
        else:
            draw.rectangle((6, 6, size - 6, size - 6), outline=red, width=10)
            inner = size * 0.78
        text = f"{self.profile['name_ja']}之印"
        rows = math.ceil(math.sqrt(len(text)))
        columns = math.ceil(len(text) / rows)
        cell_w, cell_h = inner / columns, inner / rows
        glyphs = ImageFont.truetype(str(font), int(min(cell_w, cell_h) * 0.95))
        left = (size - inner) / 2
        for index, character in enumerate(text):
            column, row = divmod(index, rows)
            x = left + inner - (column + 0.5) * cell_w  # the first column is the rightmost
            y = left + (row + 0.5) * cell_h
            draw.text((x, y), character, font=glyphs, fill=red, anchor="mm", stroke_width=2, stroke_fill=red)
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()

    def logo(self) -> bytes | None:
        """A plain emblem drawn here, so no image file is kept in the repository."""
        if self.logo_colour is None:
            return None
        image = Image.new("RGB", (96, 96), "#ffffff")
        ImageDraw.Draw(image).ellipse((8, 8, 88, 88), fill=self.logo_colour)
        out = io.BytesIO()
        image.save(out, "PNG")
        return out.getvalue()


DEMO = DemoTenant(
    Catalogue("demo-univ", (
        University("shomei", "証明大学", "Shomei University", (
            Faculty("lit", "文学部", "Faculty of Letters", (
                Department("jpn", "日本文学科", "Department of Japanese Literature"),
                Department("hist", "史学科", "Department of History"),
            )),
            Faculty("econ", "経済学部", "Faculty of Economics", (
                Department("econ", "経済学科", "Department of Economics"),
            )),
            Faculty("eng", "工学部", "Faculty of Engineering", (
                Department("info", "情報工学科", "Department of Computer Science"),
                Department("mech", "機械工学科", "Department of Mechanical Engineering"),
            )),
        )),
        University("shomei-grad", "証明大学大学院", "Shomei University Graduate School", (
            Faculty("eng-grad", "工学研究科", "Graduate School of Engineering", (
                Department("info-grad", "情報工学専攻", "Computer Science Course"),
            ), GRADUATE),
        )),
    )),
    [
        {"student_number": "L08001", "name_kanji": "証明 太郎", "name_kana": "ショウメイ タロウ",
         "date_of_birth": "1990-05-01", "faculty": "文学部", "department": "日本文学科",
         "graduation_year_month": "2012-03", "status": "卒業"},
        {"student_number": "E10042", "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
         "date_of_birth": "1992-11-23", "faculty": "工学部", "department": "情報工学科",
         "graduation_year_month": "2014-03", "status": "卒業"},
        {"student_number": "G14007", "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
         "date_of_birth": "1992-11-23", "faculty": "工学研究科", "department": "情報工学専攻",
         "graduation_year_month": "2016-03", "status": "卒業"},
        {"student_number": "C11003", "name_kanji": "鈴木 一郎", "name_kana": "スズキ イチロウ",
         "date_of_birth": "1993-02-14", "faculty": "経済学部", "department": "経済学科",
         "graduation_year_month": "", "status": "退学"},
    ],
    {"name_ja": "証明大学", "name_en": "Shomei University", "accent": "#0b5394", "accent_ink": "#ffffff",
     "contact_email": "office@demo-univ.example",
     "notes_ja": "証明書の内容に関するお問い合わせは教務課（平日9:00〜17:00）へ。",
     "notes_en": "For questions about a certificate's content, contact the Academic Affairs Office "
                 "(weekdays 9:00–17:00).",
     "terms_ja": "証明大学は、本サービスで登録された情報を学籍簿と照合するために利用します。",
     "terms_en": "Shomei University uses the information registered here to check it against its records.",
     "president_title_ja": "学長", "president_title_en": "President", "president_name_ja": "証明 一郎",
     "president_name_en": "Ichiro Shomei"},
    ((8, 10, 8, 16, "夏季休業"), (12, 29, 1, 3, "年末年始休業")),
)

SAKURA = DemoTenant(
    Catalogue("sakura-univ", (
        University("ohka", "桜花大学", "Ohka University", (
            Faculty("edu", "教育学部", "Faculty of Education", (
                Department("elem", "初等教育学科", "Department of Elementary Education"),
            )),
            Faculty("nurs", "看護学部", "Faculty of Nursing", (
                Department("nurs", "看護学科", "Department of Nursing"),
            )),
        )),
    )),
    [
        {"student_number": "ED1501", "name_kanji": "桜井 さくら", "name_kana": "サクライ サクラ",
         "date_of_birth": "1996-03-27", "faculty": "教育学部", "department": "初等教育学科",
         "graduation_year_month": "2018-03", "status": "卒業"},
        {"student_number": "NS1702", "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
         "date_of_birth": "1992-11-23", "faculty": "看護学部", "department": "看護学科",
         "graduation_year_month": "2021-03", "status": "卒業"},
    ],
    {"name_ja": "桜花大学", "name_en": "Ohka University", "accent": "#8a1538", "accent_ink": "#ffffff",
     "contact_email": "shomei@sakura-univ.example",
     "notes_ja": "桜花大学の証明書は、卒業後50年まで発行できます。",
     "notes_en": "Ohka University issues certificates for up to 50 years after graduation.",
     "terms_ja": "桜花大学は、登録された本人確認書類の画像を審査後1年で削除します。",
     "terms_en": "Ohka University deletes the identity document images one year after review.",
     "president_title_ja": "学長", "president_title_en": "President", "president_name_ja": "桜井 花子",
     "president_name_en": "Hanako Sakurai"},
    ((8, 1, 8, 20, "夏季一斉休業"), (12, 26, 1, 5, "冬季休業"), (3, 20, 3, 25, "学位記授与式準備")),
    logo_colour="#d94f7a", seal_shape="round",
)

DEMO_TENANTS = (DEMO, SAKURA)
