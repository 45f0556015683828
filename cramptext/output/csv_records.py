"""``--format csv``: one row a record, for spreadsheets."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

from .context import OutputContext
from .visible import visible

CLAIM_FIELDS = ("source", "line", "column", "start", "end", "kind", "concept", "concept_id", "icd10cm",
                "negated", "hedged", "text", "sentence")
TRIPLE_FIELDS = ("source", "line", "column", "start", "end", "basis", "negated", "cause", "cause_id", "cause_text",
                 "symptom", "symptom_id", "symptom_text", "remedy", "remedy_id", "remedy_text")
SUMMARY_FIELDS = ("cause", "cause_id", "cause_articles", "role", "concept", "concept_id", "negated", "articles")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: booleans as JSON writes them, control characters (but tab and
    newline) as escapes; numbers and None (an empty cell) as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return visible(value, keep="\t\n")
    return value


def _csv(rows: Iterable[dict], fields: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def render_claims_csv(claims: Sequence, context: OutputContext) -> str:
    return _csv((c.to_dict() for c in claims), CLAIM_FIELDS)


def render_triples_csv(triples: Sequence, context: OutputContext) -> str:
    return _csv((t.to_dict() for t in triples), TRIPLE_FIELDS)


def render_summary_csv(summary: Sequence, context: OutputContext) -> str:
    """One row per cause and remedy or symptom given for it."""
    rows = ({"cause": s.cause, "cause_id": s.cause_id, "cause_articles": s.articles, "role": role,
             "concept": c.concept, "concept_id": c.concept_id, "negated": c.negated, "articles": c.articles}
            for s in summary for role, counts in (("remedy", s.remedies), ("symptom", s.symptoms)) for c in counts)
    return _csv(rows, SUMMARY_FIELDS)
