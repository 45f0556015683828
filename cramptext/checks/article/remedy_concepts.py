"""``remedy-concepts``: a remedy the article advises whose concept the rule names (CT201, CT202)."""
from __future__ import annotations

from typing import Iterator

from ...records import Finding
from .selection import REGEXES, ConceptSelector, SentenceOnce, compile_patterns, in_order, selector_schema
from ..base import ArticleCheck, ArticleInput


class RemedyConceptsCheck(ArticleCheck):
    """A remedy the article advises (not denied) whose concept the rule names (CT201, CT202)."""

    kind = "remedy-concepts"
    params_schema = selector_schema({
        "allow_negated": {"type": "boolean"},  # report denied remedies too (default: no)
        "skip_hedged": {"type": "boolean"},  # stay quiet when the claim is only suggested (default: no)
        # Stay quiet when the claim's sentence matches one of these (e.g. it names the risks).
        "unless_sentence": REGEXES,
    })

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.select = ConceptSelector(rule, context.lexicon, p)
        self.allow_negated = p.get("allow_negated", False)
        self.skip_hedged = p.get("skip_hedged", False)
        self.unless = compile_patterns(rule, p.get("unless_sentence", ()))

    def run(self, article: ArticleInputInput) -> Iterator[Finding]:
        once = SentenceOnce()
        for claim in in_order(article.claims):
            if claim.kind != "remedy" or claim not in self.select:
                continue
            if (claim.negated and not self.allow_negated) or (claim.hedged and self.skip_hedged):
                continue
            if any(r.search(claim.sentence) for r in self.unless) or not once.first(claim):
                continue
            yield self.finding(article, claim.start, claim.end, concept=claim.concept)
