"""Linting as a library: rules chosen by configuration, findings filtered and suppressed.

No printing and no click: the CLI renders what this returns.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .analysis import Analysis, Analyzer
from .config import Config, config_for, find_config, load_config, validate_codes
from .documents import STDIN, Document
from .records import Finding
from .rules import Rule, load_rules
from .suppress import parse_suppressions

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@lru_cache(maxsize=64)
def _config_at(path: Path | None) -> Config:
    return load_config(path) if path else Config()


def config_for_source(source: str) -> Config:
    """The configuration found upwards from a document (stdin: from the current folder)."""
    start = Path.cwd() if source == STDIN else Path(source).resolve().parent
    return _config_at(find_config(start))


@dataclass
class LintResult:
    analyses: list[Analysis]
    findings: list[Finding]
    rules: list[Rule]
    problems: list[str]  # unknown codes or malformed suppression comments: "path:line:col: message"

    def worst(self) -> str | None:
        levels = [f.severity for f in self.findings]
        return max(levels, key=SEVERITY_RANK.__getitem__) if levels else None

    def fails(self, fail_on: str) -> bool:
        return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in self.findings)


def rules_for(config: Config, extra_dirs: Sequence[Path] = ()) -> list[Rule]:
    rules = load_rules([*config.rule_dirs, *extra_dirs])
    validate_codes(config, {r.code for r in rules})
    return rules


def _apply_config(findings: Iterable[Finding], config: Config, source: str) -> list[Finding]:
    kept = []
    for f in findings:
        if not config.is_enabled(f.rule, None if source == STDIN else source):
            continue
        severity = config.severity_for(f.rule, f.severity)
        kept.append(f if severity == f.severity else replace(f, severity=severity))
    return kept


def lint(documents: Sequence[Document], nlp, base: Config, *, extra_rule_dirs: Sequence[Path] = (),
         overrides: dict | None = None) -> LintResult:
    """Findings for ``documents``; ``base`` gives the rules and model, each document's own
    configuration (found upwards from it) its selection and severities."""
    overrides = overrides or {}
    rules = rules_for(base, extra_rule_dirs)
    known = {r.code for r in rules}
    analyzer = Analyzer(nlp, rules, max_grade=base.max_grade)
    analyses = list(analyzer.run(documents))
    findings: list[Finding] = []
    problems: list[str] = []
    for analysis in analyses:
        doc = analysis.document
        config = config_for_source(doc.source).merge(**overrides)
        validate_codes(config, known)
        suppressions = parse_suppressions(doc.text)
        for start, _end, message in suppressions.problems(known):
            line = doc.text.count("\n", 0, start) + 1
            column = start - (doc.text.rfind("\n", 0, start) + 1) + 1
            problems.append(f"{doc.source}:{line}:{column}: {message}")
        kept = [f for f in _apply_config(analysis.findings, config, doc.source)
                if not suppressions.is_suppressed(f.rule, f.start)]
        analysis.findings = kept
        findings.extend(kept)
    return LintResult(analyses, findings, rules, problems)


def base_config(paths: Sequence[str], overrides: dict) -> Config:
    """The configuration that picks rules and model for a run: the first path's."""
    first = next((p for p in paths if p != STDIN), None)
    start = Path(first).resolve() if first else Path.cwd()
    start = start if start.is_dir() else start.parent
    return config_for(start).merge(**overrides)
