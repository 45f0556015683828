"""``pattern``: spaCy Matcher patterns on lemmas, with a replacement template (most CT1xx rules)."""
from __future__ import annotations

from typing import Iterator

from spacy.util import filter_spans

from ...records import Finding
from .wording import fill_template, keep_case, sentence_lemmas
from ..base import PhrasingCheck, PhrasingInput

_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}}


class PatternCheck(PhrasingCheck):
    """spaCy Matcher patterns on lemmas, with a replacement template."""

    kind = "pattern"
    params_schema = {"type": "object", "additionalProperties": False,
                     "properties": {"requires_in_sentence": _WORDS}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.match_id = context.patterns.add(rule.code, [list(p) for p in rule.patterns])
        self.required = set(rule.params.get("requires_in_sentence", ()))

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        matches = self.context.patterns.matches(article)
        spans = filter_spans([doc[s:e] for m, s, e in matches if m == self.match_id])
        for span in spans:
            if self.required and not (self.required & sentence_lemmas(span)):
                continue
            replacement = None
            if self.rule.replacement is not None:
                replacement = keep_case(span.text, fill_template(self.rule.replacement, span))
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement)
