"""``domain-word``: a word from another domain standing for a body part ("caviar" for the calf)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .wording import keep_case
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


class DomainWordCheck(PhrasingCheck):
    """A word from another domain standing for a body part: 'caviar' for the calf."""

    kind = "domain-word"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["words", "context"],
        "properties": {
            "words": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["singular", "plural"],
                "properties": {"singular": {"type": "string"}, "plural": {"type": "string"},
                               # a mass noun ("caviar") stands for the plural ("the calves")
                               "mass": {"type": "boolean"}}}},
            "context": _WORDS,
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.words = rule.params["words"]
        self.context_words = set(rule.params["context"])

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for token in doc:
            entry = self.words.get(token.lower_) or self.words.get(token.lemma_.lower())
            if not entry:
                continue
            window = doc[max(0, token.i - 12):token.i + 12]
            if not any(t.lemma_.lower() in self.context_words for t in window if t.i != token.i):
                continue
            mass = bool(entry.get("mass"))
            word = entry["plural"] if mass or token.tag_ in ("NNS", "NNPS") else entry["singular"]
            # "the caviar becomes" -> "the calves becomes": a fix that changes the number of a
            # verb's subject breaks agreement, so the writer must apply it (unsafe).
            agreement = mass and token.dep_ in ("nsubj", "nsubjpass") and token.head.tag_ in ("VBZ", "VBD", "VBP")
            yield self.finding(article, token.idx, token.idx + len(token), replacement=keep_case(token.text, word),
                               applicability="unsafe" if agreement else None)
