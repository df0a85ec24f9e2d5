"""Medians, a plain-text table and the ratio lines every benchmark prints."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> str:
    """min..max over the rounds: a wide range says the machine was noisy, read ratios with care."""
    if not values:
        return "-"
    return f"{min(values):,.0f}..{max(values):,.0f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        # First column left-aligned (a label), figures right-aligned so digits line up.
        pairs = enumerate(zip(cells, widths, strict=True))
        parts = [str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in pairs]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def ratio_line(label: str, ours: float, theirs: float, target: float) -> str:
    """`ratio ours/x @case: 2.31x (target >= 2x) MET`; a missed target is reported, never raised."""
    ratio = ours / theirs if theirs > 0 else float("nan")
    verdict = "MET" if ratio >= target else "MISSED"
    return f"ratio {label}: {ratio:.2f}x (target >= {target:g}x) {verdict}"


def info_ratio_line(label: str, ours: float, theirs: float) -> str:
    """A ratio printed for context only (no target was set for it)."""
    ratio = ours / theirs if theirs > 0 else float("nan")
    return f"ratio {label}: {ratio:.2f}x (no target; for context)"
