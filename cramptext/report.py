"""Output formats for findings: text, json, jsonl, sarif, github.

Every renderer is a pure function from findings (plus the documents' texts
and the rules' descriptions) to a string. A non-empty result ends with a
newline, an empty one is "" (jsonl / github with no findings), so the caller
writes it as is (``sys.stdout.write`` / ``click.echo(out, nl=False)``).
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PureWindowsPath
from urllib.parse import quote

from .errors import ConfigError
from .records import SEVERITIES, Finding, Location, RuleInfo, line_col

FORMATS = ("text", "json", "jsonl", "sarif", "github")

TOOL_NAME = "cramptext"
# Placeholder until the project has a public home page; SARIF viewers link it.
INFORMATION_URI = "https://github.com/cramptext/cramptext"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"

TAB_SIZE = 4
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


# ---------------------------------------------------------------- helpers

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


# ---------------------------------------------------------------- text

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


def render_text(findings: list[Finding], texts: dict[str, str]) -> str:
    blocks = [text_block(finding, texts.get(finding.source)) for finding in findings]
    blocks.append(summary_line(findings))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- json

def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def render_jsonl(findings: list[Finding]) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)


# ---------------------------------------------------------------- sarif

def artifact_uri(source: str) -> str:
    """A SARIF URI: relative paths with forward slashes, absolute ones as file: URIs."""
    path = posix_path(source)
    if PureWindowsPath(source).drive:  # C:/docs/a.md
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def sarif_region(text: str | None, start: int, end: int, line: int, column: int) -> dict:
    start_line, start_column = start_line_col(text, start, line, column)
    end_line, end_column = end_line_col(text, start, end, start_line, start_column)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": max(0, end - start),
    }


def sarif_physical_location(source: str, region: dict) -> dict:
    return {"artifactLocation": {"uri": artifact_uri(source)}, "region": region}


def sarif_rule(rule: RuleInfo) -> dict:
    descriptor: dict = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message or rule.name},
    }
    if rule.why:
        descriptor["fullDescription"] = {"text": rule.why}
    if rule.source_url:
        descriptor["helpUri"] = rule.source_url
    descriptor["defaultConfiguration"] = {"level": SARIF_LEVELS.get(rule.severity, "warning")}
    descriptor["properties"] = {"category": rule.category, "tags": [rule.category]}
    return descriptor


def _rule_from_finding(finding: Finding) -> RuleInfo:
    # Why: a finding's rule may be missing from `rules` (e.g. suppression
    # problems); SARIF still needs a descriptor for ruleIndex to point at.
    return RuleInfo(
        code=finding.rule, name=finding.name, category=finding.category,
        severity=finding.severity, message=finding.name, why="",
    )


def sarif_rule_table(findings: list[Finding], rules: dict[str, RuleInfo]) -> list[RuleInfo]:
    table = dict(rules)
    for finding in findings:
        table.setdefault(finding.rule, _rule_from_finding(finding))
    return [table[code] for code in sorted(table)]


def sarif_fix(finding: Finding, replacement: str, region: dict) -> dict:
    description = (
        "Delete this text" if replacement == ""
        else f"Replace with {json.dumps(replacement, ensure_ascii=False)}"
    )
    fix: dict = {
        "description": {"text": description},
        "artifactChanges": [{
            "artifactLocation": {"uri": artifact_uri(finding.source)},
            "replacements": [{
                "deletedRegion": region,
                "insertedContent": {"text": replacement},
            }],
        }],
    }
    if finding.applicability:
        fix["properties"] = {"applicability": finding.applicability}
    return fix


def sarif_related(index: int, location: Location, texts: dict[str, str]) -> dict:
    text = texts.get(location.source)
    region = sarif_region(text, location.start, location.end, location.line, location.column)
    related: dict = {"id": index, "physicalLocation": sarif_physical_location(location.source, region)}
    if location.message:
        related["message"] = {"text": location.message}
    return related


def sarif_result(finding: Finding, rule_index: int, texts: dict[str, str]) -> dict:
    text = texts.get(finding.source)
    region = sarif_region(text, finding.start, finding.end, finding.line, finding.column)
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": SARIF_LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": sarif_physical_location(finding.source, region)}],
    }
    if finding.related:
        result["relatedLocations"] = [
            sarif_related(index, location, texts) for index, location in enumerate(finding.related)
        ]
    if finding.replacement is not None:
        result["fixes"] = [sarif_fix(finding, finding.replacement, region)]
    return result


def sarif_log(findings: list[Finding], texts: dict[str, str], rules: dict[str, RuleInfo],
              tool_version: str) -> dict:
    rule_table = sarif_rule_table(findings, rules)
    index_of = {rule.code: index for index, rule in enumerate(rule_table)}
    driver = {
        "name": TOOL_NAME,
        "version": tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [sarif_rule(rule) for rule in rule_table],
    }
    return {
        "$schema": SARIF_SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": driver},
            # Why: our columns and offsets count Python characters (code points),
            # not SARIF's default UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": [sarif_result(f, index_of[f.rule], texts) for f in findings],
        }],
    }


def render_sarif(findings: list[Finding], texts: dict[str, str], rules: dict[str, RuleInfo],
                 tool_version: str) -> str:
    log = sarif_log(findings, texts, rules, tool_version)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- github

def escape_github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def render_github(findings: list[Finding], texts: dict[str, str]) -> str:
    return "".join(github_command(f, texts.get(f.source)) + "\n" for f in findings)


# ---------------------------------------------------------------- entry point

def render_findings(findings: list[Finding], fmt: str, *, texts: dict[str, str],
                    rules: dict[str, RuleInfo], tool_version: str) -> str:
    """Render findings in one of FORMATS; unknown formats raise ConfigError."""
    ordered = sort_findings(findings)
    renderers: dict[str, Callable[[], str]] = {
        "text": lambda: render_text(ordered, texts),
        "json": lambda: render_json(ordered),
        "jsonl": lambda: render_jsonl(ordered),
        "sarif": lambda: render_sarif(ordered, texts, rules, tool_version),
        "github": lambda: render_github(ordered, texts),
    }
    if fmt not in renderers:
        raise ConfigError(f"unknown output format '{fmt}'; expected one of: {', '.join(FORMATS)}")
    return renderers[fmt]()
