"""``dismissed-sign``: advice to dismiss a warning sign ("ignore the swelling", CT204)."""
from __future__ import annotations

import re
from typing import Iterator

from ...records import Finding
from .selection import REGEXES, ConceptSelector, compile_patterns, selector_schema

NOT_BEFORE = re.compile(r"\b(?:not|n't|never)\s*$", re.IGNORECASE)
from ..base import ArticleCheck, ArticleInput


class DismissedSignCheck(ArticleCheck):
    """A claim about a warning sign whose words just before it tell the reader to dismiss it."""

    kind = "dismissed-sign"
    params_schema = selector_schema({"dismissals": {**REGEXES, "minItems": 1}}, required=("dismissals",))

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.select = ConceptSelector(rule, context.lexicon, rule.params)
        # Each dismissal must end right before the claim's words ("ignore the ", "no need to worry about ").
        self.dismissals = [p.pattern for p in compile_patterns(rule, rule.params["dismissals"])]
        self.before = compile_patterns(rule, [rf"(?:{p})\W*$" for p in self.dismissals])

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        for claim in article.claims:
            if claim not in self.select or claim.negated:
                continue
            line_start = article.text.rfind("\n", 0, claim.start) + 1
            window = article.text[max(line_start, claim.start - 60):claim.start]
            found = [m for regex in self.before if (m := regex.search(window))]
            # "do not ignore the swelling" is the opposite advice
            if found and not any(NOT_BEFORE.search(window[:m.start()]) for m in found):
                yield self.finding(article, claim.start, claim.end, concept=claim.concept)
