"""Advice that keeps readers from care: dismissing a warning sign (CT204), quack marketing (CT205)."""
from __future__ import annotations

import re
from typing import Iterator

from ..records import Finding
from .base import Article, Check
from .claims import ConceptSelector, _compile, _selector_schema, lexicon_of

_REGEXES = {"type": "array", "items": {"type": "string", "minLength": 1}}
NOT_BEFORE = re.compile(r"\b(?:not|n't|never)\s*$", re.IGNORECASE)


class DismissedSignCheck(Check):
    """A claim about a warning sign whose words just before it tell the reader to dismiss it."""

    kind = "dismissed-sign"
    params_schema = _selector_schema({"dismissals": {**_REGEXES, "minItems": 1}}, required=("dismissals",))
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.select = ConceptSelector(rule, lexicon_of(nlp), rule.params)
        # Each dismissal must end right before the claim's words ("ignore the ", "no need to worry about ").
        self.dismissals = [p.pattern for p in _compile(rule, rule.params["dismissals"])]
        self.before = _compile(rule, [rf"(?:{p})\W*$" for p in self.dismissals])

    def run(self, article: Article) -> Iterator[Finding]:
        for claim in article.claims:
            if claim not in self.select or claim.negated:
                continue
            line_start = article.text.rfind("\n", 0, claim.start) + 1
            window = article.text[max(line_start, claim.start - 60):claim.start]
            found = [m for regex in self.before if (m := regex.search(window))]
            # "do not ignore the swelling" is the opposite advice
            if found and not any(NOT_BEFORE.search(window[:m.start()]) for m in found):
                yield self.finding(article, claim.start, claim.end, concept=claim.concept)


class MarketingClaimCheck(Check):
    """Quack-marketing language about a remedy ("zero side effects", "you don't need pills")
    in an article that gives remedies."""

    kind = "marketing-claim"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["phrases"],
                     "properties": {"phrases": {**_REGEXES, "minItems": 1}}}
    stage = "article"

    def __init__(self, rule, nlp):
        super().__init__(rule, nlp)
        self.phrases = _compile(rule, rule.params["phrases"])

    def run(self, article: Article) -> Iterator[Finding]:
        if not any(c.kind == "remedy" for c in article.claims):
            return
        for regex in self.phrases:
            for m in regex.finditer(article.text):
                yield self.finding(article, m.start(), m.end())


SIGN_CHECKS = (DismissedSignCheck, MarketingClaimCheck)
