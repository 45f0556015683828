"""The layout linking works on: sections (under headings), units (a list item, or
the lines of one paragraph) and sentences, each sentence with its claims and cues.

Every line of an article starts a sentence (``cramptext_line_breaks``); a line
that ends without sentence punctuation runs on into the next line of its
paragraph, so hard-wrapped prose stays one unit.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .. import doc_cache
from ..claims import ClaimMention
from ..structure import Block, SectionClassifier
from .cues import CueFinder, SentenceCues

RE_LINE_END = re.compile(r"[.!?:;…)\"'”’]\s*$")


@dataclass(eq=False)
class Sentence:
    span: Span
    cues: SentenceCues
    claims: list[ClaimMention] = field(default_factory=list)
    unit: "Unit | None" = None  # None for a heading

    @property
    def start(self) -> int:
        return self.span.start_char


@dataclass(eq=False)
class Unit:
    """A list item, or the lines of one paragraph."""

    role: str  # "item" or "text"
    section: "Section"
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def claims(self) -> list[ClaimMention]:
        return [m for s in self.sentences for m in s.claims]


@dataclass(eq=False)
class Section:
    """The text under one heading (or before the first one)."""

    index: int
    heading: Block | None
    units: list[Unit] = field(default_factory=list)
    headings: list[Sentence] = field(default_factory=list)  # the heading's sentences


class Layout:
    def __init__(self, doc: Doc, claims: list[ClaimMention], classifier: SectionClassifier, cues: CueFinder):
        structure = doc_cache.structure(doc, classifier)  # the claim extractor's, when it ran on this Doc
        text = doc_cache.text(doc)
        self.sections: list[Section] = [Section(0, None)]
        self.units: list[Unit] = []
        unit_of_block: dict[int, Unit] = {}
        section_of_heading: dict[int, Section] = {}  # by the heading block's id: no search per heading
        previous: Block | None = None
        for block in structure.blocks:
            section = self.sections[-1]
            if block.role == "heading":
                self.sections.append(Section(len(self.sections), block))
                section_of_heading[id(block)] = self.sections[-1]
                previous = None
                continue
            unit = self.units[-1] if self.units else None
            if not (unit is not None and previous is not None and unit.section is section
                    and self._runs_on(text, previous, block, unit.role)):
                unit = Unit(block.role, section)
                self.units.append(unit)
                section.units.append(unit)
            unit.blocks.append(block)
            unit_of_block[block.start] = unit
            previous = block
        self.sentences: list[Sentence] = []
        for span in doc_cache.sentences(doc):
            if not span.text.strip():
                continue
            block = structure.block_at(span.start_char)
            sentence = Sentence(span, cues.find(span))
            if block is not None and block.role == "heading":
                section_of_heading.get(id(block), self.sections[0]).headings.append(sentence)
            elif block is not None and block.start in unit_of_block:
                sentence.unit = unit_of_block[block.start]
                sentence.unit.sentences.append(sentence)
            self.sentences.append(sentence)
        starts = [s.start for s in self.sentences]
        for m in claims:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0:
                self.sentences[i].claims.append(m)

    @staticmethod
    def _runs_on(text: str, previous: Block, block: Block, unit_role: str) -> bool:
        """Does ``block`` continue the unit ``previous`` belongs to (same paragraph, no sentence end)?"""
        if text[previous.end:block.start].count("\n") != 1:
            return False  # a blank line between them
        if block.role == "item":
            return False
        if unit_role == "item":
            # an item's indented continuation line
            return text[block.start:block.start + 1] in (" ", "\t") or not RE_LINE_END.search(
                text[previous.start:previous.end])
        return not RE_LINE_END.search(text[previous.start:previous.end])
