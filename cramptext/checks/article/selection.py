"""Which claims a rule is about (concept ids, tags, open-vocabulary names), and
helpers article checks share: compiled rule regexes, claim order, one finding a sentence."""
from __future__ import annotations

import re
from typing import Iterable

from ...errors import RuleError
from ...knowledge import Lexicon
from ...records import Claim

WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}
REGEXES = {"type": "array", "items": {"type": "string", "minLength": 1, "format": "regex"}}
KINDS = {"type": "array", "minItems": 1, "uniqueItems": True,
          "items": {"enum": ["cause", "symptom", "remedy", "red_flag"]}}


def compile_patterns(rule, patterns: Iterable[str]) -> list[re.Pattern]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as err:
            raise RuleError(f"{rule.path or rule.code}: params: bad regular expression {pattern!r}: {err}") from None
    return compiled


def _name_regex(names: Iterable[str]) -> re.Pattern | None:
    names = sorted({n.lower() for n in names}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:%s)(?:e?s)?\b" % "|".join(re.escape(n) for n in names))


def concept_key(claim: Claim) -> tuple[str, str]:
    """What makes two claims about 'the same thing': the lexicon id, else the open-vocabulary name."""
    if claim.concept_id:
        return ("id", claim.concept_id)
    return ("name", " ".join(claim.concept.lower().split()))


class ConceptSelector:
    """Which claims a rule is about: concept ids, concept tags, open-vocabulary names."""

    def __init__(self, rule, lexicon: Lexicon, params: dict):
        self.ids = set(params.get("concepts", ()))
        self.tags = set(params.get("tags", ()))
        self.exclude = set(params.get("exclude", ()))
        self.names = _name_regex(params.get("names", ()))
        unknown = sorted((self.ids | self.exclude) - set(lexicon.concepts))
        if unknown:
            raise RuleError(f"{rule.path or rule.code}: params: unknown concept id(s): {', '.join(unknown)}")
        self.tagged = {c.id for c in lexicon if c.tags & self.tags}
        self.any = not (self.ids or self.tags or self.names)

    def __contains__(self, claim: Claim) -> bool:
        if claim.concept_id in self.exclude:
            return False
        if self.any:
            return True
        if claim.concept_id:
            return claim.concept_id in self.ids or claim.concept_id in self.tagged
        return bool(self.names and self.names.search(claim.concept.lower()))


def in_order(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.start, c.end))


class SentenceOnce:
    """True the first time a sentence is seen: one finding per sentence is enough."""

    def __init__(self):
        self.last: Claim | None = None

    def first(self, claim: Claim) -> bool:
        last, self.last = self.last, claim
        return not (last is not None and last.sentence == claim.sentence
                    and claim.start - last.start <= len(claim.sentence))


def selector_schema(extra: dict | None = None, required: tuple = ()) -> dict:
    properties = {
        "concepts": WORDS,  # concept ids from concepts.yaml
        "tags": WORDS,  # concept tags: every concept with one of them
        "names": WORDS,  # open-vocabulary concept names (claims without a concept id)
        "exclude": WORDS,  # concept ids never reported (another rule covers them)
    }
    properties.update(extra or {})
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def warned_concepts(claims: Iterable[Claim], patterns: list[re.Pattern]) -> set[tuple[str, str]]:
    """Concepts the article warns about: named in a sentence that matches one of ``patterns``
    (a rule's ``unless_article``), which quiets the rule on that concept in the whole article."""
    return {concept_key(c) for c in claims if any(p.search(c.sentence) for p in patterns)}
