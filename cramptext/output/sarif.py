"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (validated against the official schema in the tests)."""
from __future__ import annotations

import json
from pathlib import PureWindowsPath
from urllib.parse import quote

from ..records import Finding, Location, RuleInfo
from .context import OutputContext
from .positions import end_line_col, posix_path, start_line_col

TOOL_NAME = "cramptext"
# Placeholder until the project has a public home page; SARIF viewers link it.
INFORMATION_URI = "https://github.com/cramptext/cramptext"
SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


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


def render_sarif(findings: list[Finding], context: OutputContext) -> str:
    log = sarif_log(findings, context.texts, context.rules, context.tool_version)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
