"""Rule catalogue text for `cramptext rules` (pure functions)."""
from __future__ import annotations

from typing import Sequence

from ..checks.rule import Rule


def render_rule_table(rules: Sequence[Rule]) -> str:
    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "FIX")]
    rows += [(r.code, r.name, r.category, r.severity, r.applicability or "-") for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n" for row in rows)


def render_rule(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name}", "",
             f"Category: {rule.category}    Severity: {rule.severity}    Fix: {rule.applicability or 'none'}",
             "", "Why this is bad:", f"  {rule.why}", ""]
    if rule.source_title:
        lines += ["Source:", f"  {rule.source_title}" + (f" <{rule.source_url}>" if rule.source_url else ""), ""]
    bad = rule.examples.get("bad", [])
    good = rule.examples.get("good", [])
    if bad:
        lines.append("Example:")
        for ex in bad:
            lines.append(f"  {ex['text']}")
            if ex.get("fix"):
                lines.append(f"  -> {ex['fix']}")
        lines.append("")
    if good:
        lines.append("Use instead / fine as is:")
        lines += [f"  {g}" for g in good]
        lines.append("")
    return "\n".join(lines)
