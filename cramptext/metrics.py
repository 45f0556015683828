"""Document metrics: how machine-translated an article reads, and where articles disagree.

Both are summaries over what the engine found, for editors triaging a collection;
neither is a finding.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable

from .records import Claim, Disagreement, Finding

# Phrasing findings per 100 words at which an article reads as half machine-translated.
HALF_SCORE_DENSITY = 1.0


def translation_score(text: str, findings: Iterable[Finding]) -> float:
    """0 (reads as written in English) to 1 (reads machine-translated): the density of
    distinct phrasing findings per 100 words, squashed so that one slip in a long
    article counts little and a finding in every other sentence approaches 1."""
    words = max(1, len(text.split()))
    spans = {(f.start, f.end) for f in findings if f.category == "phrasing"}
    density = 100.0 * len(spans) / words
    return round(1.0 - math.exp(-math.log(2) * density / HALF_SCORE_DENSITY), 3)


class Stances:
    """Where articles disagree, tallied as results arrive: per concept and article, how often it
    asserts and denies it (two numbers per pair, not the claims, so a large run stays small)."""

    def __init__(self) -> None:
        self._votes: dict[tuple, dict[str, list[int]]] = defaultdict(dict)

    def add(self, source: str, claims: Iterable[Claim]) -> None:
        for c in claims:
            if c.hedged or c.kind not in ("cause", "remedy"):
                continue
            votes = self._votes[(c.kind, c.concept_id or c.concept, c.concept)].setdefault(source, [0, 0])
            votes[c.negated] += 1

    def disagreements(self) -> list[Disagreement]:
        """Concepts some articles assert and others deny. Each article counts once, by its unhedged
        stance: against when it denies the concept at least as often as it asserts it (a denial is
        the article taking a side; its other mentions describe what it denies), else for."""
        found = []
        for (kind, _, concept), by_source in self._votes.items():
            asserted = sorted(s for s, (yes, no) in by_source.items() if yes > no)
            denied = sorted(s for s, (yes, no) in by_source.items() if no and no >= yes)
            if asserted and denied:
                found.append(Disagreement(concept=concept, claim_kind=kind, asserted=tuple(asserted),
                                          denied=tuple(denied)))
        return sorted(found, key=lambda d: (-(len(d.asserted) + len(d.denied)), d.concept))

