"""``--format csv``: one row a record, for spreadsheets."""
from __future__ import annotations

import csv
import io
from typing import Sequence

from .context import OutputContext

CLAIM_FIELDS = ("source", "line", "column", "start", "end", "kind", "concept", "concept_id", "icd10cm",
                "negated", "hedged", "text", "sentence")


def render_claims_csv(claims: Sequence, context: OutputContext) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLAIM_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow(c.to_dict())
    return buffer.getvalue()
