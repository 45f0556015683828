"""Horizontal bar charts as numbers for an inline SVG (the template draws them; no HTML here)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

WIDTH = 440  # viewBox units; the SVG scales to its box
LABEL_WIDTH = 200
VALUE_WIDTH = 34
ROW = 24
BAR = 15
PAD = 4
LABEL_CHARS = 24  # what fits in LABEL_WIDTH at the chart's font size (13 units)


@dataclass(frozen=True)
class Bar:
    label: str  # as drawn (maybe shortened)
    full_label: str  # for the bar's <title>
    value: int
    css_class: str
    y: float  # top of the bar
    text_y: float  # baseline of its label and value
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_height: int = BAR
    empty_note: str = ""

    @property
    def summary(self) -> str:
        """The chart in words, for screen readers (the SVG's description)."""
        if not self.bars:
            return self.empty_note
        return "; ".join(f"{b.full_label}: {b.value}" for b in self.bars)


def shorten(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(title: str, rows: Sequence[tuple[str, int, str]], *, empty_note: str = "Nothing to show.") -> BarChart:
    """A chart of ``rows`` (label, value, css class), in the order given, bars scaled to the largest."""
    biggest = max((value for _, value, _ in rows), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for i, (label, value, css_class) in enumerate(rows):
        top = PAD + i * ROW
        width = room * value / biggest if biggest else 0.0
        width = round(max(width, 2.0 if value else 0.0), 1)
        bars.append(Bar(shorten(label), label, value, css_class, top + (ROW - BAR) / 2, top + ROW / 2 + 4.5,
                        width, round(LABEL_WIDTH + width + 4, 1)))
    height = PAD * 2 + ROW * len(bars)
    return BarChart(title, tuple(bars), WIDTH, height, LABEL_WIDTH, BAR, empty_note)
