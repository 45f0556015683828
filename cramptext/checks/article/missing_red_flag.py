"""``missing-red-flag``: claims that call for a doctor in an article that never says when to see one (CT401, CT402)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .selection import KINDS, ConceptSelector, concept_key, in_order, selector_schema
from ..base import ArticleCheck, ArticleInput


class MissingRedFlagCheck(ArticleCheck):
    """Claims of a kind (serious causes, remedies) in an article that never says when to see a doctor."""

    kind = "missing-red-flag"
    params_schema = selector_schema({
        "claim_kinds": KINDS,  # the claims that call for a red flag (default: cause)
        "first_only": {"type": "boolean"},  # one finding at the first such claim (default: one each)
    })

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.select = ConceptSelector(rule, context.lexicon, p)
        self.kinds = set(p.get("claim_kinds", ("cause",)))
        self.first_only = p.get("first_only", False)

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        if any(c.kind == "red_flag" and not c.negated for c in article.claims):
            return
        seen: set[tuple[str, str]] = set()
        for claim in in_order(article.claims):
            if claim.kind not in self.kinds or claim.negated or claim not in self.select:
                continue
            key = concept_key(claim)
            if key in seen:  # one finding per concept is enough
                continue
            seen.add(key)
            yield self.finding(article, claim.start, claim.end, concept=claim.concept, kind=claim.kind)
            if self.first_only:
                return
