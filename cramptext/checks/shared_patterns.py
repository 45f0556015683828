"""The token patterns of every phrasing rule in one matcher, run once per document.

Each ``pattern`` and ``calque-table`` check adds its patterns under keys of its
own rule when it is built; the first check that asks for a document's matches
runs the matcher, and the others read them from the ``PhrasingInput``.
"""
from __future__ import annotations

from spacy.vocab import Vocab

from ..nlp.matching import IndexedMatcher


class SharedPatterns:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.matcher = IndexedMatcher(vocab)

    def add(self, key: str, patterns: list[list[dict]]) -> int:
        """Add ``patterns`` under ``key`` (spaCy's errors for a bad one); the key's match id."""
        self.matcher.add(key, patterns)
        return self.vocab.strings[key]

    def matches(self, article) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of every rule's patterns in ``article.doc``, computed once per article."""
        found = article.cache.get(self)
        if found is None:
            found = article.cache[self] = self.matcher(article.doc)
        return found
