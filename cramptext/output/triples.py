"""Triples for people: ``--format table`` of the links, and the ``--summary`` table per cause."""
from __future__ import annotations

from typing import Sequence

from ..records import CauseSummary, Triple
from .context import OutputContext


def _end(name: str | None, text: str | None) -> str:
    if name is None:
        return "-"
    text = " ".join((text or "").split())
    return name if text.lower() == name else f"{name} ({text})"


def render_triples_table(triples: Sequence[Triple], context: OutputContext) -> str:
    if not triples:
        return "No links found.\n"
    rows = [("LOCATION", "BASIS", "CAUSE", "SYMPTOM", "REMEDY")]
    for t in triples:
        remedy = _end(t.remedy, t.remedy_text)
        rows.append((f"{t.source}:{t.line}:{t.column}", t.basis, _end(t.cause, t.cause_text),
                     _end(t.symptom, t.symptom_text), f"not: {remedy}" if t.negated else remedy))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    docs = len({t.source for t in triples})
    causes = len({t.cause_id or t.cause for t in triples})
    lines.append("")
    lines.append(f"{len(triples)} link{'s' if len(triples) != 1 else ''} for {causes} cause{'s' if causes != 1 else ''} "
                 f"in {docs} document{'s' if docs != 1 else ''}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_summary_table(summary: Sequence[CauseSummary], context: OutputContext) -> str:
    """Per cause (with the number of articles linking anything to it), the remedies given for it and
    the symptoms tied to it, each with the number of articles that give it."""
    if not summary:
        return "No links found.\n"
    rows: list[tuple[str, int]] = []
    for s in summary:
        rows.append(("", -1))
        rows.append((s.cause, s.articles))
        for role, counts in (("remedy", s.remedies), ("symptom", s.symptoms)):
            rows.extend((f"  {role:8} {'not: ' if c.negated else ''}{c.concept}", c.articles) for c in counts)
    width = max(len(name) for name, _ in rows + [("CAUSE, AND WHAT ARTICLES GIVE FOR IT", 0)])
    lines = [f"{'CAUSE, AND WHAT ARTICLES GIVE FOR IT':{width}}  ARTICLES"]
    lines += [f"{name:{width}}  {n}" if n >= 0 else "" for name, n in rows]
    lines.append("")
    lines.append(f"{len(summary)} cause{'s' if len(summary) != 1 else ''} with links; "
                 "each remedy and symptom counted once per article")
    return "\n".join(line.rstrip() for line in lines) + "\n"
