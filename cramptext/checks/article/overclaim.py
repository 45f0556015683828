"""``overclaim``: a weakly supported remedy stated, unhedged, with a strong efficacy phrase (CT203)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .selection import REGEXES, ConceptSelector, SentenceOnce, compile_patterns, in_order, selector_schema
from ..base import ArticleCheck, ArticleInput


class OverclaimCheck(ArticleCheck):
    """A remedy with weak evidence stated, without hedging, with a strong efficacy phrase (CT203)."""

    kind = "overclaim"
    params_schema = selector_schema({"phrases": {**REGEXES, "minItems": 1}}, required=("phrases",))

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.select = ConceptSelector(rule, context.lexicon, rule.params)
        self.phrases = compile_patterns(rule, rule.params["phrases"])

    def strong_phrase(self, sentence: str) -> str | None:
        found = [m for r in self.phrases for m in [r.search(sentence)] if m]
        if not found:
            return None
        return " ".join(min(found, key=lambda m: m.start()).group(0).split())

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        once = SentenceOnce()
        for claim in in_order(article.claims):
            if claim.kind != "remedy" or claim.negated or claim.hedged or claim not in self.select:
                continue
            phrase = self.strong_phrase(claim.sentence)
            if phrase and once.first(claim):
                yield self.finding(article, claim.start, claim.end, concept=claim.concept, phrase=phrase)
