"""What a document, a section and a sentence are about: which condition.

cramptext's claims are about cramps. Conditions are data (the lexicon's
``conditions:``, each with a topic); the concept matcher marks them in
``doc.spans["cramptext_conditions"]``. A document's topic comes from its
mentions, those in the title and headings counting more; a section's from
its heading when the heading names a condition; a sentence that names another
condition and not cramps is about that condition ("dehydration causes
headaches" in a cramp article is no cramp claim).
"""
from __future__ import annotations

import bisect
from collections import Counter

from spacy.tokens import Span

from ..records import CRAMPS, DocumentTopic  # noqa: F401  (records: results carry them without spaCy)
from .doc_cache import text
from .structure import Structure

HEADING_WEIGHT = 3.0  # a condition named in the title or a heading says more than one in the text
UNKNOWN = "unknown"  # an article that names no condition at all
SNIPPET_WORDS = 100  # a shorter text that names none is too short to tell: it is taken as about cramps


class TopicMap:
    def __init__(self, structure: Structure, conditions: list[Span], topic_of: dict[str, str], words: int):
        mentions = sorted((span.start_char, topic_of[span.label_]) for span in conditions if span.label_ in topic_of)
        # An example in brackets ("infections (influenza)") does not change what a sentence is about.
        self._asides = {span.start_char for span in conditions if in_brackets(span)}
        weights: Counter = Counter()
        heading_topics: list[tuple[int, str | None]] = []
        starts = [start for start, _ in mentions]
        for block in structure.blocks:  # each block's mentions by bisection: no scan of all mentions per line
            named = [t for _, t in mentions[bisect.bisect_left(starts, block.start):
                                            bisect.bisect_right(starts, block.end)]]
            if block.role == "heading":
                heading_topics.append((block.start, CRAMPS if CRAMPS in named else (named[0] if named else None)))
            for t in named:
                weights[t] += HEADING_WEIGHT if block.role == "heading" else 1.0
        total = sum(weights.values()) or 1.0
        others = {t: w for t, w in weights.items() if t != CRAMPS}
        best_other = max(others.items(), key=lambda kv: kv[1], default=(None, 0.0))
        if weights[CRAMPS] and weights[CRAMPS] >= best_other[1]:
            about = CRAMPS
        elif best_other[0] is None:
            about = CRAMPS if words < SNIPPET_WORDS else UNKNOWN
        else:  # a cramp article names cramps, and more than any other condition
            about = best_other[0]
        self.document = DocumentTopic(about, {t: round(w / total, 3) for t, w in weights.most_common()})
        self._mentions = mentions
        self._starts = starts
        self._headings = heading_topics
        self._heading_starts = [start for start, _ in heading_topics]

    def section_topic(self, offset: int) -> str:
        """The topic of the section holding ``offset``: its heading's, when the heading names one."""
        i = bisect.bisect_right(self._heading_starts, offset) - 1
        named = self._headings[i][1] if i >= 0 else None
        return named or self.document.topic

    def sentence_topic(self, sent: Span) -> str:
        lo = bisect.bisect_left(self._starts, sent.start_char)
        hi = bisect.bisect_left(self._starts, sent.end_char)
        named = {t for start, t in self._mentions[lo:hi] if start not in self._asides}
        if CRAMPS in named:
            return CRAMPS
        if named:
            return sorted(named)[0]
        return self.section_topic(sent.start_char)


def in_brackets(span: Span) -> bool:
    """Whether ``span`` stands inside round brackets within its sentence."""
    before = text(span.doc)[span.sent.start_char:span.start_char]
    return before.count("(") > before.count(")")
