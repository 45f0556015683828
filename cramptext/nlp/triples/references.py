"""Explicit references: which causes a sentence that names none answers.

"In this case ..." answers the causes just named (the open segment of its
paragraph, else the last one of its section). "The above diseases require ..."
answers every cause named before it in its paragraph (else in the nearest
paragraph before it that names causes), only the conditions among them when it
says "diseases", "conditions" and the like.
"""
from __future__ import annotations

from ...knowledge import Lexicon
from ..claims import ClaimMention
from .layout import Sentence, Unit

CONDITION_TAGS = frozenset({"condition", "serious"})


class References:
    def __init__(self, lexicon: Lexicon, is_cause):
        self.lexicon = lexicon
        self.is_cause = is_cause

    def listed(self, sentence: Sentence) -> list[ClaimMention]:
        unit = sentence.unit
        before = [m for s in unit.sentences if s.start < sentence.start for m in s.claims if self.is_cause(m)]
        if not before:
            before = self._nearest_before(unit)
        if sentence.cues.listed_conditions:
            before = [m for m in before if self._is_condition(m)]
        return before

    def _nearest_before(self, unit: Unit) -> list[ClaimMention]:
        units = unit.section.units
        for other in reversed(units[:units.index(unit)]):
            causes = [m for m in other.claims if self.is_cause(m)]
            if causes:
                return causes
        return []

    def _is_condition(self, m: ClaimMention) -> bool:
        concept = self.lexicon.concepts.get(m.concept_id) if m.concept_id else None
        return concept is not None and bool(concept.tags & CONDITION_TAGS)
