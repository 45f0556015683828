"""``remedy-concepts``: a remedy the article advises whose concept the rule names (CT201, CT202)."""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from ...records import Finding
from .selection import (REGEXES, ConceptSelector, SentenceOnce, compile_patterns, concept_key, in_order,
                        selector_schema, warned_concepts)
from ..base import ArticleCheck, ArticleInput


class RemedyConceptsCheck(ArticleCheck):
    """A remedy the article advises (not denied) whose concept the rule names (CT201, CT202)."""

    kind = "remedy-concepts"
    params_schema = selector_schema({
        "allow_negated": {"type": "boolean"},  # report denied remedies too (default: no)
        "skip_hedged": {"type": "boolean"},  # stay quiet when the claim is only suggested (default: no)
        # Stay quiet when the claim's sentence matches one of these (e.g. it names the risks).
        "unless_sentence": REGEXES,
        # Stay quiet about a concept in the whole article when a sentence naming it matches one
        # of these: the article knows its risks, it warns against the remedy.
        "unless_article": REGEXES,
        # Stay quiet about a remedy the article denies at least as often as it mentions it
        # otherwise (default: yes): it warns against it.
        "quiet_when_denied": {"type": "boolean"},
    })

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.select = ConceptSelector(rule, context.lexicon, p)
        self.allow_negated = p.get("allow_negated", False)
        self.skip_hedged = p.get("skip_hedged", False)
        self.unless = compile_patterns(rule, p.get("unless_sentence", ()))
        self.quiet_when_denied = p.get("quiet_when_denied", True)
        self.unless_article = compile_patterns(rule, p.get("unless_article", ()))

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        once = SentenceOnce()
        remedies = [c for c in article.claims if c.kind == "remedy" and c in self.select]
        quiet = set()
        if self.quiet_when_denied and not self.allow_negated:
            stance = Counter((concept_key(c), c.negated) for c in remedies)
            quiet |= {key for key, negated in stance if negated and stance[key, True] >= stance[key, False]}
        quiet |= warned_concepts(remedies, self.unless_article)
        for claim in in_order(remedies):
            if concept_key(claim) in quiet:
                continue
            if (claim.negated and not self.allow_negated) or (claim.hedged and self.skip_hedged):
                continue
            if any(r.search(claim.sentence) for r in self.unless) or not once.first(claim):
                continue
            yield self.finding(article, claim.start, claim.end, concept=claim.concept)
