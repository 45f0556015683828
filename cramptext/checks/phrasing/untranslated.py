"""``untranslated``: a word that is not English and is shaped like a transliteration ("neponaslyshke").

Not English means wordfreq does not know it (a frequency list, not a hand list)."""
from __future__ import annotations

import re
from typing import Iterator

import wordfreq

from ...records import Finding
from .wording import keep_case
from ..base import PhrasingCheck, PhrasingInput

ENGLISH_SUFFIXES = ("s", "es", "ers", "ings", "ing", "ed", "ly", "ness")


class UntranslatedCheck(PhrasingCheck):
    """A word that is not English and is shaped like a transliteration ('neponaslyshke')."""

    kind = "untranslated"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["shape", "not_shape"],
        "properties": {
            "shape": {"type": "string"}, "not_shape": {"type": "string"},
            "max_zipf": {"type": "number"}, "min_length": {"type": "integer"},
            "glossary": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.shape = re.compile(p["shape"])
        self.not_shape = re.compile(p["not_shape"])
        self.max_zipf = p.get("max_zipf", 0.0)
        self.min_length = p.get("min_length", 4)
        self.glossary = p.get("glossary", {})

    def is_untranslated(self, word: str) -> bool:
        w = word.lower()
        return (len(w) >= self.min_length and w.isalpha() and w.isascii()
                and bool(self.shape.search(w)) and not self.not_shape.search(w)
                and wordfreq.zipf_frequency(w, "en") <= self.max_zipf
                and not self._english_by_parts(w))

    @staticmethod
    def _english_by_parts(word: str) -> bool:
        """An inflected or compounded English word wordfreq lacks: 'crampers', 'sleeplessinleeds'."""
        for suffix in ENGLISH_SUFFIXES:
            stem = word[:-len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3 and wordfreq.zipf_frequency(stem, "en") >= 2.5:
                return True
        return any(wordfreq.zipf_frequency(word[:i], "en") >= 3.0 and wordfreq.zipf_frequency(word[i:], "en") >= 3.0
                   for i in range(3, len(word) - 2))

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        for token in article.doc:
            if token.is_alpha and self.is_untranslated(token.text):
                replacement = self.glossary.get(token.lower_)
                yield self.finding(article, token.idx, token.idx + len(token),
                                   replacement=keep_case(token.text, replacement) if replacement else None)
