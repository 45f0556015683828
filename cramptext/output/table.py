"""``--format table``: claims as an aligned table with a summary line."""
from __future__ import annotations

import re
from typing import Sequence

from ..records import KINDS, Claim
from .context import OutputContext
from .visible import visible


def _flags(claim: Claim) -> str:
    return ",".join(name for name, on in (("negated", claim.negated), ("hedged", claim.hedged)) if on) or "-"


def render_table(claims: Sequence[Claim], context: OutputContext) -> str:
    if not claims:
        return "No claims found.\n"
    rows = [("LOCATION", "KIND", "CONCEPT", "FLAGS", "TEXT")]
    # Control characters as escapes, so a claim cannot drive the terminal; a line break in a claim as a space.
    rows += [(visible(f"{c.source}:{c.line}:{c.column}"), visible(c.kind), visible(c.concept), _flags(c),
              visible(re.sub(r"\r?\n", " ", c.text), keep="\t"))
             for c in claims]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    kinds = {k: sum(1 for c in claims if c.kind == k) for k in KINDS}
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items())
    docs = len({c.source for c in claims})
    lines.append("")
    lines.append(f"{len(claims)} claims in {docs} document{'s' if docs != 1 else ''} ({summary})")
    return "\n".join(line.rstrip() for line in lines) + "\n"
