"""A link found in a Doc, before it becomes a ``Triple`` record with positions in the original text."""
from __future__ import annotations

from typing import NamedTuple

from ..claims import ClaimMention

# How a link was made (CONTRACT.md), strongest first: a sentence that states it (also
# "If the cause is X, ..."), the sentences after a cause in its paragraph or list item or
# an explicit reference back to it ("in this case", "the above diseases"), a remedy section
# answering a cause section item by item, a curated "remedy targets cause" fact joining a
# remedy to a cause the text names.
BASES = ("sentence", "paragraph", "section", "lexicon")


class Link(NamedTuple):
    """One cause tied to one remedy or symptom (``role``)."""

    cause: ClaimMention
    other: ClaimMention
    role: str  # "remedy" or "symptom"
    basis: str


class TripleMention(NamedTuple):
    """A cause with the remedy and/or symptom an article gives for it; offsets are into ``doc.text``.

    ``cause``, ``symptom`` and ``remedy`` are the claims (``doc._.claims``) the link joins.
    """

    cause: ClaimMention
    symptom: ClaimMention | None
    remedy: ClaimMention | None
    basis: str
    negated: bool  # the article advises against the remedy for this cause

    @property
    def claims(self) -> tuple[ClaimMention, ...]:
        return tuple(m for m in (self.cause, self.symptom, self.remedy) if m is not None)

    @property
    def start(self) -> int:
        return min(m.start for m in self.claims)

    @property
    def end(self) -> int:
        return max(m.end for m in self.claims)
