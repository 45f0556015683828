"""Findings kept for a document: its configuration's selection and severities,
then its inline suppression comments."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..io.documents import STDIN
from ..records import Finding
from .settings import Config
from .suppress import Suppressions


def filter_findings(findings: Iterable[Finding], config: Config, source: str,
                    suppressions: Suppressions) -> list[Finding]:
    kept = []
    for f in findings:
        if not config.is_enabled(f.rule, None if source == STDIN else source):
            continue
        if suppressions.is_suppressed(f.rule, f.start):
            continue
        severity = config.severity_for(f.rule, f.severity)
        kept.append(f if severity == f.severity else replace(f, severity=severity))
    return kept
