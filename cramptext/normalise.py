"""Normalise phrasing: apply the fixes of phrasing findings to a text, and map
positions in the cleaned text back to the original."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

from .records import Finding

# Which fixes `cramptext fix` applies by default, and with --unsafe-fixes.
SAFE = frozenset({"safe"})
SAFE_AND_UNSAFE = frozenset({"safe", "unsafe"})


@dataclass(frozen=True)
class Edit:
    start: int  # in the original text
    end: int
    text: str


def edits_from(findings: Iterable[Finding], applicable: frozenset) -> list[Edit]:
    """Non-overlapping edits from findings whose fix is applicable (first, longest wins)."""
    candidates = sorted((f for f in findings if f.replacement is not None and f.applicability in applicable),
                        key=lambda f: (f.start, -(f.end - f.start)))
    edits: list[Edit] = []
    for f in candidates:
        if edits and f.start < edits[-1].end:
            continue
        if f.replacement != "" or f.end > f.start:
            edits.append(Edit(f.start, f.end, f.replacement))
    return edits


class OffsetMap:
    """Positions in an edited text → positions in the original.

    A position inside a replaced stretch maps to that stretch's original
    bounds, so a span that touches an edit grows to cover what it replaced.
    """

    def __init__(self, edits: Sequence[Edit]):
        self._new_starts: list[int] = []
        self._rows: list[tuple[int, int, int, int]] = []  # new_start, new_end, old_start, old_end
        shift = 0
        for e in edits:
            new_start = e.start + shift
            new_end = new_start + len(e.text)
            self._new_starts.append(new_start)
            self._rows.append((new_start, new_end, e.start, e.end))
            shift += len(e.text) - (e.end - e.start)

    def position(self, pos: int, *, is_end: bool) -> int:
        i = bisect.bisect_right(self._new_starts, pos) - 1
        if i < 0:
            return pos
        new_start, new_end, old_start, old_end = self._rows[i]
        if pos >= new_end and not (is_end and pos == new_end):
            return old_end + (pos - new_end)
        if is_end:
            return old_end if pos > new_start else old_start
        return old_start

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        return self.position(start, is_end=False), self.position(end, is_end=True)


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, OffsetMap]:
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos:e.start])
        parts.append(e.text)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(edits)


def clean(text: str, findings: Iterable[Finding], applicable: frozenset = SAFE_AND_UNSAFE) -> tuple[str, OffsetMap]:
    """``text`` with the applicable fixes of ``findings`` applied, and the map back to ``text``."""
    return apply_edits(text, edits_from(findings, applicable))
