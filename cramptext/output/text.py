"""``--format text``: findings as a person reads them, with the source line and a caret underline."""
from __future__ import annotations

import json
import unicodedata

from ..records import SEVERITIES, Finding, Location, line_col
from .context import OutputContext
from .positions import is_fixable

TAB_SIZE = 4


def _char_width(char: str) -> int:
    # Why: carets must line up under wide (CJK) and combining characters too.
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(_char_width(char) for char in text)


def _expand_tabs(text: str) -> str:
    return text.expandtabs(TAB_SIZE)


def source_line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (without the newline or a trailing CR) of the line holding offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end == -1:
        line_end = len(text)
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    return line_start, line_end


def caret_snippet(text: str, start: int, end: int) -> list[str]:
    """The source line and a ``^^^`` underline, clipped to the span's first line."""
    start = max(0, min(start, len(text)))
    line = line_col(text, start)[0]
    line_start, line_end = source_line_bounds(text, start)
    span_end = max(start, min(end, line_end))
    shown = _expand_tabs(text[line_start:line_end])
    # Widths are measured on the tab-expanded prefix so tabs line up too.
    pad = display_width(_expand_tabs(text[line_start:start]))
    width = display_width(_expand_tabs(text[line_start:span_end])) - pad
    gutter = " " * len(str(line))
    return [f"{line} | {shown}".rstrip(), f"{gutter} | {' ' * pad}{'^' * max(1, width)}"]


def _fix_hint(finding: Finding) -> str | None:
    if finding.replacement is None:
        return None
    if finding.replacement == "":
        return "  help: delete this text"
    return f"  help: replace with {json.dumps(finding.replacement, ensure_ascii=False)}"


def _note_line(location: Location) -> str:
    where = f"{location.source}:{location.line}:{location.column}"
    return f"  note: {where}: {one_line(location.message)}" if location.message else f"  note: {where}"


def one_line(message: str) -> str:
    """Why: a stray newline in a message would break the `path:line:col:` layout."""
    return " ".join(message.splitlines())


def text_block(finding: Finding, text: str | None) -> str:
    marker = " [*]" if is_fixable(finding) else ""
    where = f"{finding.source}:{finding.line}:{finding.column}"
    lines = [f"{where}: {finding.rule} {one_line(finding.message)}{marker}"]
    if text is not None:
        lines.extend(caret_snippet(text, finding.start, finding.end))
    hint = _fix_hint(finding)
    if hint:
        lines.append(hint)
    lines.extend(_note_line(location) for location in finding.related)
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(findings: list[Finding]) -> str:
    if not findings:
        return "All checks passed."
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        if finding.severity in counts:
            counts[finding.severity] += 1
    line = (
        f"Found {_plural(len(findings), 'finding')} "
        f"({_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info)"
    )
    fixable = sum(1 for finding in findings if is_fixable(finding))
    return f"{line}; {fixable} fixable with `cramptext fix`." if fixable else f"{line}."


def render_text(findings: list[Finding], context: OutputContext) -> str:
    texts = context.texts
    blocks = [text_block(finding, texts.get(finding.source)) for finding in findings]
    blocks.append(summary_line(findings))
    return "\n\n".join(blocks) + "\n"
