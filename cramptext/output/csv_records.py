"""``--format csv``: one row a record, for spreadsheets."""
from __future__ import annotations

import csv
import io
from typing import Sequence

from .context import OutputContext
from .visible import visible

CLAIM_FIELDS = ("source", "line", "column", "start", "end", "kind", "concept", "concept_id", "icd10cm",
                "negated", "hedged", "text", "sentence")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: booleans as JSON writes them, control characters (but tab and
    newline) as escapes; numbers and None (an empty cell) as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return visible(value, keep="\t\n")
    return value


def render_claims_csv(claims: Sequence, context: OutputContext) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLAIM_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow({key: csv_cell(value) for key, value in c.to_dict().items()})
    return buffer.getvalue()
