"""Claims and findings over a text as properly nested marks (pure Python, no HTML).

Claims and findings may nest and overlap (a readability finding covers a
paragraph holding claims; a phrasing finding may cross a claim's edge). HTML
elements must nest, so the spans are placed one at a time, in priority order,
into a tree: a span placed earlier is never cut; a later one that crosses its
edge is cut into fragments, each inside or around earlier ones. Claims go
first, so each claim is one element whose text is exactly the claim's text
(unless two claims overlap each other, then the later one is cut too).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence


@dataclass(frozen=True)
class Span:
    kind: str  # "claim" or "finding"
    index: int  # position in the document's claims or findings
    start: int
    end: int


@dataclass(eq=False)
class Mark:
    """One fragment of a span; ``first`` is the fragment that takes keyboard focus."""

    span: Span
    start: int
    end: int
    children: list[Mark] = field(default_factory=list)
    first: bool = False
    items: list = field(default_factory=list)  # str or Mark, filled by ``_fill``


def display_range(start: int, end: int, length: int) -> tuple[int, int] | None:
    """The span clamped to the text; an empty span widened to the character after it
    (or before it, at the end) so there is something to underline and focus."""
    start, end = max(0, min(start, length)), max(0, min(end, length))
    if end < start:
        start, end = end, start
    if start == end:
        if length == 0:
            return None
        return (start, start + 1) if start < length else (start - 1, start)
    return start, end


def _insert(nodes: list[Mark], span: Span, start: int, end: int) -> None:
    """Place [start, end) of ``span`` among the sorted, disjoint ``nodes``, cutting it where needed."""
    for node in nodes:
        if node.start <= start and end <= node.end:
            _insert(node.children, span, start, end)  # inside (or the same range as) an earlier span
            return
    left = next((n for n in nodes if n.start < start < n.end), None)
    right = next((n for n in nodes if n.start < end < n.end), None)
    lo = left.end if left else start
    hi = right.start if right else end
    if left:
        _insert(left.children, span, start, left.end)
    if lo < hi:
        inner = [n for n in nodes if lo <= n.start and n.end <= hi]
        mark = Mark(span, lo, hi, inner)
        taken = {id(n) for n in inner}
        rest = [n for n in nodes if id(n) not in taken]
        rest.append(mark)
        rest.sort(key=lambda n: n.start)
        nodes[:] = rest
    if right:
        _insert(right.children, span, right.start, end)


def _fill(text: str, start: int, end: int, children: list[Mark], seen: set) -> list:
    """Text pieces and marks of [start, end) in order; marks the first fragment of each span."""
    items: list = []
    pos = start
    for child in children:
        if child.start > pos:
            items.append(text[pos:child.start])
        child.first = child.span not in seen
        seen.add(child.span)
        child.items = _fill(text, child.start, child.end, child.children, seen)
        items.append(child)
        pos = child.end
    if pos < end:
        items.append(text[pos:end])
    return items


def nest(text: str, spans: Sequence[Span]) -> list:
    """``text`` as a list of strings and ``Mark`` trees, with every span of ``spans`` marked.

    Earlier spans in ``spans`` win: they stay whole, later ones are cut around them.
    Joining the strings of the tree, in order, gives back ``text``.
    """
    roots: list[Mark] = []
    for span in spans:
        shown = display_range(span.start, span.end, len(text))
        if shown is not None:
            _insert(roots, span, *shown)
    return _fill(text, 0, len(text), roots, set())


def flatten(items: list) -> str:
    """The text of a nested list (what a browser's textContent gives)."""
    return "".join(item if isinstance(item, str) else flatten(item.items) for item in items)


def fragments(items: list) -> dict[Span, list[str]]:
    """Each span's fragments' texts, in document order."""
    found: dict[Span, list[str]] = {}

    def walk(nodes: list) -> None:
        for item in nodes:
            if isinstance(item, Mark):
                found.setdefault(item.span, []).append(flatten(item.items))
                walk(item.items)

    walk(items)
    return found
