"""``phrase-list``: known wrong phrases and their fixes, matched on lower-case words ("the organism").

``unless_in_sentence`` keeps a phrase quiet where it is right: {"organism":
[bacteria, virus]} leaves "the organism behind strep throat" alone, since
there the word means a living thing, not the body.
"""
from __future__ import annotations

from typing import Iterator

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ...records import Finding
from .wording import keep_case, sentence_lemmas
from ..base import PhrasingCheck, PhrasingInput


class PhraseListCheck(PhrasingCheck):
    """Known wrong phrases and their fixes, matched on lower-case words ('the organism' → 'the body')."""

    kind = "phrase-list"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["phrases"],
                     "properties": {"phrases": {"type": "object", "minProperties": 1,
                                                "additionalProperties": {"type": "string"}},
                                    "unless_in_sentence": {"type": "object", "additionalProperties": {
                                        "type": "array", "items": {"type": "string", "minLength": 1}}}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = {k.lower(): v for k, v in rule.params["phrases"].items()}
        self.unless = {k.lower(): set(v) for k, v in rule.params.get("unless_in_sentence", {}).items()}
        self.matcher = PhraseMatcher(context.vocab, attr="LOWER")
        self.matcher.add(rule.code, [context.tokenizer(p) for p in self.phrases])

    def _quiet(self, span) -> bool:
        words = {t.lower_ for t in span}
        blockers = set().union(*(self.unless[w] for w in words if w in self.unless)) if self.unless else set()
        return bool(blockers and blockers & sentence_lemmas(span))

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for span in filter_spans([doc[s:e] for _, s, e in self.matcher(doc)]):
            if self._quiet(span):
                continue
            replacement = keep_case(span.text, self.phrases[span.text.lower()])
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement)
