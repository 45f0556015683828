"""``phrase-list``: known wrong phrases and their fixes, matched on lower-case words ("the organism")."""
from __future__ import annotations

from typing import Iterator

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ...records import Finding
from .wording import keep_case
from ..base import PhrasingCheck, PhrasingInput


class PhraseListCheck(PhrasingCheck):
    """Known wrong phrases and their fixes, matched on lower-case words ('the organism' → 'the body')."""

    kind = "phrase-list"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["phrases"],
                     "properties": {"phrases": {"type": "object", "minProperties": 1,
                                                "additionalProperties": {"type": "string"}}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        self.phrases = {k.lower(): v for k, v in rule.params["phrases"].items()}
        self.matcher = PhraseMatcher(context.vocab, attr="LOWER")
        self.matcher.add(rule.code, [context.tokenizer(p) for p in self.phrases])

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for span in filter_spans([doc[s:e] for _, s, e in self.matcher(doc)]):
            replacement = keep_case(span.text, self.phrases[span.text.lower()])
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement)
