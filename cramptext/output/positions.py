"""What several output formats need: finding order, fixability, paths, line and column of span ends."""
from __future__ import annotations

from collections.abc import Iterable

from ..records import Finding, line_col


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable output order: by document, then position, then rule."""
    return sorted(findings, key=lambda f: (f.source, f.start, f.end, f.rule, f.message))


def is_fixable(finding: Finding) -> bool:
    """Whether `cramptext fix` applies it (without --unsafe-fixes): a safe replacement."""
    return finding.replacement is not None and finding.applicability == "safe"


def posix_path(source: str) -> str:
    """The source path with forward slashes and no leading './'."""
    path = source.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def end_line_col(text: str | None, start: int, end: int, line: int, column: int) -> tuple[int, int]:
    """Line and column just after the span (SARIF's exclusive end).

    Without the document's text, assume the span stays on its line.
    """
    if text is None:
        return line, column + (end - start)
    return line_col(text, end)


def start_line_col(text: str | None, start: int, line: int, column: int) -> tuple[int, int]:
    """Line and column of the span's start, from the text when we have it."""
    if text is None:
        return line, column
    return line_col(text, start)
