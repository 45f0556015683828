"""``wrong-term``: a medical term that means something else here ("seizures" in an article about cramps)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .wording import keep_case, sentence_lemmas
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


class WrongTermCheck(PhrasingCheck):
    """A medical term that means something else here: 'seizures' in an article about cramps."""

    kind = "wrong-term"
    params_schema = {
        "type": "object", "additionalProperties": False, "required": ["terms", "topic", "exclude"],
        "properties": {
            "terms": {"type": "object", "additionalProperties": {"type": "string"}},
            "topic": _WORDS, "exclude": _WORDS,
            "min_topic_mentions": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.terms = p["terms"]
        self.topic = set(p["topic"])
        self.exclude = set(p["exclude"])
        self.min_topic = p.get("min_topic_mentions", 2)

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        lemmas = [t.lemma_.lower() for t in doc]
        if sum(1 for lemma in lemmas if lemma in self.topic) < self.min_topic:
            return
        for token in doc:
            target = self.terms.get(token.lemma_.lower())
            if not target or self.exclude & sentence_lemmas(doc[token.i:token.i + 1]):
                continue
            word = target + "s" if token.tag_ in ("NNS", "NNPS") else target
            yield self.finding(article, token.idx, token.idx + len(token), replacement=keep_case(token.text, word))
