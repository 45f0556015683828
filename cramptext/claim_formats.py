"""Output formats for claim records (extract). Pure functions returning text."""
from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from .records import Claim

CLAIM_FORMATS = ("table", "jsonl", "json", "csv")
CSV_FIELDS = ("source", "line", "column", "start", "end", "kind", "concept", "concept_id", "icd10cm",
              "negated", "hedged", "text", "sentence")


def _flags(claim: Claim) -> str:
    return ",".join(name for name, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on) or "-"


def render_table(claims: Sequence[Claim]) -> str:
    if not claims:
        return "No claims found.\n"
    rows = [("LOCATION", "KIND", "CONCEPT", "FLAGS", "TEXT")]
    rows += [(f"{c.source}:{c.line}:{c.column}", c.kind, c.concept, _flags(c), c.text.replace("\n", " "))
             for c in claims]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    kinds = {k: sum(1 for c in claims if c.kind == k) for k in ("cause", "symptom", "remedy", "red_flag")}
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
    docs = len({c.source for c in claims})
    lines.append("")
    lines.append(f"{len(claims)} claims in {docs} document{'s' if docs != 1 else ''} ({summary})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_claims(claims: Sequence[Claim], fmt: str) -> str:
    if fmt == "table":
        return render_table(claims)
    if fmt == "jsonl":
        return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)
    if fmt == "json":
        return json.dumps([c.to_dict() for c in claims], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for c in claims:
            writer.writerow(c.to_dict())
        return buffer.getvalue()
    raise ValueError(f"unknown claim format {fmt!r}")
