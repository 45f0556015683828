"""``rare-term``: a medical word English health writing does not use, with the word it does use.

Russian medicine keeps terms that English has dropped or never had
("флебэктазия" → "phlebeurysm", "гиподинамия" → "hypodynamia"); machine
translation carries them over. The rule's ``glossary`` gives each with its
everyday English; a term is flagged only while wordfreq finds it rare
(zipf at most ``max_zipf`` for its rarest word), so a glossary entry can
never fire on a word English writers do use.
"""
from __future__ import annotations

from typing import Iterator

import wordfreq
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from ...records import Finding
from .wording import keep_case
from ..base import PhrasingCheck, PhrasingInput


class RareTermCheck(PhrasingCheck):
    """A medical word English does not use ('phlebeurysm'), with the word it does ('varicose veins')."""

    kind = "rare-term"
    params_schema = {"type": "object", "additionalProperties": False, "required": ["glossary"],
                     "properties": {"glossary": {"type": "object", "minProperties": 1,
                                                 "additionalProperties": {"type": "string"}},
                                    "max_zipf": {"type": "number"}}}

    def __init__(self, rule, context):
        super().__init__(rule, context)
        max_zipf = rule.params.get("max_zipf", 1.0)
        self.glossary = {k.lower(): v for k, v in rule.params["glossary"].items()
                         if min(wordfreq.zipf_frequency(w, "en") for w in k.split()) <= max_zipf}
        self.matcher = PhraseMatcher(context.vocab, attr="LOWER")
        if self.glossary:
            self.matcher.add(rule.code, [context.tokenizer(k) for k in self.glossary])

    def run(self, article: PhrasingInput) -> Iterator[Finding]:
        doc = article.doc
        for span in filter_spans([doc[s:e] for _, s, e in self.matcher(doc)]):
            replacement = keep_case(span.text, self.glossary[span.text.lower()])
            last = span[-1]
            # "phlebeurysm makes" -> "varicose veins makes": a plural for a singular subject breaks agreement
            verb = last.head
            singular_verb = verb.tag_ == "VBZ" or verb.lower_ == "was" or any(
                c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ == "was") for c in verb.children)
            agreement = replacement.endswith("s") and last.dep_ in ("nsubj", "nsubjpass") and singular_verb
            yield self.finding(article, span.start_char, span.end_char, replacement=replacement,
                               applicability="unsafe" if agreement else None)
