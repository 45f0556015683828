"""Output: one registry of formats for each kind of record, each format in its own module.

Every renderer is a pure function ``(records, OutputContext) -> str``; a
non-empty result ends with a newline, so the caller writes it as it is.
"""
from __future__ import annotations

from typing import Callable, Sequence

from ..errors import ConfigError
from .context import OutputContext
from .csv_records import render_claims_csv, render_summary_csv, render_triples_csv
from .github import render_github
from .html import render_html_report
from .json_records import render_json, render_jsonl
from .positions import sort_findings
from .sarif import render_sarif
from .table import render_table
from .text import render_text
from .triples import render_summary_table, render_triples_table

Renderer = Callable[[Sequence, OutputContext], str]

FORMATS: dict[str, dict[str, Renderer]] = {
    "claims": {"table": render_table, "jsonl": render_jsonl, "json": render_json, "csv": render_claims_csv},
    "findings": {"text": render_text, "json": render_json, "jsonl": render_jsonl, "sarif": render_sarif,
                 "github": render_github},
    "triples": {"table": render_triples_table, "jsonl": render_jsonl, "json": render_json, "csv": render_triples_csv},
    "triple_summary": {"table": render_summary_table, "jsonl": render_jsonl, "json": render_json,
                       "csv": render_summary_csv},
    # Engine results (DocumentResult: document, claims, findings, triples), for the editors' report.
    "results": {"html": render_html_report},
}
# Records each kind's formats expect in a stable order.
ORDER = {"findings": sort_findings}


def formats(kind: str) -> tuple[str, ...]:
    return tuple(FORMATS[kind])


def render(kind: str, fmt: str, records: Sequence, context: OutputContext | None = None) -> str:
    """``records`` of ``kind`` ("claims", "findings", "triples", "triple_summary", "results") in format
    ``fmt``; unknown formats raise ConfigError."""
    renderers = FORMATS[kind]
    if fmt not in renderers:
        raise ConfigError(f"unknown output format '{fmt}'; expected one of: {', '.join(renderers)}")
    records = ORDER[kind](records) if kind in ORDER else list(records)
    return renderers[fmt](records, context or OutputContext())


__all__ = ["FORMATS", "OutputContext", "formats", "render"]
