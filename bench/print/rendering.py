"""`python -m bench.print.rendering`: certificates rendered per second per core, against a bare
reportlab page as the anchor.

Contestants, each a complete PDF in memory:
- `bare page`: reportlab's canvas, one line in Helvetica (nothing embedded), saved: the floor
  of any reportlab document;
- `bare page, IPAex text`: the same canvas with the graduation certificate's text lines drawn in
  the embedded IPAex Mincho, nothing else: what the fonts cost;
- `graduation (ja)`, `graduation (en)`: print-gateway's `render()`, one page;
- `transcript, 40 courses (ja)`: `render()`, two pages.

Per core: one process, one thread, and the rate is renders over the process's CPU time, so
other work on a shared machine slows the wall clock but not the figure. Rounds interleave the
contestants (A, B, C, ..., then B, C, ..., A) after one unmeasured render of each (fonts
registered, caches warm); medians over rounds, min..max beside them.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import time
from collections.abc import Callable
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from bench.report import info_ratio_line, median, spread, table
from shomei_print_gateway.adapters.rendering import extract_text, render
from shomei_print_gateway.adapters.rendering.fonts import registered_fonts
from shomei_print_gateway.domain.certificate import AcademicRecord, CertificateContent, Course, Issuer

BARE, BARE_IPAEX = "bare page", "bare page, IPAex text"


def _content(kind: str, language: str, courses: int = 0) -> CertificateContent:
    record = AcademicRecord(
        student_number="B20-04711", name_kanji="高橋 美咲", name_romaji="TAKAHASHI Misaki",
        birth_date=date(2001, 11, 3),
        status="卒業", programme="学部", faculty_ja="経済学部", faculty_en="Faculty of Economics",
        department_ja="経済学科", department_en="Department of Economics", degree_ja="学士（経済学）",
        degree_en="Bachelor of Economics", admitted_on=date(2020, 4, 1), graduated_on=date(2024, 3, 22),
        courses=tuple(Course(f"{2020 + i // 10}前期", f"ECO{i:03d}", f"経済学演習{i}", f"Economics Seminar {i}",
                             "2", "優") for i in range(courses)),
        total_credits=str(2 * courses), gpa="3.05")
    issuer = Issuer("bench-univ", "ベンチ大学", "Bench University", "学長", "President", "田中 実", "TANAKA Minoru")
    return CertificateContent(kind, language, "卒業証明書" if language == "ja" else "Certificate of Graduation", record,
                              issuer, date(2026, 4, 1), "BENCH-2026-000001", "7KQ4-M2XD-9P3F-WA6T",
                              "https://verify.shomei.example/bench-univ/v/7KQ4M2XD9P3FWA6T")


def _bare() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Certificate")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _bare_ipaex(lines: list[str]) -> Callable[[], bytes]:
    mincho, _ = registered_fonts()

    def draw() -> bytes:
        out = io.BytesIO()
        canvas = Canvas(out, initialFontName=mincho)
        canvas.setFont(mincho, 11)
        for i, line in enumerate(lines):
            canvas.drawString(56, 780 - 14 * i, line)
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    return draw


def contestants() -> dict[str, Callable[[], bytes]]:
    graduation_ja = _content("graduation", "ja")
    text = [line for line in extract_text(render(graduation_ja).pdf).splitlines() if line.strip()]
    return {
        BARE: _bare,
        BARE_IPAEX: _bare_ipaex(text),
        "graduation (ja)": lambda: render(graduation_ja).pdf,
        "graduation (en)": lambda: render(_content("graduation", "en")).pdf,
        "transcript, 40 courses (ja)": lambda: render(_content("transcript", "ja", courses=40)).pdf,
    }


def measure(make: Callable[[], bytes], seconds: float) -> float:
    """Renders per CPU second of this process, over at least `seconds` of CPU time."""
    count, start = 0, time.process_time()
    while (elapsed := time.process_time() - start) < seconds:
        make()
        count += 1
    return count / elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.print.rendering", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="rounds per contestant; medians (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per round (default: %(default)s)")
    args = parser.parse_args(argv)
    makers = contestants()
    sizes = {name: make() for name, make in makers.items()}  # the unmeasured warm-up
    names = list(makers)
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs; one process, one thread; "
          f"{args.rounds} rounds of {args.seconds:g} CPU s per contestant", flush=True)
    rates: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(args.rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            rates[name].append(measure(makers[name], args.seconds))
        print(f"round {round_number + 1}/{args.rounds}: " + ", ".join(
            f"{name} {rates[name][-1]:,.1f}/s" for name in names), flush=True)
    print()
    # CPU milliseconds per render beside the rates: a ratio of 0.02x hides what a figure costs.
    print(table(["contestant", "renders/s per core", "min..max", "CPU ms each", "PDF bytes"],
                [[name, f"{median(values):,.1f}", spread(values), f"{1000 / median(values):.2f}",
                  f"{len(sizes[name]):,}"] for name, values in rates.items()]))
    print()
    anchor = median(rates[BARE])
    for name in names[1:]:
        print(info_ratio_line(f"{name}/{BARE}", median(rates[name]), anchor))
    print(info_ratio_line(f"graduation (ja)/{BARE_IPAEX}", median(rates["graduation (ja)"]),
                          median(rates[BARE_IPAEX])))


if __name__ == "__main__":
    main()
