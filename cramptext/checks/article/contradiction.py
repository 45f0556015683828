"""Contradictions: the same concept asserted and denied, in one article (CT301
``contradiction``) or across the articles of a run (CT302 ``corpus-contradiction``)."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from ...records import Claim, Finding, Location
from .selection import (KINDS, REGEXES, ConceptSelector, compile_patterns, concept_key, in_order,
                        selector_schema, warned_concepts)
from ..base import ArticleCheck, ArticleInput


# How each kind of claim reads when asserted and when denied (CT301, CT302 messages).
POLARITY_WORDS = {
    "remedy": ("recommended", "advised against"),
    "cause": ("named as a cause", "denied as a cause"),
    "symptom": ("named as a symptom", "denied as a symptom"),
    "red_flag": ("given as a reason to see a doctor", "said not to need a doctor"),
}


def _says(claim: Claim) -> str:
    asserted, denied = POLARITY_WORDS.get(claim.kind, ("asserted", "denied"))
    return denied if claim.negated else asserted


def _places(claim: Claim, other: Claim) -> tuple[str, str]:
    """'line 3' and 'line 1' for two claims; with columns when they share a line."""
    if claim.line != other.line or claim.source != other.source:
        return f"line {claim.line}", f"line {other.line}"
    return (f"line {claim.line}, column {claim.column}", f"line {other.line}, column {other.column}")


def _one_per_line(claims: Iterable[Claim], limit: int) -> list[Claim]:
    kept, lines = [], set()
    for claim in claims:
        if (claim.source, claim.line) not in lines:
            lines.add((claim.source, claim.line))
            kept.append(claim)
    return kept[:limit]


def _location(claim: Claim, message: str) -> Location:
    return Location(source=claim.source, start=claim.start, end=claim.end, line=claim.line,
                    column=claim.column, message=message)


class _PolarityCheck(ArticleCheck):
    """Shared by CT301 and CT302: claims of the same concept and kind, asserted and denied."""

    params_schema = selector_schema({
        "claim_kinds": KINDS,  # kinds compared (default: remedy, cause)
        "include_hedged": {"type": "boolean"},  # compare hedged claims too (default: yes)
        # a hedged assertion ("trials compared magnesium with placebo", "may help") does not
        # contradict a denial (default: it does)
        "hedged_assertions": {"type": "boolean"},
        "max_related": {"type": "integer", "minimum": 1},  # other places listed (default 3)
        # Claims whose sentence matches one of these are not flat statements (a condition,
        # a time frame: "was once prescribed ... now banned" is history, not a contradiction).
        "unless_sentence": REGEXES,
        # A concept named in a sentence that matches one of these is left alone in the whole
        # article: the article warns about it, and its other mentions describe what it warns against.
        "unless_article": REGEXES,
    })

    def __init__(self, rule, context):
        super().__init__(rule, context)
        p = rule.params
        self.select = ConceptSelector(rule, context.lexicon, p)
        self.kinds = set(p.get("claim_kinds", ("remedy", "cause")))
        self.include_hedged = p.get("include_hedged", True)
        self.max_related = p.get("max_related", 3)
        self.unless = compile_patterns(rule, p.get("unless_sentence", ()))
        self.hedged_assertions = p.get("hedged_assertions", True)
        self.unless_article = compile_patterns(rule, p.get("unless_article", ()))

    def relevant(self, claims: Iterable[Claim]) -> list[Claim]:
        claims = list(claims)
        warned = warned_concepts(claims, self.unless_article)
        return [c for c in in_order(claims) if concept_key(c) not in warned
                if c.kind in self.kinds and (self.include_hedged or not c.hedged) and c in self.select
                and (self.hedged_assertions or c.negated or not c.hedged)
                and not any(r.search(c.sentence) for r in self.unless)]


class ContradictionCheck(_PolarityCheck):
    """The same concept both asserted and denied, with the same kind, in one article (CT301).

    One finding per concept and kind, at the first claim that contradicts an
    earlier one, pointing back at the earlier claims of the other polarity.
    """

    kind = "contradiction"

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in self.relevant(article.claims):
            groups[(claim.kind, concept_key(claim))].append(claim)
        findings = []
        for claims in groups.values():
            for i, claim in enumerate(claims):
                earlier = [c for c in claims[:i] if c.negated != claim.negated and c.start != claim.start]
                if earlier:
                    findings.append(self._report(article, claim, _one_per_line(earlier, self.max_related)))
                    break
        yield from sorted(findings, key=lambda f: (f.start, f.end))

    def _report(self, article: ArticleInput, claim: Claim, earlier: list[Claim]) -> Finding:
        other = earlier[0]
        related = [_location(c, f"'{c.concept}' is {_says(c)} here") for c in earlier]
        place, other_place = _places(claim, other)
        return self.finding(article, claim.start, claim.end, related=related, concept=claim.concept,
                            this_says=_says(claim), other_says=_says(other), other_line=other.line,
                            line=claim.line, place=place, other_place=other_place, other_text=other.text)


class CorpusContradictionCheck(_PolarityCheck):
    """The same concept asserted in one document and denied in another linted with it (CT302).

    Articles arrive one by one (the Analyzer builds the check once per run and
    runs it on every article in input order); the check keeps, per concept and
    kind, the first asserted and the first denied claim of every earlier
    document, and reports at the first claim of the current document that an
    earlier document contradicts. By default a conflict is reported once per
    side: the first document that disagrees with an earlier one gets the
    finding, later documents that take the same side do not (one odd article
    out of fifty gives one finding, not 49); ``per_document: true`` reports
    in every disagreeing document.
    """

    kind = "corpus-contradiction"
    across_documents = True
    params_schema = {**_PolarityCheck.params_schema, "properties": {
        **_PolarityCheck.params_schema["properties"], "per_document": {"type": "boolean"}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.per_document = rule.params.get("per_document", False)
        self.reset()

    def reset(self) -> None:
        """Forget the documents seen so far: the Analyzer calls it when a run starts."""
        # (kind, concept key) -> negated -> source -> first claim of that polarity there
        self._seen: dict[tuple, dict[bool, dict[str, Claim]]] = defaultdict(lambda: {True: {}, False: {}})
        self._reported: set[tuple] = set()  # (kind, concept key, negated) already reported
        self._sources: set[str] = set()

    def run(self, article: ArticleInput) -> Iterator[Finding]:
        if article.source in self._sources:
            # The same document again: a new run over the same files without reset().
            self.reset()
        self._sources.add(article.source)
        groups: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in self.relevant(article.claims):
            groups[(claim.kind, concept_key(claim))].append(claim)
        findings = []
        for group_key, claims in groups.items():
            seen = self._seen.get(group_key)
            if not seen:
                continue
            for claim in claims:
                side = (*group_key, claim.negated)
                if not self.per_document and side in self._reported:
                    continue
                others = [c for src, c in seen[not claim.negated].items() if src != article.source]
                if others:
                    self._reported.add(side)
                    findings.append(self._report(article, claim, others[: self.max_related]))
                    break
        for group_key, claims in groups.items():
            slot = self._seen[group_key]
            for claim in claims:
                slot[claim.negated].setdefault(article.source, claim)
        yield from sorted(findings, key=lambda f: (f.start, f.end))

    def _report(self, article: ArticleInput, claim: Claim, others: list[Claim]) -> Finding:
        other = others[0]
        related = [_location(c, f"'{c.concept}' is {_says(c)} in {c.source}") for c in others]
        return self.finding(article, claim.start, claim.end, related=related, concept=claim.concept,
                            this_says=_says(claim), other_says=_says(other), other_source=other.source,
                            other_line=other.line, line=claim.line, other_text=other.text)
