"""Triples across a corpus: per cause, the remedies and symptoms articles give for it,
each counted once per article."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .records import CauseSummary, LinkCount, Triple


def summarise_triples(triples: Iterable[Triple]) -> list[CauseSummary]:
    """One ``CauseSummary`` per cause concept, most-linked cause first; within a cause, the
    remedies (a remedy advised against counts apart) and symptoms most articles give first."""
    causes: dict[str, tuple[str, str | None]] = {}
    articles: dict[str, set] = defaultdict(set)
    remedies: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    symptoms: dict[str, dict[tuple, set]] = defaultdict(lambda: defaultdict(set))
    for t in triples:
        key = t.cause_id or t.cause
        causes.setdefault(key, (t.cause, t.cause_id))
        articles[key].add(t.source)
        if t.remedy is not None:
            remedies[key][(t.remedy, t.remedy_id, t.negated)].add(t.source)
        if t.symptom is not None:
            symptoms[key][(t.symptom, t.symptom_id, False)].add(t.source)

    def counts(found: dict[tuple, set]) -> tuple[LinkCount, ...]:
        rows = [LinkCount(name, concept_id, len(sources), negated)
                for (name, concept_id, negated), sources in found.items()]
        return tuple(sorted(rows, key=lambda r: (r.negated, -r.articles, r.concept)))

    summary = [CauseSummary(name, concept_id, len(articles[key]), counts(remedies[key]), counts(symptoms[key]))
               for key, (name, concept_id) in causes.items()]
    return sorted(summary, key=lambda s: (-s.articles, s.cause))
