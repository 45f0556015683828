"""``--format text``: findings as a person reads them, with the source line and a caret underline."""
from __future__ import annotations

import json
import unicodedata

from ..records import SEVERITIES, Finding, Location, line_col
from .context import OutputContext
from .positions import is_fixable
from .visible import visible

TAB_SIZE = 4
# A source line wider than this many columns is shown as a window around the finding.
MAX_LINE_WIDTH = 120
MAX_LINE_CHARS = 4 * MAX_LINE_WIDTH  # however narrow its characters (combining marks)
MIN_CONTEXT = 10  # columns shown before a cut line's span, at least
ELLIPSIS = "…"


def _char_width(char: str) -> int:
    # Why: carets must line up under wide (CJK) and combining characters too.
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def source_line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (without the newline or a trailing CR) of the line holding offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end == -1:
        line_end = len(text)
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    return line_start, line_end


def _shown(char: str, column: int) -> str:
    """How one character of a source line is shown, ``column`` characters into the shown line."""
    if char == "\t":
        return " " * (TAB_SIZE - column % TAB_SIZE)
    return visible(char)


def _guess_width(char: str) -> int:
    """A character's shown width when its column is not known yet (a tab's at most)."""
    return TAB_SIZE if char == "\t" else display_width(visible(char))


def _render(text: str, begin: int, end: int, lead: str) -> tuple[list[str], list[int], bool]:
    """``text[begin:end]`` as shown after ``lead``: each character's piece, the width before each
    piece (and after the last), and whether it got to ``end`` within MAX_LINE_WIDTH columns."""
    pieces: list[str] = []
    before = [display_width(lead)]
    column = len(lead)  # tabs stop every TAB_SIZE characters, as str.expandtabs counts
    for index in range(begin, end):
        piece = _shown(text[index], column)
        width = before[-1] + display_width(piece)
        if width > MAX_LINE_WIDTH or len(pieces) >= MAX_LINE_CHARS:
            return pieces, before, False
        pieces.append(piece)
        before.append(width)
        column += len(piece)
    return pieces, before, True


def _guess_span(text: str, begin: int, end: int, limit: int) -> int:
    """Shown width of ``text[begin:end]``, counted up to ``limit``."""
    width = 0
    for index in range(begin, min(end, begin + MAX_LINE_CHARS)):
        width += _guess_width(text[index])
        if width >= limit:
            return limit
    return width


