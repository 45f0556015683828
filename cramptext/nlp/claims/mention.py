"""A claim found in a Doc, before it becomes a record with positions in the original text."""
from __future__ import annotations

from typing import NamedTuple


class ClaimMention(NamedTuple):
    """Offsets are into ``doc.text``."""

    kind: str
    concept: str
    concept_id: str | None
    start: int
    end: int
    sent_start: int
    sent_end: int
    negated: bool
    hedged: bool


def lemma_set(words) -> frozenset:
    """One-word cue entries (multi-word ones are matched elsewhere, as phrases)."""
    return frozenset(w for w in words if " " not in w)
