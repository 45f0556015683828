"""``--format github``: GitHub Actions workflow commands (annotations on pull requests)."""
from __future__ import annotations

from ..records import Finding, line_col
from .context import OutputContext
from .positions import posix_path, start_line_col
from .visible import visible

GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_github_data(value: str) -> str:
    # Line breaks are encoded the way GitHub decodes them; other control characters are shown as escapes.
    return visible(value, keep="\t\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(value: str) -> str:
    return escape_github_data(value).replace(":", "%3A").replace(",", "%2C")


def last_char_line_col(text: str | None, finding: Finding) -> tuple[int, int]:
    """Line and column of the span's last character (GitHub's ends are inclusive)."""
    last = max(finding.start, finding.end - 1)
    if text is None:
        return finding.line, finding.column + (last - finding.start)
    return line_col(text, last)


def github_command(finding: Finding, text: str | None) -> str:
    start_line, start_column = start_line_col(text, finding.start, finding.line, finding.column)
    end_line, end_column = last_char_line_col(text, finding)
    properties = [("file", posix_path(finding.source)), ("line", str(start_line))]
    if end_line == start_line:
        # GitHub allows columns only on a one-line span.
        properties += [("col", str(start_column)), ("endLine", str(end_line)),
                       ("endColumn", str(end_column))]
    else:
        properties.append(("endLine", str(end_line)))
    properties.append(("title", f"{finding.rule} {finding.name}"))
    rendered = ",".join(f"{key}={escape_github_property(value)}" for key, value in properties)
    level = GITHUB_LEVELS.get(finding.severity, "warning")
    return f"::{level} {rendered}::{escape_github_data(finding.message)}"


def render_github(findings: list[Finding], context: OutputContext) -> str:
    return "".join(github_command(f, context.texts.get(f.source)) + "\n" for f in findings)
