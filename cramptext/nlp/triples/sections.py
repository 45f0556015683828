"""Remedies a section gives for causes named in another part of the article.

A remedy section that answers a cause section, when the article frames it so
("To prevent cramps, eliminate the provoking factors: ...", "Remove the
triggers:"): after the frame, each remedy is linked to the causes of the cause
section it answers, item by item when both are lists of the same length (the
n-th remedy item answers the n-th cause item: basis ``section``), else through
the curated "remedy targets cause" facts (basis ``lexicon``). The cause section
is the frame's own section when causes come before the frame in it, else the
nearest section before it that names at least two causes.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...knowledge import LinkRules
from ..claims import ClaimMention
from .ends import Roles
from .layout import Layout, Section, Unit
from .mention import Link

MAX_SECTIONS_BACK = 3


class SectionLinker:
    def __init__(self, roles: Roles, rules: LinkRules):
        self.roles = roles
        self.rules = rules

    # -- framed remedy sections ---------------------------------------------
    def links(self, doc: Doc, layout: Layout, frame_spans) -> list[Link]:
        found: list[Link] = []
        frames = [s.start_char for s in frame_spans if s.label_ in self.rules.answer_frames]
        frames += [s.start for s in layout.sentences if s.cues.frame]
        done = set()
        for position in sorted(frames):
            section = self._section_at(layout, position)
            if section.index in done:
                continue
            done.add(section.index)
            found.extend(self._answer(doc, layout, section, position))
        return found

    @staticmethod
    def _section_at(layout: Layout, position: int) -> Section:
        current = layout.sections[0]
        for section in layout.sections:
            if (section.heading.start if section.heading else 0) <= position:
                current = section
        return current

    def _causes(self, units: list[Unit]) -> list[ClaimMention]:
        return [m for u in units for m in u.claims if self.roles.is_cause(m)]

    def _remedies(self, doc: Doc, unit: Unit, after: int = -1):
        """The remedies of a unit's sentences that start after ``after`` and are not about cramps in general."""
        for sentence in unit.sentences:
            if sentence.start < after or sentence.cues.general:
                continue
            for m in sentence.claims:
                if self.roles.role(m, doc, sentence.claims) == "remedy":
                    yield m

    def _answer(self, doc: Doc, layout: Layout, section: Section, position: int) -> list[Link]:
        before = [u for u in section.units if u.start < position and not _holds(u, position)]
        answer = [u for u in section.units if u not in before]
        cause_units = before if self._causes(before) else None
        if cause_units is None:
            for other in reversed(layout.sections[max(0, section.index - MAX_SECTIONS_BACK):section.index]):
                if len({m.concept_id for m in self._causes(other.units)}) >= 2:
                    cause_units = other.units
                    break
        if not cause_units:
            return []
        found = self._item_by_item(doc, cause_units, answer, position)
        if found:
            return found
        first: dict[str, ClaimMention] = {}
        for c in self._causes(cause_units):
            first.setdefault(c.concept_id, c)
        for unit in answer:
            for m in self._remedies(doc, unit, position):
                found.extend(Link(c, m, "remedy", "lexicon") for cid, c in first.items()
                             if self.rules.aims_at(m.concept_id, cid))
        return found

    def _item_by_item(self, doc: Doc, cause_units: list[Unit], answer: list[Unit], position: int) -> list[Link]:
        cause_items = [u for u in cause_units if u.role == "item"]
        remedy_items = [u for u in answer if u.role == "item" and u.start > position]
        if len(cause_items) < 2 or len(cause_items) != len(remedy_items):
            return []
        found = []
        for cause_item, remedy_item in zip(cause_items, remedy_items):
            causes = [m for m in cause_item.claims if self.roles.is_cause(m)]
            found.extend(Link(c, m, "remedy", "section") for m in self._remedies(doc, remedy_item) for c in causes)
        return found


def _holds(unit: Unit, position: int) -> bool:
    return unit.start <= position <= unit.blocks[-1].end
