"""``marketing-claim``: quack-marketing language about remedies ("zero side effects", CT205)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .selection import REGEXES, compile_patterns
from ..base import ArticleCheck, ArticleInput


class MarketingClaimCheck(ArticleCheck):
    """Quack-marketing language about a remedy ("zero side effects", "you don't need pills")
    in an article that gives remedies."""

    kind = "marketing-claim"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["phrases"],
                     "properties": {"phrases": {**REGEXES, "minItems": 1}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = compile_patterns(rule, rule.params["phrases"])

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        if not any(c.kind == "remedy" for c in article.claims):
            return
        for regex in self.phrases:
            for m in regex.finditer(article.text):
                yield self.finding(article, m.start(), m.end())