def _window_start(text: str, line_start: int, line_end: int, start: int, span_end: int) -> int:
    """Where a cut line starts: enough context before the span, the rest of the room after it."""
    room = MAX_LINE_WIDTH - len(ELLIPSIS)
    span = _guess_span(text, start, span_end, room)
    after = _guess_span(text, span_end, line_end, room + 1 - span)
    if span + after <= room:
        before = room - span - after  # the line's end fits: cut before the span only
    else:
        before = max(MIN_CONTEXT, (room - len(ELLIPSIS) - span) // 2)
    first, width = start, 0
    while first > line_start and start - first < MAX_LINE_CHARS // 2:
        width += _guess_width(text[first - 1])
        if width > before:
            break
        first -= 1
    while first < start and unicodedata.combining(text[first]):
        first += 1  # not a mark without its letter
    return first


def shown_line(text: str, line_start: int, line_end: int, start: int, span_end: int) -> tuple[str, int, int]:
    """The source line as shown, the caret's column and the caret's width.

    Control characters are shown as escapes and tabs expanded; a line wider than
    MAX_LINE_WIDTH columns is cut to a window around the span, with an ellipsis at a cut end.
    """
    pieces, before, whole = _render(text, line_start, line_end, "")
    first, lead = line_start, ""
    if not whole:
        first = _window_start(text, line_start, line_end, start, span_end)
        lead = ELLIPSIS if first > line_start else ""
        pieces, before, whole = _render(text, first, line_end, lead)
    tail = ""
    if not whole:
        # Room for the ellipsis at the end.
        while pieces and before[len(pieces)] > MAX_LINE_WIDTH - len(ELLIPSIS):
            pieces.pop()
        tail = ELLIPSIS
    last = first + len(pieces)
    pad = before[min(start, last) - first]
    width = before[min(span_end, last) - first] - pad
    return lead + "".join(pieces) + tail, pad, width


def caret_snippet(text: str, start: int, end: int) -> list[str]:
    """The source line and a ``^^^`` underline, clipped to the span's first line."""
    start = max(0, min(start, len(text)))
    line = line_col(text, start)[0]
    line_start, line_end = source_line_bounds(text, start)
    start = min(start, line_end)  # a span starting at a line's CRLF starts at its end
    span_end = max(start, min(end, line_end))
    shown, pad, width = shown_line(text, line_start, line_end, start, span_end)
    gutter = " " * len(str(line))
    return [f"{line} | {shown}".rstrip(), f"{gutter} | {' ' * pad}{'^' * max(1, width)}"]


def _fix_hint(finding: Finding) -> str | None:
    if finding.replacement is None:
        return None
    if finding.replacement == "":
        return "  help: delete this text"
    return f"  help: replace with {visible(json.dumps(finding.replacement, ensure_ascii=False))}"


def _note_line(location: Location) -> str:
    where = f"{visible(location.source)}:{location.line}:{location.column}"
    return f"  note: {where}: {one_line(location.message)}" if location.message else f"  note: {where}"


def one_line(message: str) -> str:
    """Why: a stray newline in a message would break the `path:line:col:` layout,
    and a control character in it (but a tab) would reach the reader's terminal."""
    return visible(" ".join(message.splitlines()), keep="\t")


def text_block(finding: Finding, text: str | None) -> str:
    marker = " [*]" if is_fixable(finding) else ""
    where = f"{visible(finding.source)}:{finding.line}:{finding.column}"
    lines = [f"{where}: {finding.rule} {one_line(finding.message)}{marker}"]
    if text is not None:
        lines.extend(caret_snippet(text, finding.start, finding.end))
    hint = _fix_hint(finding)
    if hint:
        lines.append(hint)
    lines.extend(_note_line(location) for location in finding.related)
    return "\n".join(lines)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(findings: list[Finding]) -> str:
    if not findings:
        return "All checks passed."
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        if finding.severity in counts:
            counts[finding.severity] += 1
    line = (
        f"Found {plural(len(findings), 'finding')} "
        f"({plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info)"
    )
    fixable = sum(1 for finding in findings if is_fixable(finding))
    return f"{line}; {fixable} fixable with `cramptext fix`." if fixable else f"{line}."


def render_text(findings: list[Finding], context: OutputContext) -> str:
    texts = context.texts
    blocks = [text_block(finding, texts.get(finding.source)) for finding in findings]
    blocks.append(summary_line(findings))
    return "\n\n".join(blocks) + "\n"


MACHINE_TRANSLATED = 0.5  # a translation score from which an article is said to read machine-translated


def summary_notes(summaries) -> list[str]:
    """Lines for editors triaging a collection: articles off topic or reading machine-translated
    (the latter when there are several articles to triage), and where articles disagree."""
    notes = []
    collection = sum(1 for s in summaries if getattr(s, "type", "") == "document") > 1
    for s in summaries:
        if getattr(s, "type", "") == "document":
            said = []
            if s.topic and s.topic != "cramps":
                said.append(f"about {s.topic.replace('_', ' ')}, not cramps: no claim checks")
            if collection and s.translation_score >= MACHINE_TRANSLATED:
                said.append(f"reads machine-translated (score {s.translation_score:.2f})")
            if said:
                notes.append(f"{visible(s.source)}: " + "; ".join(said))
        elif getattr(s, "type", "") == "disagreement":
            notes.append(visible(s.describe()))
    return notes
